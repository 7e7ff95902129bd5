import AMQPClient
import AccessControl
import EventContracts
import Foundation
import Logging
import PostgresClient
import TestSupport
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The real service process with what a test needs around it: tokens signed with the
/// provisioned key, an HTTP client, the admin broker connection to publish case events to
/// `rj.events`, a queue of its own bound to `rj.events` to watch what the service emits, and
/// the admin database connection to see the service's outbox drain.
struct CaseAPIHarness {
  let service: VictimContactProcess
  let admin: AMQPConnection
  let observerQueue = TestServers.uniqueName("victim-contact-test-observer")
  let issuer: TokenIssuer
  let pool: PostgresConnectionPool
  let logger = TestServers.logger("victim-contact-api-test")

  /// Routing keys of what victim-contact emits.
  static let emitted = [
    ContactTaskScheduled.routingKey, NotificationRequested.routingKey, ContactRecorded.routingKey,
    CaseStageChanged.routingKey, FacilitatorsRequested.routingKey,
  ]

  init() async throws {
    issuer = TokenIssuer(signingKey: try TestServers.setting(named: "RJHUB_TEST_JWT_HS256_KEY"))
    admin = AMQPConnection(
      configuration: try AMQPConfiguration(
        url: try TestServers.amqpURL(), connectionName: "victim-contact-api-test"),
      logger: logger)
    try await admin.connect()
    let observed = observerQueue
    try await admin.declare(
      AMQPTopology(
        queues: [QueueDeclaration(name: observed)],
        bindings: Self.emitted.map {
          QueueBinding(queue: observed, exchange: EventExchange.events, routingKey: $0)
        }))
    pool = PostgresConnectionPool(
      configuration: try PostgresConfiguration(
        url: try TestServers.databaseURL(), applicationName: "victim-contact-api-test"),
      size: 1, logger: logger)
    service = try VictimContactProcess()
    try await service.waitUntilReady()
  }

  /// Publishes `events` to `rj.events` as their producers would.
  func publish(_ events: [OutgoingMessage]) async throws {
    let routed = events.map { message in
      var copy = message
      copy.exchange = EventExchange.events
      return copy
    }
    let outcomes = try await admin.publish(routed)
    guard outcomes.allSatisfy({ $0 == .confirmed }) else {
      throw VictimContactProcessError.timedOut("publish confirms: \(outcomes)")
    }
  }

  /// Opens a synthetic case (both halves) and waits until the service shows its tasks.
  func openCase(_ caseId: String, area: String = SyntheticCases.area) async throws {
    try await publish([
      try .event(SyntheticCases.opened(caseId, area: area)),
      try .event(SyntheticCases.details(caseId, area: area)),
    ])
    let token = try await token([.caseWorker], areas: [area])
    try await waitUntil("case \(caseId) to be planned") {
      let (status, body) = try await http("GET", "/cases/\(caseId)", token: token)
      guard status == 200 else { return false }
      return (try json(body)["tasks"] as? [Any] ?? []).count >= 2
    }
  }

  /// A token for `roles` in `areas`.
  func token(
    _ roles: Set<Role>, areas: Set<String> = [SyntheticCases.area], facilitatorId: String? = nil,
    subject: String = "test-case-worker-7"
  ) async throws -> String {
    try await issuer.issue(
      subject: subject, roles: roles, areas: areas, facilitatorId: facilitatorId)
  }

  /// An HTTP request to the service; its status and body.
  func http(_ method: String, _ path: String, token: String?, body: String? = nil) async throws
    -> (status: Int, body: Data)
  {
    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(service.port)\(path)")!)
    request.httpMethod = method
    if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
    if let body {
      request.httpBody = Data(body.utf8)
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    }
    let (data, response) = try await URLSession.shared.data(for: request)
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
  }

  /// `body` as a JSON object.
  func json(_ body: Data) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
  }

  /// Waits until the service's outbox holds nothing more about `caseId` (all published and
  /// confirmed, hence routed to the observer queue), then takes every event about it from
  /// the observer queue.
  func emittedEvents(about caseId: String) async throws -> [(routingKey: String, body: [UInt8])] {
    let needle = "\"caseId\":\"\(caseId)\""
    try await waitUntil("victim-contact's outbox to drain") {
      try await pool.withSession {
        try $0.query(
          "SELECT count(*) FROM victim_contact.outbox WHERE strpos(body, $1) > 0", [.text(needle)]
        ).rows[0].decode(0, as: Int.self) == 0
      }
    }
    var taken: [(String, [UInt8])] = []
    while let delivery = try await admin.get(queue: observerQueue) {
      await admin.ack(delivery)
      if String(decoding: delivery.body, as: UTF8.self).contains(needle) {
        taken.append((delivery.routingKey, delivery.body))
      }
    }
    return taken
  }

  /// Waits until `condition` holds, checking every 100 ms, for at most a minute.
  func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(60)
    while ContinuousClock.now < deadline {
      if try await condition() { return }
      try await Task.sleep(for: .milliseconds(100))
    }
    throw VictimContactProcessError.timedOut(what)
  }

  func tearDown() async {
    await service.stop()
    _ = try? await admin.deleteQueue(observerQueue)
    await admin.close()
    await pool.close()
  }
}
