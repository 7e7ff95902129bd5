import AMQPClient
import AccessControl
import EventContracts
import Foundation
import Logging
import TestSupport
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The real service process with what a test needs around it: tokens signed with the
/// provisioned key, an HTTP client, and the admin broker connection to publish requests to
/// `rj.events` and watch, on a queue of its own, what the service emits.
struct RegisterAPIHarness {
  let rig: ServiceAPIRig

  /// Routing keys of what facilitator-matching emits.
  static let emitted = [
    FacilitatorAllocated.routingKey, AllocationUnfilled.routingKey,
    NotificationRequested.routingKey, AllocationEnded.routingKey, AllocationOffered.routingKey,
    AllocationDeclined.routingKey, FacilitatorRegistered.routingKey,
  ]

  /// Starts the service with `environment` added (offer timeout, watch interval).
  init(environment: [String: String] = [:]) async throws {
    rig = try await ServiceAPIRig(
      service: "facilitator-matching",
      environment: ["RJHUB_LOG_LEVEL": "debug", "RJHUB_RELAY_POLL_INTERVAL": "200ms"].merging(
        environment
      ) { $1 },
      observing: Self.emitted)
  }

  /// A token for `roles` in `areas`.
  func token(_ roles: Set<Role>, areas: Set<String>, subject: String = "test-supervisor-3")
    async throws -> String
  {
    try await rig.token(subject: subject, roles: roles, areas: areas)
  }

  /// An HTTP request to the service; its status and body.
  func http(_ method: String, _ path: String, token: String?, body: String? = nil) async throws
    -> (status: Int, body: Data)
  {
    let reply = try await rig.http(method, path, token: token, body: body)
    return (reply.status, reply.body)
  }

  /// `POST /facilitators` with `body` (a JSON object).
  func post(_ body: [String: Any], token: String?) async throws -> (status: Int, body: Data) {
    let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
    return try await http(
      "POST", "/facilitators", token: token, body: String(decoding: data, as: UTF8.self))
  }

  /// `GET /facilitators?area=...`'s facilitators, requiring a 200.
  func list(_ area: String, token: String) async throws -> [[String: Any]] {
    let (status, body) = try await http("GET", "/facilitators?area=\(area)", token: token)
    try #require(status == 200)
    let listing = try json(body)
    #expect(listing["area"] as? String == area)
    return try #require(listing["facilitators"] as? [[String: Any]])
  }

  /// `body` as a JSON object.
  func json(_ body: Data) throws -> [String: Any] { try ServiceAPIRig.json(body) }

  /// The `path code` of each problem in a 400 body.
  func problems(_ body: Data) throws -> [String] {
    let errors = try #require(try json(body)["errors"] as? [[String: String]])
    #expect(errors.allSatisfy { !($0["message"] ?? "").isEmpty })
    return errors.map { "\($0["path"] ?? "") \($0["code"] ?? "")" }
  }

  /// Publishes `events` to `rj.events` as victim-contact's relay would.
  func publish(_ events: [EventEnvelope<FacilitatorsRequested>]) async throws {
    try await rig.publish(events)
  }

  /// Takes what the service emitted about `caseId` from the observer queue until `count`
  /// events have arrived (waiting at most a minute), then a little longer for any extra.
  func emitted(about caseId: String, count: Int) async throws -> [(String, [UInt8])] {
    let needle = "\"caseId\":\"\(caseId)\""
    var taken: [(String, [UInt8])] = []
    let deadline = ContinuousClock.now + .seconds(60)
    var quietUntil: ContinuousClock.Instant?
    while ContinuousClock.now < deadline {
      let arrived = try await rig.takeObserved()
      for delivery in arrived where String(decoding: delivery.body, as: UTF8.self).contains(needle)
      {
        taken.append((delivery.routingKey, delivery.body))
      }
      if !arrived.isEmpty { continue }
      if taken.count >= count {
        if let quietUntil, ContinuousClock.now >= quietUntil { return taken }
        quietUntil = quietUntil ?? ContinuousClock.now + .seconds(1)
      }
      try await Task.sleep(for: .milliseconds(100))
    }
    throw HarnessError.timedOut("\(count) events about \(caseId)")
  }

  func tearDown() async { await rig.tearDown() }
}

extension RegisterAPIHarness: ScopedTestRig {
  /// Runs `body` against a new harness and always tears it down afterwards, whether `body`
  /// returns or throws.
  static func with<T>(
    environment: [String: String] = [:], _ body: (RegisterAPIHarness) async throws -> T
  ) async throws -> T {
    try await withTearDown(of: RegisterAPIHarness(environment: environment), body)
  }
}
