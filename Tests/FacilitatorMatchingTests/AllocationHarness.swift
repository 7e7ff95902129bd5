import AMQPClient
import DurableMessaging
import EventContracts
import Foundation
import Logging
import PostgresClient
import ServiceLifecycle
import TestSupport

@testable import FacilitatorMatching

/// facilitator-matching's real request handler on a schema of its own, consumed by one or
/// more replicas (each an ``InboxConsumer`` with its own broker connection and database
/// pool, as separate processes would have) from a queue bound to a test exchange, so nothing
/// else reaches it. What it emits is read from its outbox (no relay runs).
struct AllocationHarness {
  /// A topic exchange for these tests only; queues of each run bind to it.
  static let exchange = "facilitator-matching-test.events"

  let schema = TestServers.uniqueName("facilitator_matching_test")
  let queue: ServiceQueue
  let pool: PostgresConnectionPool
  let replicaPools: [PostgresConnectionPool]
  let admin: AMQPConnection
  let logger = TestServers.logger("facilitator-matching-test")
  let group: ServiceGroup
  let running: Task<Void, any Error>

  /// Starts `replicas` consumers with `configuration` on a fresh schema.
  init(replicas: Int = 1, configuration: InboxConsumerConfiguration = .init()) async throws {
    queue = ServiceQueue(
      service: TestServers.uniqueName("facilitator-matching-test"), purpose: "requests",
      bindings: FacilitatorMatchingService.requestQueue.bindings.map {
        ServiceQueue.Binding(exchange: Self.exchange, routingKey: $0.routingKey)
      })
    let database = try PostgresConfiguration(
      url: try TestServers.databaseURL(), applicationName: "facilitator-matching-test")
    pool = PostgresConnectionPool(configuration: database, size: 2, logger: logger)
    try await MigrationRunner(
      schema: schema, migrations: try FacilitatorMatchingService.migrations(schema: schema),
      logger: logger
    ).migrate(using: pool)
    admin = AMQPConnection(
      configuration: try AMQPConfiguration(
        url: try TestServers.amqpURL(), connectionName: "facilitator-matching-test"),
      logger: logger)
    try await admin.connect()
    try await admin.declare(
      AMQPTopology(exchanges: [ExchangeDeclaration(name: Self.exchange, kind: .topic)]))
    try await admin.declare(queue.topology)
    var services: [any Service] = []
    var replicaPools: [PostgresConnectionPool] = []
    for replica in 0..<replicas {
      let replicaPool = PostgresConnectionPool(configuration: database, size: 2, logger: logger)
      replicaPools.append(replicaPool)
      let link = BrokerLink(
        connection: AMQPConnection(
          configuration: try AMQPConfiguration(
            url: try TestServers.amqpURL(),
            connectionName: "facilitator-matching-test-replica-\(replica)"),
          logger: logger),
        logger: logger)
      let consumer = try InboxConsumer(
        queue: queue, schema: schema, pool: replicaPool, broker: link,
        handler: try FacilitatorMatchingService.requestHandler(schema: schema),
        configuration: configuration, logger: logger)
      services += [BrokerLinkService(link: link), consumer]
    }
    self.replicaPools = replicaPools
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(services: services, logger: logger))
    self.group = group
    running = Task { try await group.run() }
  }

  /// Registers `facilitators` (through the register's own upsert).
  func register(_ facilitators: [FacilitatorRegistration]) async throws {
    let register = try FacilitatorRegister(schema: schema)
    try await pool.withTransaction { session in
      for facilitator in facilitators {
        _ = try register.upsert(facilitator, at: Date(), in: session)
      }
    }
  }

  /// Publishes `events` in order, as victim-contact's relay would.
  func deliver(_ events: [EventEnvelope<FacilitatorsRequested>]) async throws {
    let outcomes = try await admin.publish(try events.map { try OutgoingMessage.event($0) })
    guard outcomes.allSatisfy({ $0 == .confirmed }) else {
      throw AllocationHarnessError.notConfirmed("\(outcomes)")
    }
  }

  /// Waits until every event of `events` is in the inbox (handled, or seen as a duplicate).
  func waitUntilHandled(_ events: [EventEnvelope<FacilitatorsRequested>]) async throws {
    let s = try PostgresIdentifier.quoted(schema)
    let ids = events.map { $0.id.uuidString.lowercased() }
    try await waitUntil("\(ids.count) requests handled") {
      try await pool.withSession {
        try $0.query(
          "SELECT count(*) FROM \(s).inbox WHERE message_id = ANY ($1::text[])", [.textArray(ids)]
        ).rows[0].decode(0, as: Int.self) == Set(ids).count
      }
    }
  }

  /// The events of type `P` the handler emitted, oldest first.
  func events<P: EventPayload>(_ type: P.Type) async throws -> [EventEnvelope<P>] {
    let s = try PostgresIdentifier.quoted(schema)
    let bodies = try await pool.withSession {
      try $0.query(
        "SELECT body FROM \(s).outbox WHERE exchange = $1 AND routing_key = $2 ORDER BY seq",
        [.text(EventExchange.events), .text(P.routingKey)]
      ).rows.map { try $0.decode(0, as: String.self) }
    }
    return try bodies.map { try EventCoding.decode(P.self, from: Array($0.utf8)) }
  }

  /// Open allocations per facilitator, as stored.
  func openAllocations() async throws -> [String: Int] {
    let s = try PostgresIdentifier.quoted(schema)
    return try await pool.withSession {
      var counts: [String: Int] = [:]
      for row in try $0.query(
        """
        SELECT facilitator_id, count(*) FROM \(s).allocations WHERE status = 'open'
        GROUP BY facilitator_id
        """
      ).rows {
        counts[try row.decode(0, as: String.self)] = try row.decode(1, as: Int.self)
      }
      return counts
    }
  }

  /// Waits until `condition` holds, checking every 50 ms, for at most a minute.
  func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(60)
    while ContinuousClock.now < deadline {
      if try await condition() { return }
      try await Task.sleep(for: .milliseconds(50))
    }
    throw AllocationHarnessError.timedOut(what)
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
    for replicaPool in replicaPools { await replicaPool.close() }
  }
}

extension OutgoingMessage {
  /// `event` as its producer's relay publishes it to the test exchange (message id = event
  /// id).
  static func event<P: EventPayload>(
    _ event: EventEnvelope<P>, exchange: String = AllocationHarness.exchange
  ) throws -> OutgoingMessage {
    var properties = AMQPMessageProperties()
    properties.messageId = event.id.uuidString.lowercased()
    properties.contentType = "application/json"
    properties.persistent = true
    return OutgoingMessage(
      exchange: exchange, routingKey: event.routingKey, body: try EventCoding.encode(event),
      properties: properties, mandatory: true)
  }
}

enum AllocationHarnessError: Error {
  case notConfirmed(String)
  case timedOut(String)
}
