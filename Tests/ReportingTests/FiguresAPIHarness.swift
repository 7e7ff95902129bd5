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
  let rig: ServiceAPIRig
  let area = "rpt-" + TestServers.uniqueName("area").replacingOccurrences(of: "_", with: "-")

  init() async throws {
    rig = try await ServiceAPIRig(service: "reporting", environment: ["RJHUB_LOG_LEVEL": "debug"])
  }

  /// Publishes `events` to `rj.events` as their producers would.
  func publish(_ events: [OutgoingMessage]) async throws { try await rig.publish(events) }

  /// A token for `roles` in `areas` (by default the test's area).
  func token(_ roles: Set<Role>, areas: Set<String>? = nil) async throws -> String {
    try await rig.token(subject: "test-commissioner-3", roles: roles, areas: areas ?? [area])
  }

  /// A GET request to the service; its status, content type and body.
  func get(_ path: String, token: String?) async throws
    -> (status: Int, contentType: String, body: Data)
  {
    let reply = try await rig.http("GET", path, token: token)
    return (reply.status, reply.contentType, reply.body)
  }

  /// `body` as a JSON object.
  func json(_ body: Data) throws -> [String: Any] { try ServiceAPIRig.json(body) }

  /// Waits until `condition` holds, for at most a minute.
  func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws {
    try await rig.waitUntil(what, condition)
  }

  func tearDown() async { await rig.tearDown() }
}

extension FiguresAPIHarness: ScopedTestRig {
  /// Runs `body` against a new harness and always tears it down afterwards, whether `body`
  /// returns or throws.
  static func with<T>(
    _ body: (FiguresAPIHarness) async throws -> T
  ) async throws -> T {
    try await withTearDown(of: FiguresAPIHarness(), body)
  }
}
