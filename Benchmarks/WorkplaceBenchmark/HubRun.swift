import AMQPClient
import AccessControl
import AsyncHTTPClient
import EventContracts
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import TestSupport

/// The benchmark on a running hub (`Benchmarks/workplace.sh` starts one): one police referral
/// published as a police system would, its case given a long journey through victim-contact's
/// API (paused and resumed until its timeline has `timelineEntries` entries), then the case page
/// fetched from the workplace by a case worker signed in through the OpenID provider's form,
/// `count` times one after another, each alternating with victim-contact's
/// `GET /cases/{caseId}` alone so that the workplace's own share shows.
struct HubRun {
  var count: Int
  var timelineEntries: Int
  var area: String
  let runId = String(UUID().uuidString.prefix(8)).lowercased()
  let environment = ProcessInfo.processInfo.environment

  var victimContact: String {
    "http://127.0.0.1:\(environment["RJHUB_VICTIM_CONTACT_PORT"] ?? "8082")"
  }
  var workplace: String { environment["RJHUB_WORKPLACE_URL"] ?? "http://127.0.0.1:8086" }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  func run(http: HTTPClient) async throws {
    print("through the hub: workplace \(workplace), victim-contact \(victimContact), run \(runId)")
    let issuer = TokenIssuer(signingKey: try TestServers.setting(named: "RJHUB_TEST_JWT_HS256_KEY"))
    let worker = try await issuer.issue(
      subject: "bench-workplace-worker", roles: [.caseWorker], areas: [area])
    let api = API(http: http, base: victimContact, token: worker)

    try await publishReferral()
    let caseId = try await plannedCase(api)
    let path = "/cases/\(caseId)"
    var view = try await api.json(.GET, path)
    let stage = view["stage"] as? String ?? ""
    var timeline = Self.timeline(of: view)
    let movesStart = ContinuousClock.now
    var moves = 0
    // Each stage move is one timeline entry: paused, then resumed to the stage it came from.
    while timeline < timelineEntries {
      for _ in 0..<((timelineEntries - timeline + 1) / 2) {
        try await api.json(.POST, path + "/stage", ["stage": "paused"])
        try await api.json(.POST, path + "/stage", ["stage": stage])
        moves += 2
      }
      view = try await api.json(.GET, path)
      timeline = Self.timeline(of: view)
    }
    print(
      String(
        format:
          "  case %@ (stage %@): %d stage moves in %.1f s; timeline %d entries, %d stage changes",
        caseId, stage, moves, Figures.milliseconds(ContinuousClock.now - movesStart) / 1000,
        timeline, ((view["journey"] as? [String: Any])?["stageChanges"] as? [Any])?.count ?? 0))

    let browser = Browser(http: http, base: workplace)
    try await browser.signIn(
      user: "caseworker.alpha", password: "test-caseworker-alpha-pw",
      issuer: try TestServers.setting(named: "RJHUB_TEST_OIDC_ISSUER"))

    func page() async throws -> Int {
      let answer = try await browser.get(path)
      guard answer.status == 200, answer.body.contains(caseId) else {
        throw Failure(
          description: "workplace GET \(path): \(answer.status) \(answer.body.prefix(300))")
      }
      return answer.body.utf8.count
    }
    func caseView() async throws -> Int { try await api.raw(.GET, path).readableBytes }

    var pageSize = 0
    var answerSize = 0
    for _ in 0..<10 {  // warm-up, not counted
      pageSize = try await page()
      answerSize = try await caseView()
    }
    var pages: [Double] = []
    var views: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<count {
      var start = clock.now
      pageSize = try await page()
      pages.append(Figures.milliseconds(clock.now - start))
      start = clock.now
      answerSize = try await caseView()
      views.append(Figures.milliseconds(clock.now - start))
    }
    print(
      "  \(count) case pages, one at a time (each followed by victim-contact's view alone); "
        + "page \(pageSize) bytes, victim-contact's answer \(answerSize) bytes, timeline \(timeline) entries"
    )
    Figures.line("workplace page", pages)
    Figures.line("victim-contact alone", views)
    let sortedPages = pages.sorted()
    let sortedViews = views.sorted()
    print(
      String(
        format:
          "  workplace's own share: p50 %.2f ms, p95 %.2f ms (page minus victim-contact, per percentile)",
        Figures.percentile(sortedPages, 0.5) - Figures.percentile(sortedViews, 0.5),
        Figures.percentile(sortedPages, 0.95) - Figures.percentile(sortedViews, 0.95)))
  }

  static func timeline(of view: [String: Any]) -> Int {
    ((view["journey"] as? [String: Any])?["timeline"] as? [Any])?.count ?? 0
  }

  /// One referral for `area`, as CaseWorkBenchmark's police publisher sends them.
  func publishReferral() async throws {
    var logger = Logger(label: "rjhub.workplace-benchmark")
    logger.logLevel = .error
    guard let url = try TestServers.serviceEnvironment("police-publisher")["RJHUB_AMQP_URL"] else {
      throw Failure(description: "no provisioned police-publisher account: run infra/up.sh")
    }
    let police = AMQPConnection(
      configuration: try AMQPConfiguration(url: url, connectionName: "workplace-benchmark"),
      logger: logger)
    try await police.connect()
    let replies = "police.workplace-benchmark.\(runId)"
    try await police.declare(AMQPTopology(queues: [QueueDeclaration(name: replies)]))
    var properties = AMQPMessageProperties()
    properties.messageId = UUID().uuidString.lowercased()
    properties.correlationId = "\(runId)-0"
    properties.replyTo = replies
    properties.contentType = "application/json"
    properties.persistent = true
    let referral = BenchmarkReferral.body(prefix: "WPB", index: 0, run: runId, area: area)
    let outcomes = try await police.publish([
      OutgoingMessage(
        exchange: EventExchange.referrals, routingKey: ReferralSubmission.routingKey,
        body: Array(try JSONSerialization.data(withJSONObject: referral)), properties: properties)
    ])
    _ = try? await police.deleteQueue(replies)
    await police.close()
    guard outcomes.allSatisfy({ $0 == .confirmed }) else {
      throw Failure(description: "unconfirmed")
    }
  }

