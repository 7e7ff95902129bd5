import AMQPClient
import DurableMessaging
import EventContracts
import Foundation
import Logging
import PostgresClient
import ServiceLifecycle

/// A service's real inbox handler against the real servers, for that service's integration
/// tests: a fresh schema migrated with the service's own migrations, a fresh queue with the
/// service's bindings moved onto a test exchange (so nothing else reaches it), and one or
/// more consumers (each with its own broker connection and database pool, as separate
/// replicas would have). No relay runs: what the handler emits stays in the outbox for the
/// test to read.
public struct InboxHandlerRig: Sendable {
  /// The test exchange the queue is bound to.
  public let exchange: String
  /// The fresh schema.
  public let schema: SchemaName
  /// The fresh queue.
  public let queue: ServiceQueue
  /// A pool on the schema's database for the test's own queries.
  public let pool: PostgresConnectionPool
  /// How to reach that database (for parts of the service that open their own connections).
  public let database: PostgresConfiguration
  /// An administrator connection that publishes and tidies up.
  public let admin: AMQPConnection
  /// The logger every part logs to.
  public let logger: Logger
  let replicaPools: [PostgresConnectionPool]
  let group: ServiceGroup
  let running: Task<Void, any Error>

  /// Starts `replicas` consumers of a queue named for `name` and `purpose`.
  ///
  /// - Parameters:
  ///   - name: what the test is (`reporting-test`); names the schema, queue, connections and
  ///     test exchange (`<name>.events`).
  ///   - bindings: the service's own queue bindings; their routing keys are kept.
  ///   - migrations: the service's migrations for a schema.
  ///   - handler: the service's handler for a schema.
  public init(
    name: String, purpose: String, bindings: [ServiceQueue.Binding],
    migrations: (SchemaName) throws -> [Migration],
    handler: (SchemaName) throws -> any InboxHandler,
    replicas: Int = 1, configuration: InboxConsumerConfiguration = .init(),
    poolSize: Int = 4
  ) async throws {
    let logger = TestServers.logger(name)
    let exchange = "\(name).events"
    let schema = try TestServers.uniqueSchema(name)
    let queue = ServiceQueue(
      service: TestServers.uniqueName(name), purpose: purpose,
      bindings: bindings.map { .init(exchange: exchange, routingKey: $0.routingKey) })
    let database = try PostgresConfiguration(
      url: try TestServers.databaseURL(), applicationName: name)
    let pool = PostgresConnectionPool(configuration: database, size: poolSize, logger: logger)
    try await MigrationRunner(schema: schema, migrations: try migrations(schema), logger: logger)
      .migrate(using: pool)
    let admin = AMQPConnection(
      configuration: try AMQPConfiguration(url: try TestServers.amqpURL(), connectionName: name),
      logger: logger)
    try await admin.connect()
    try await admin.declare(
      AMQPTopology(exchanges: [ExchangeDeclaration(name: exchange, kind: .topic)]))
    try await admin.declare(queue.topology)
    var services: [any Service] = []
    var replicaPools: [PostgresConnectionPool] = []
    for replica in 0..<replicas {
      let replicaPool = PostgresConnectionPool(
        configuration: database, size: poolSize, logger: logger)
      replicaPools.append(replicaPool)
      let link = BrokerLink(
        connection: AMQPConnection(
          configuration: try AMQPConfiguration(
            url: try TestServers.amqpURL(), connectionName: "\(name)-replica-\(replica)"),
          logger: logger),
        logger: logger)
      let consumer = InboxConsumer(
        queue: queue, schema: schema, pool: replicaPool, broker: link,
        handler: try handler(schema), configuration: configuration, logger: logger)
      services += [BrokerLinkService(link: link), consumer]
    }
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(services: services, logger: logger))
    (self.logger, self.exchange, self.schema, self.queue) = (logger, exchange, schema, queue)
    (self.pool, self.admin, self.replicaPools, self.group) = (pool, admin, replicaPools, group)
    self.database = database
    running = Task { try await group.run() }
  }

  /// Publishes `messages` in order to the test exchange, as their producers' relays would
  /// publish them to `rj.events`, and waits for the broker's confirms.
  public func publish(_ messages: [OutgoingMessage]) async throws {
    let outcomes = try await admin.publish(messages.map { $0.routed(to: exchange) })
    guard outcomes.allSatisfy({ $0 == .confirmed }) else {
      throw HarnessError.notConfirmed("\(outcomes)")
    }
  }

  /// Publishes `events` in order, as their producers' relays would.
  public func publish<P: EventPayload>(_ events: [EventEnvelope<P>]) async throws {
    try await publish(try events.map { try OutgoingMessage.event($0) })
  }

  /// Waits until every message id of `messageIds` is in the inbox (handled, or seen as a
  /// duplicate).
  public func waitUntilHandled(_ messageIds: [String], within limit: Duration = .seconds(60))
    async throws
  {
    let s = schema.sql
    let ids = Array(Set(messageIds))
    try await waitUntil("\(ids.count) messages handled", within: limit) {
      try await pool.withSession {
        try $0.query(
          "SELECT count(*) FROM \(s).inbox WHERE message_id = ANY ($1::text[])", [.textArray(ids)]
        ).rows[0].decode(0, as: Int.self) == ids.count
      }
    }
  }

  /// Waits until `events` are handled.
  public func waitUntilHandled<P: EventPayload>(_ events: [EventEnvelope<P>]) async throws {
    try await waitUntilHandled(events.map { $0.id.uuidString.lowercased() })
  }

  /// Waits until everything published so far has been handled, by publishing `marker` last
  /// and waiting for it (one consumer takes the queue in order). The marker should be an
  /// event the handler takes without effect on what the test reads.
  public func settle<P: EventPayload>(marker: EventEnvelope<P>) async throws {
    try await publish([marker])
    try await waitUntilHandled([marker])
  }

  /// The events of type `P` the handler emitted to `rj.events`, oldest first.
  public func emitted<P: EventPayload>(_ type: P.Type) async throws -> [EventEnvelope<P>] {
    let s = schema.sql
    let bodies = try await pool.withSession {
      try $0.query(
        "SELECT body FROM \(s).outbox WHERE exchange = $1 AND routing_key = $2 ORDER BY seq",
        [.text(EventExchange.events), .text(P.routingKey)]
      ).rows.map { try $0.decode(0, as: String.self) }
    }
    return try bodies.map { try EventCoding.decode(P.self, from: Array($0.utf8)) }
  }

  /// How many rows `table` of the schema holds.
  public func rowCount(_ table: String) async throws -> Int {
    let s = schema.sql
    let t = try PostgresIdentifier.quoted(table)
    return try await pool.withSession {
      try $0.query("SELECT count(*) FROM \(s).\(t)").rows[0].decode(0, as: Int.self)
    }
  }

  /// Polls `condition` every 50 ms until it holds, failing after `limit`.
  public func waitUntil(
    _ what: String, within limit: Duration = .seconds(60),
    _ condition: () async throws -> Bool
  ) async throws {
    try await Polling.waitUntil(what, within: limit, every: .milliseconds(50), condition)
  }

  /// Stops the consumers, deletes the queue and the schema, closes every connection.
  public func tearDown() async {
    await group.triggerGracefulShutdown()
    _ = try? await running.value
    _ = try? await admin.deleteQueue(queue.name)
    _ = try? await admin.deleteQueue(queue.deadLetterQueue)
    await admin.close()
    _ = try? await pool.withSession { try $0.execute("DROP SCHEMA \(schema.sql) CASCADE") }
    await pool.close()
    for replicaPool in replicaPools { await replicaPool.close() }
  }
}

extension OutgoingMessage {
  /// `event` as its producer's relay publishes it to `rj.events` (message id = event id).
  public static func event<P: EventPayload>(_ event: EventEnvelope<P>) throws -> OutgoingMessage {
    var properties = AMQPMessageProperties()
    properties.messageId = event.id.uuidString.lowercased()
    properties.contentType = "application/json"
    properties.persistent = true
    return OutgoingMessage(
      exchange: EventExchange.events, routingKey: event.routingKey,
      body: try EventCoding.encode(event), properties: properties, mandatory: true)
  }

  /// The same message published to `exchange` instead.
  public func routed(to exchange: String) -> OutgoingMessage {
    var copy = self
    copy.exchange = exchange
    return copy
  }
}
