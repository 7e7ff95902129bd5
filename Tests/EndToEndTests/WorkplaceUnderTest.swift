import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TestSupport

/// `rjhub-workplace` started as its own process with its provisioned account, on the port the
/// local OpenID provider lists as the tests' redirect URI (`http://127.0.0.1:8096`), pointed at
/// services of `services` (or nowhere, for tests of sign-in and sessions alone).
final class WorkplaceUnderTest: Sendable {
  /// The port the provider's test redirect URI names (infra/oidc.sh).
  static let port = 8096

  let process: ServiceProcess
  var base: String { "http://127.0.0.1:\(Self.port)" }

  /// Starts the workplace with `environment` over its account's settings.
  init(environment: [String: String] = [:], logName: String = "workplace") async throws {
    var settings = [
      "RJHUB_WORKPLACE_URL": "http://127.0.0.1:\(Self.port)",
      "RJHUB_OIDC_ISSUER": try TestServers.setting(named: "RJHUB_TEST_OIDC_ISSUER"),
    ]
    settings.merge(environment) { _, new in new }
    process = try ServiceProcess(
      service: "workplace", port: Self.port, logName: logName, environment: settings)
    try await process.waitUntilReady(seconds: 60)
  }

  /// Stops it.
  func stop() async { _ = await process.stop() }

  /// Runs `body` with a workplace started for it, stopped afterwards however `body` ends.
  static func with<T: Sendable>(
    environment: [String: String] = [:],
    _ body: @Sendable (WorkplaceUnderTest) async throws -> T
  ) async throws -> T {
    let workplace = try await WorkplaceUnderTest(environment: environment)
    do {
      let result = try await body(workplace)
      await workplace.stop()
      return result
    } catch {
      await workplace.stop()
      throw error
    }
  }
}

/// One person's browser as far as HTTP goes: a cookie jar, no redirects followed (each is
/// looked at), no script. Signs in through the real OpenID provider's form.
final class StaffBrowser: @unchecked Sendable {
  let workplace: WorkplaceUnderTest
  let http = HTTPClient(
    eventLoopGroupProvider: .singleton,
    configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))
  private var cookies: [String: String] = [:]
  private let lock = NSLock()

  init(_ workplace: WorkplaceUnderTest) { self.workplace = workplace }

  deinit { try? http.syncShutdown() }

  /// A page's answer.
  struct Answer {
    var status: Int
    var location: String?
    var body: String
    var setCookies: [String]
  }

  /// `method url`, sending and keeping cookies for the workplace (the provider's are not
  /// needed: it keeps no sign-in session).
  func request(
    _ method: HTTPMethod, _ url: String, form: [(String, String)]? = nil,
    headers extra: [(String, String)] = []
  ) async throws -> Answer {
    let absolute = url.hasPrefix("http") ? url : workplace.base + url
    var request = HTTPClientRequest(url: absolute)
    request.method = method
    if absolute.hasPrefix(workplace.base) {
      let jar = lock.withLock { cookies }
      if !jar.isEmpty {
        request.headers.add(
          name: "Cookie", value: jar.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
      }
    }
    for (name, value) in extra { request.headers.add(name: name, value: value) }
    if let form {
      request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
      request.body = .bytes(ByteBuffer(string: Self.encode(form)))
    }
    let response = try await http.execute(request, timeout: .seconds(30))
    let body = try await response.body.collect(upTo: 8 << 20)
    let setCookies = response.headers["Set-Cookie"]
    if absolute.hasPrefix(workplace.base) {
      lock.withLock {
        for cookie in setCookies {
          let pair = cookie.split(separator: ";")[0].split(
            separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
          guard pair.count == 2 else { continue }
          let name = String(pair[0])
          if pair[1].isEmpty || cookie.contains("Max-Age=0") {
            cookies[name] = nil
          } else {
            cookies[name] = String(pair[1])
          }
        }
      }
    }
    return Answer(
      status: Int(response.status.code), location: response.headers.first(name: "Location"),
      body: String(buffer: body), setCookies: setCookies)
  }

  /// Signs in as `user` (`caseworker.alpha` …, infra/oidc-users.json) through the provider's
  /// form, starting from `page`; returns the workplace's answer to the callback.
  @discardableResult
  func signIn(_ user: String, returnTo page: String = "/account") async throws -> Answer {
    let start = try await request(.GET, "/auth/start?return=\(page)")
    guard start.status == 303, let authorize = start.location else {
      throw WorkplaceTestError.unexpected("auth/start answered \(start.status)")
    }
    let login = try await request(.GET, authorize)
    guard login.status == 200, let action = Self.attribute("action", in: login.body),
      let token = Self.hiddenValue("token", in: login.body)
    else { throw WorkplaceTestError.unexpected("no sign-in form (\(login.status))") }
    let issuer = try TestServers.setting(named: "RJHUB_TEST_OIDC_ISSUER")
    let password = "test-\(user.split(separator: ".")[0])-alpha-pw"
    let sent = try await request(
      .POST, issuer + action, form: [("token", token), ("username", user), ("password", password)])
    guard (300..<400).contains(sent.status), let callback = sent.location else {
      throw WorkplaceTestError.unexpected("provider answered \(sent.status) to the sign-in form")
    }
    return try await request(.GET, callback)
  }

  /// The value of the workplace cookie `name`, if the browser holds it.
  func cookie(named name: String) -> String? { lock.withLock { cookies[name] } }

  /// Puts cookie `name` in the jar (as someone who copied it would).
  func setCookie(_ name: String, _ value: String) { lock.withLock { cookies[name] = value } }

  /// The CSRF token of the page's forms.
  static func csrfToken(in page: String) -> String? { hiddenValue("csrfToken", in: page) }

  static func hiddenValue(_ name: String, in page: String) -> String? {
    guard let range = page.range(of: "name=\"\(name)\" value=\"") else { return nil }
    let rest = page[range.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
  }

  static func attribute(_ name: String, in page: String) -> String? {
    guard let range = page.range(of: "\(name)=\"") else { return nil }
    let rest = page[range.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
  }

  static func encode(_ form: [(String, String)]) -> String {
    let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
    return form.map {
      "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)"
    }.joined(separator: "&")
  }
}

enum WorkplaceTestError: Error, CustomStringConvertible {
  case unexpected(String)
  var description: String {
    switch self {
    case .unexpected(let what): what
    }
  }
}
