import EventContracts
import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The self-referral form over plain HTTP on the built `rjhub-intake`: what protects it (the
/// signed double-submit token, the per-minute cap, no scripts, no caching, escaping) and the
/// offender's version of it, which never asks for the victim's contact details.
@Suite("Self-referral form", .serialized)
struct SelfReferralFormTests {
  @Test("pages carry a strict policy; answers are escaped; a submission needs the token")
  func protections() async throws {
    try await ServiceAPIRig.with(service: "intake") { rig in
      let form = FormClient(port: rig.service.port)
      let start = try await form.get("/self-referral")
      #expect(start.status == 200)
      let policy = start.headers["Content-Security-Policy"] ?? ""
      #expect(policy.contains("default-src 'none'") && !policy.contains("script-src"))
      #expect(start.headers["Cache-Control"] == "no-store")
      #expect(start.headers["X-Frame-Options"] == "DENY")

      let noRole = try await form.get("/self-referral/details")
      #expect(noRole.status == 422)
      #expect(noRole.text.contains("<a href=\"#role\">Select who you are</a>"))

      let page = try await form.get("/self-referral/details?role=victim")
      #expect(page.status == 200)
      let cookie = try #require(page.headers["Set-Cookie"])
      #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
      let token = try #require(FormClient.hidden("csrf", in: page.text))
      let reference = try #require(FormClient.hidden("reference", in: page.text))

      // Without the cookie, or with a token of its own making, nothing is received.
      let forged = try await form.post(
        ["role": "victim", "csrf": token, "reference": reference], cookie: nil)
      #expect(forged.status == 403)
      let made = "bm9uY2U.c2lnbmF0dXJl"
      let selfMade = try await form.post(
        ["role": "victim", "csrf": made, "reference": reference],
        cookie: "rjhub_self_referral=\(made)")
      #expect(selfMade.status == 403)

      // With it, errors come back beside the fields and what was typed is escaped.
      let hostile = "<script>alert(1)</script>"
      let rejected = try await form.post(
        ["role": "victim", "csrf": token, "reference": reference, "fullName": hostile],
        cookie: "rjhub_self_referral=\(token)")
      #expect(rejected.status == 422)
      #expect(!rejected.text.contains(hostile))
      #expect(rejected.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
      #expect(rejected.text.contains("<title>Error: "))
      #expect(rejected.text.contains("href=\"#safeToContact\""))
      #expect(FormClient.hidden("previous", in: rejected.text)?.hasPrefix("form-") == true)

      // A confirmation page exists only for a reference the hub accepted.
      #expect(
        try await form.get("/self-referral/confirmation?reference=\(reference)").status == 404)
      #expect(try await form.get("/self-referral/confirmation?reference=<b>").status == 404)
    }
  }

  @Test("an offender refers themself: their contact in the referrer, the victim's name optional")
  func offender() async throws {
    try await ServiceAPIRig.with(service: "intake", observing: [CaseOpened.routingKey]) { rig in
      let form = FormClient(port: rig.service.port)
      let page = try await form.get("/self-referral/details?role=offender")
      #expect(!page.text.contains("name=\"address\""))
      #expect(!page.text.contains("name=\"safeToContact\""))
      #expect(page.text.contains("name=\"victimAware\""))
      let token = try #require(FormClient.hidden("csrf", in: page.text))
      let reference = try #require(FormClient.hidden("reference", in: page.text))
      var answers = [
        "role": "offender", "csrf": token, "reference": reference,
        "fullName": "Synthetic Offender \(UUID().uuidString.prefix(6))", "dob-day": "1",
        "dob-month": "2", "dob-year": "1990", "phone": "07700 900123", "area": "suffolk",
        "offenceCategory": "criminal-damage", "reportedToPolice": "yes", "consent": "yes",
      ]
      let missing = try await form.post(answers, cookie: "rjhub_self_referral=\(token)")
      #expect(missing.status == 422)
      #expect(missing.text.contains("<a href=\"#victimAware\">"))
      answers["victimAware"] = "not-sure"
      answers["previous"] = FormClient.hidden("previous", in: missing.text)
      let sent = try await form.post(answers, cookie: "rjhub_self_referral=\(token)")
      #expect(sent.status == 200)
      #expect(sent.url.contains("/self-referral/confirmation?reference=\(reference)"))
      #expect(sent.text.contains(reference))
      // The area's team, as configured (the built-in Suffolk placeholders).
      #expect(sent.text.contains("Contact the Suffolk restorative justice team"))
      #expect(sent.text.contains("Telephone: 01632 960 103"))

      let opened = try await rig.caseOpened(referralId: reference)
      #expect(opened.initiatedBy == .offender)
      #expect(opened.referrerType == .selfReferral)
      #expect(opened.victimSafeToContact == false)
    }
  }

  @Test("more submissions than the minute allows are turned away, and nothing is received")
  func rateLimited() async throws {
    try await ServiceAPIRig.with(
      service: "intake", environment: ["RJHUB_SELF_REFERRAL_PER_MINUTE": "2"]
    ) { rig in
      let form = FormClient(port: rig.service.port)
      let page = try await form.get("/self-referral/details?role=victim")
      let token = try #require(FormClient.hidden("csrf", in: page.text))
      var statuses: [Int] = []
      for _ in 0..<5 {
        statuses.append(
          try await form.post(
            ["role": "victim", "csrf": token], cookie: "rjhub_self_referral=\(token)"
          ).status)
      }
      // Five within at most two minutes' windows of two each: at least one is turned away.
      #expect(statuses.contains(429))
      #expect(statuses.allSatisfy { $0 == 422 || $0 == 429 })
      #expect(statuses.filter { $0 == 422 }.count >= 2)
    }
  }
}

