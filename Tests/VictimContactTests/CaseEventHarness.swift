import AMQPClient
import DurableMessaging
import EventContracts
import Foundation
import Logging
import PostgresClient
import ServiceLifecycle
import TestSupport
import VictimContact

/// victim-contact's real case-event handler consuming a queue of its own (bound to a test
/// exchange, so nothing else reaches it) on a schema of its own, against the real servers.
/// What it emits is read from its outbox (no relay runs).
struct CaseEventHarness {
  /// A topic exchange for these tests only; queues of each run bind to it.
  static let exchange = "victim-contact-test.events"

  let schema = TestServers.uniqueName("victim_contact_test")
  let queue: ServiceQueue
  let pool: PostgresConnectionPool
  let admin: AMQPConnection
  let logger = TestServers.logger("victim-contact-test")
  let group: ServiceGroup
  let running: Task<Void, any Error>

  init() async throws {
    queue = ServiceQueue(
      service: TestServers.uniqueName("victim-contact-test"), purpose: "cases",
      bindings: VictimContactService.caseQueue.bindings.map {
        ServiceQueue.Binding(exchange: Self.exchange, routingKey: $0.routingKey)
      })
    pool = PostgresConnectionPool(
      configuration: try PostgresConfiguration(
        url: try TestServers.databaseURL(), applicationName: "victim-contact-test"),
      size: 4, logger: logger)
    try await MigrationRunner(
      schema: schema, migrations: try VictimContactService.migrations(schema: schema),
      logger: logger
    ).migrate(using: pool)
    admin = AMQPConnection(
      configuration: try AMQPConfiguration(
        url: try TestServers.amqpURL(), connectionName: "victim-contact-test"),
      logger: logger)
    try await admin.connect()
    try await admin.declare(
      AMQPTopology(exchanges: [ExchangeDeclaration(name: Self.exchange, kind: .topic)]))
    try await admin.declare(queue.topology)
    let link = BrokerLink(
      connection: AMQPConnection(
        configuration: try AMQPConfiguration(
          url: try TestServers.amqpURL(), connectionName: "victim-contact-test-consumer"),
        logger: logger),
      logger: logger)
    let consumer = try InboxConsumer(
      queue: queue, schema: schema, pool: pool, broker: link,
      handler: try VictimContactService.caseEventHandler(schema: schema), logger: logger)
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(
        services: [BrokerLinkService(link: link), consumer], logger: logger))
    self.group = group
    running = Task { try await group.run() }
  }

  /// Publishes `events` in order, as their producers' relays would.
  func deliver(_ events: [OutgoingMessage]) async throws {
    let outcomes = try await admin.publish(events)
    guard outcomes.allSatisfy({ $0 == .confirmed }) else {
      throw CaseEventHarnessError.notConfirmed("\(outcomes)")
    }
  }

  /// Waits until everything delivered so far has been handled: a marker event, delivered
  /// last, is in the inbox (the queue is consumed in order by one consumer).
  func settle() async throws {
    let marker = EventEnvelope(
      producer: "notifications", area: SyntheticCases.area,
      data: NotificationSent(
        notificationId: "marker", caseId: nil, purpose: .facilitatorAllocation, channel: .email,
        sentAt: Date()))
    try await deliver([try .event(marker)])
    let s = try PostgresIdentifier.quoted(schema)
    let id = marker.id.uuidString.lowercased()
    let deadline = ContinuousClock.now + .seconds(60)
    while true {
      let handled = try await pool.withSession {
        try !$0.query("SELECT 1 FROM \(s).inbox WHERE message_id = $1", [.text(id)]).rows.isEmpty
      }
      if handled { return }
      guard ContinuousClock.now < deadline else { throw CaseEventHarnessError.timedOut }
      try await Task.sleep(for: .milliseconds(50))
    }
  }

  /// The events of type `P` about `caseId` the handler emitted, oldest first.
  func events<P: EventPayload>(_ type: P.Type, caseId: String) async throws -> [EventEnvelope<P>] {
    let s = try PostgresIdentifier.quoted(schema)
    let bodies = try await pool.withSession {
      try $0.query(
        "SELECT body FROM \(s).outbox WHERE exchange = $1 AND routing_key = $2 ORDER BY seq",
        [.text(EventExchange.events), .text(P.routingKey)]
      ).rows.map { try $0.decode(0, as: String.self) }
    }
    return try bodies.map { try EventCoding.decode(P.self, from: Array($0.utf8)) }
      .filter { $0.caseId == caseId }
  }

  /// A task as stored.
  struct StoredTask: Equatable, CustomStringConvertible {
    var kind: String
    var dueOn: String
    var assignee: String
    var flag: String?
    var status: String
    var description: String { "\(kind) \(dueOn) \(assignee) \(flag ?? "-") \(status)" }
  }

  /// `caseId`'s tasks, by kind.
  func tasks(of caseId: String) async throws -> [StoredTask] {
    let s = try PostgresIdentifier.quoted(schema)
    return try await pool.withSession {
      try $0.query(
        """
        SELECT kind, due_on::text, assignee_role, flag, status FROM \(s).tasks
        WHERE case_id = $1 ORDER BY kind
        """, [.text(caseId)]
      ).rows.map {
        StoredTask(
          kind: try $0.decode(0), dueOn: try $0.decode(1), assignee: try $0.decode(2),
          flag: try $0.decode(3), status: try $0.decode(4))
      }
    }
  }

  /// One text value from the harness's schema, e.g. a notification's status.
  func value(_ sql: String, _ binds: [PostgresBind]) async throws -> String? {
    let s = try PostgresIdentifier.quoted(schema)
    let statement = sql.replacingOccurrences(of: "{schema}", with: s)
    return try await pool.withSession {
      try $0.query(statement, binds).rows.first.flatMap { try $0.decode(0, as: String?.self) }
    }
  }

  func tearDown() async {
    await group.triggerGracefulShutdown()
    _ = try? await running.value
    _ = try? await admin.deleteQueue(queue.name)
    _ = try? await admin.deleteQueue(queue.deadLetterQueue)
    await admin.close()
    let s = try? PostgresIdentifier.quoted(schema)
    if let s { _ = try? await pool.withSession { try $0.execute("DROP SCHEMA \(s) CASCADE") } }
    await pool.close()
  }
}

extension OutgoingMessage {
  /// `event` as its producer's relay publishes it (message id = event id).
  static func event<P: EventPayload>(_ event: EventEnvelope<P>) throws -> OutgoingMessage {
    var properties = AMQPMessageProperties()
    properties.messageId = event.id.uuidString.lowercased()
    properties.contentType = "application/json"
    properties.persistent = true
    return OutgoingMessage(
      exchange: CaseEventHarness.exchange, routingKey: event.routingKey,
      body: try EventCoding.encode(event),
      properties: properties, mandatory: true)
  }
}

enum CaseEventHarnessError: Error {
  case notConfirmed(String)
  case timedOut
}