  /// The referral's case once first contact is planned (its participants exist).
  func plannedCase(_ api: API) async throws -> String {
    let deadline = ContinuousClock.now + .seconds(120)
    let start = ContinuousClock.now
    while ContinuousClock.now < deadline {
      let list = try await api.json(.GET, "/cases?q=WPB-\(runId)-")["cases"] as? [[String: Any]]
      if let id = list?.first?["caseId"] as? String {
        let journey = try await api.json(.GET, "/cases/\(id)")["journey"] as? [String: Any]
        if !((journey?["participants"] as? [Any]) ?? []).isEmpty {
          print(
            String(
              format: "  referral published; case %@ planned after %.1f s", id,
              Figures.milliseconds(ContinuousClock.now - start) / 1000))
          return id
        }
      }
      try await Task.sleep(for: .milliseconds(200))
    }
    throw Failure(description: "the referral's case was not planned within 120 s")
  }
}

/// victim-contact's API as the benchmark's case worker (an HS256 token).
struct API {
  let http: HTTPClient
  let base: String
  let token: String

  func raw(_ method: HTTPMethod, _ path: String, _ body: [String: Any]? = nil) async throws
    -> ByteBuffer
  {
    var request = HTTPClientRequest(url: base + path)
    request.method = method
    request.headers.add(name: "Authorization", value: "Bearer \(token)")
    request.headers.add(name: "Accept", value: "application/json")
    if let body {
      request.headers.add(name: "Content-Type", value: "application/json")
      request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
    }
    let response = try await http.execute(request, timeout: .seconds(30))
    let bytes = try await response.body.collect(upTo: 16 << 20)
    guard (200..<300).contains(response.status.code) else {
      throw HubRun.Failure(
        description:
          "\(method) \(path): \(response.status.code) \(String(buffer: bytes).prefix(500))")
    }
    return bytes
  }

  @discardableResult
  func json(_ method: HTTPMethod, _ path: String, _ body: [String: Any]? = nil) async throws
    -> [String: Any]
  {
    let bytes = try await raw(method, path, body)
    return
      (try? JSONSerialization.jsonObject(with: Data(bytes.readableBytesView)) as? [String: Any])
      ?? [:]
  }
}

/// A browser as far as HTTP goes (as Tests/EndToEndTests' StaffBrowser): the workplace's
/// cookies kept, no redirect followed, no script; signs in through the provider's form.
final class Browser: @unchecked Sendable {
  let http: HTTPClient
  let base: String
  private var cookies: [String: String] = [:]

  init(http: HTTPClient, base: String) {
    self.http = http
    self.base = base
  }

  struct Answer {
    var status: Int
    var location: String?
    var body: String
  }

  func get(_ url: String) async throws -> Answer { try await request(.GET, url) }

  func request(_ method: HTTPMethod, _ url: String, form: [(String, String)]? = nil) async throws
    -> Answer
  {
    let absolute = url.hasPrefix("http") ? url : base + url
    var request = HTTPClientRequest(url: absolute)
    request.method = method
    let ours = absolute.hasPrefix(base)
    if ours, !cookies.isEmpty {
      request.headers.add(
        name: "Cookie", value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
    }
    if let form {
      let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
      let text = form.map {
        "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)"
      }.joined(separator: "&")
      request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
      request.body = .bytes(ByteBuffer(string: text))
    }
    let response = try await http.execute(request, timeout: .seconds(30))
    let body = try await response.body.collect(upTo: 16 << 20)
    if ours {
      for cookie in response.headers["Set-Cookie"] {
        let pair = cookie.split(separator: ";")[0].split(
          separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard pair.count == 2 else { continue }
        cookies[String(pair[0])] =
          pair[1].isEmpty || cookie.contains("Max-Age=0") ? nil : String(pair[1])
      }
    }
    return Answer(
      status: Int(response.status.code), location: response.headers.first(name: "Location"),
      body: String(buffer: body))
  }

  /// Signs in as `user` through the provider's HTML form (authorization code flow).
  func signIn(user: String, password: String, issuer: String) async throws {
    let start = try await get("/auth/start?return=%2Fmy-work")
    guard start.status == 303, let authorize = start.location else {
      throw HubRun.Failure(description: "workplace /auth/start answered \(start.status)")
    }
    let login = try await get(authorize)
    guard login.status == 200, let action = Self.value(of: "action=\"", in: login.body),
      let token = Self.value(of: "name=\"token\" value=\"", in: login.body)
    else {
      throw HubRun.Failure(description: "no sign-in form from the provider (\(login.status))")
    }
    let sent = try await request(
      .POST, issuer + action, form: [("token", token), ("username", user), ("password", password)])
    guard (300..<400).contains(sent.status), let callback = sent.location else {
      throw HubRun.Failure(description: "the provider answered \(sent.status) to the sign-in form")
    }
    let back = try await get(callback)
    guard back.status == 303, !cookies.isEmpty else {
      throw HubRun.Failure(
        description:
          "the workplace answered \(back.status) to the callback: \(back.body.prefix(300))")
    }
    print("  signed in to the workplace as \(user) through the OpenID provider's form")
  }

  static func value(of prefix: String, in page: String) -> String? {
    guard let range = page.range(of: prefix) else { return nil }
    let rest = page[range.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
  }
}
