import AMQPClient
import AccessControl
import EventContracts
import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The real `rjhub-reporting` process with what an HTTP test needs around it: tokens signed
/// with the provisioned key, an HTTP client, and the admin broker connection to publish
/// events to `rj.events` for an area of the test's own (so its figures are the test's alone).
struct FiguresAPIHarness {
  let service: ReportingProcess
  let admin: AMQPConnection
  let issuer: TokenIssuer
  let area = "rpt-" + TestServers.uniqueName("area").replacingOccurrences(of: "_", with: "-")
  let logger = TestServers.logger("reporting-api-test")

  init() async throws {
    issuer = TokenIssuer(signingKey: try TestServers.setting(named: "RJHUB_TEST_JWT_HS256_KEY"))
    admin = AMQPConnection(
      configuration: try AMQPConfiguration(
        url: try TestServers.amqpURL(), connectionName: "reporting-api-test"),
      logger: logger)
    try await admin.connect()
    service = try ReportingProcess()
    try await service.waitUntilReady()
  }

  /// Publishes `events` to `rj.events` as their producers would.
  func publish(_ events: [OutgoingMessage]) async throws {
    let outcomes = try await admin.publish(events)
    guard outcomes.allSatisfy({ $0 == .confirmed }) else {
      throw ReportingTestError.notConfirmed("\(outcomes)")
    }
  }

  /// A token for `roles` in `areas` (by default the test's area).
  func token(_ roles: Set<Role>, areas: Set<String>? = nil) async throws -> String {
    try await issuer.issue(
      subject: "test-commissioner-3", roles: roles, areas: areas ?? [area])
  }

  /// A GET request to the service; its status, content type and body.
  func get(_ path: String, token: String?) async throws
    -> (status: Int, contentType: String, body: Data)
  {
    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(service.port)\(path)")!)
    if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = response as? HTTPURLResponse
    return (
      http?.statusCode ?? 0, http?.value(forHTTPHeaderField: "Content-Type") ?? "", data
    )
  }

  /// `body` as a JSON object.
  func json(_ body: Data) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
  }

  /// Waits until `condition` holds, checking every 200 ms, for at most a minute.
  func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(60)
    while ContinuousClock.now < deadline {
      if try await condition() { return }
      try await Task.sleep(for: .milliseconds(200))
    }
    throw ReportingTestError.timedOut(what)
  }

  func tearDown() async {
    await service.stop()
    await admin.close()
  }
}