extension ServiceAPIRig {
  /// The `case.opened.v1` of `referralId`, waiting for it on the observer queue.
  func caseOpened(referralId: String) async throws -> CaseOpened {
    var opened: CaseOpened?
    try await waitUntil("case.opened.v1 for \(referralId)") {
      for delivery in try await takeObserved() {
        let event = try EventCoding.decode(CaseOpened.self, from: delivery.body)
        if event.data.referralId == referralId { opened = event.data }
      }
      return opened != nil
    }
    return try #require(opened)
  }
}

/// A browser-less client of the form: no cookie jar, no JavaScript; follows redirects.
struct FormClient {
  let port: Int

  struct Page {
    var status: Int
    var headers: [String: String]
    var text: String
    var url: String
  }

  func get(_ path: String) async throws -> Page {
    try await send(URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!))
  }

  func post(_ fields: [String: String?], cookie: String?) async throws -> Page {
    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/self-referral/details")!)
    request.httpMethod = "POST"
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    request.httpBody = Data(
      fields.compactMap { name, value in
        value.map {
          "\(name)=\($0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }
      }.joined(separator: "&").utf8)
    request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
    if let cookie { request.setValue(cookie, forHTTPHeaderField: "Cookie") }
    return try await send(request)
  }

  func send(_ request: URLRequest) async throws -> Page {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.httpShouldSetCookies = false
    configuration.httpCookieAcceptPolicy = .never
    let session = URLSession(configuration: configuration)
    defer { session.finishTasksAndInvalidate() }
    let (data, response) = try await session.data(for: request)
    let http = response as? HTTPURLResponse
    var headers: [String: String] = [:]
    for (name, value) in http?.allHeaderFields ?? [:] {
      if let name = name as? String, let value = value as? String { headers[name] = value }
    }
    return Page(
      status: http?.statusCode ?? 0, headers: headers, text: String(decoding: data, as: UTF8.self),
      url: http?.url?.absoluteString ?? "")
  }

  /// The value of the hidden input `name` in `html`.
  static func hidden(_ name: String, in html: String) -> String? {
    guard
      let range = html.range(
        of: "<input type=\"hidden\" name=\"\(name)\" value=\"([^\"]*)\"",
        options: .regularExpression)
    else { return nil }
    let match = String(html[range])
    return match.components(separatedBy: "value=\"").last.map { String($0.dropLast()) }
  }
}
