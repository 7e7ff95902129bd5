import AMQPClient
import DurableMessaging
import EventContracts
import Foundation
import Intake
import Logging
import PostgresClient
import ServiceLifecycle
import TestSupport

/// intake's submission handler consuming a queue of its own, on a schema of its own, against
/// the real servers; what it emits is read from its outbox (no relay runs).
struct IntakeHarness {
  let schema: SchemaName
  let queue = ServiceQueue(
    service: TestServers.uniqueName("intake-test"), purpose: "referrals", bindings: [])
  /// A test exchange standing in for `rj.events`, and intake's stage queue bound to it.
  let events = TestServers.uniqueName("intake-test-events")
  var stageQueue: ServiceQueue {
    ServiceQueue(
      service: queue.service, purpose: "case-stages",
      bindings: IntakeService.caseStageQueue.bindings.map {
        .init(exchange: events, routingKey: $0.routingKey)
      })
  }
  let pool: PostgresConnectionPool
  let admin: AMQPConnection
  let logger = TestServers.logger("intake-test")

  init() async throws {
    schema = try TestServers.uniqueSchema("intake_test")
    pool = PostgresConnectionPool(
      configuration: try PostgresConfiguration(
        url: try TestServers.databaseURL(), applicationName: "intake-test"),
      size: 2, logger: logger)
    try await MigrationRunner(
      schema: schema, migrations: IntakeService.migrations(schema: schema), logger: logger
    ).migrate(using: pool)
    admin = AMQPConnection(
      configuration: try AMQPConfiguration(
        url: try TestServers.amqpURL(), connectionName: "intake-test"),
      logger: logger)
    try await admin.connect()
    try await admin.declare(queue.topology)
    try await admin.declare(
      AMQPTopology(exchanges: [ExchangeDeclaration(name: events, kind: .topic)]))
    try await admin.declare(stageQueue.topology)
  }

  /// Delivers victim-contact's stage `changes` to intake's stage consumer, as `rj.events`
  /// would, and waits until each is handled.
  func recordStages(_ changes: [EventEnvelope<CaseStageChanged>]) async throws {
    let outcomes = try await admin.publish(
      try changes.map { try OutgoingMessage.event($0).routed(to: events) })
    guard outcomes.allSatisfy({ $0 == .confirmed }) else {
      throw IntakeHarnessError.notConfirmed
    }
    let ids = changes.map { $0.id.uuidString.lowercased() }
    try await consume(stageQueue, with: IntakeService.caseStageHandler(schema: schema)) {
      let s = schema.sql
      return try await pool.withSession {
        try $0.query(
          "SELECT count(*) FROM \(s).inbox WHERE message_id = ANY ($1::text[])",
          [.textArray(ids)]
        ).rows[0].decode(0, as: Int.self) == Set(ids).count
      }
    }
  }

  /// Publishes raw submission bodies to the queue as a police system would.
  func submit(_ bodies: [[UInt8]], replyTo: String? = nil, correlationId: String? = nil)
    async throws -> [String]
  {
    let ids = bodies.map { _ in UUID().uuidString.lowercased() }
    let messages = zip(ids, bodies).map { id, body in
      var properties = AMQPMessageProperties()
      properties.messageId = id
      properties.contentType = "application/json"
      properties.replyTo = replyTo
      properties.correlationId = correlationId
      return OutgoingMessage(
        exchange: "", routingKey: queue.name, body: body, properties: properties)
    }
    _ = try await admin.publish(messages)
    return ids
  }

  /// Runs the consumer until `count` submissions are recorded.
  func handle(expecting count: Int) async throws {
    try await consume(
      queue,
      with: IntakeService.submissionHandler(
        settings: IntakeSettings(areas: ["norfolk", "suffolk"]),
        sealer: TestPersonalData.sealer, schema: schema)
    ) { try await self.count("submissions") >= count }
  }

  /// Runs a consumer of `consumed` with `handler` until `done`.
  func consume(
    _ consumed: ServiceQueue, with handler: any InboxHandler,
    until done: @escaping @Sendable () async throws -> Bool
  ) async throws {
    let link = BrokerLink(
      connection: AMQPConnection(
        configuration: try AMQPConfiguration(
          url: try TestServers.amqpURL(), connectionName: "intake-test-consumer"),
        logger: logger),
      logger: logger)
    let consumer = InboxConsumer(
      queue: consumed, schema: schema, pool: pool, broker: link, handler: handler, logger: logger)
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(
        services: [BrokerLinkService(link: link), consumer], logger: logger))
    let running = Task { try await group.run() }
    defer { running.cancel() }
    let deadline = ContinuousClock.now + .seconds(60)
    while try await !done() {
      guard ContinuousClock.now < deadline else {
        await group.triggerGracefulShutdown()
        throw IntakeHarnessError.timedOut(consumed.name)
      }
      try await Task.sleep(for: .milliseconds(50))
    }
    await group.triggerGracefulShutdown()
    try await running.value
  }

  func count(_ table: String) async throws -> Int {
    let s = schema.sql
    return try await pool.withSession {
      try $0.query("SELECT count(*) FROM \(s).\(table)").rows[0].decode(0, as: Int.self)
    }
  }

  /// What the handler put in the outbox, oldest first.
  struct Emitted {
    var exchange: String
    var routingKey: String
    var correlationId: String?
    var body: String
    var messageType: String?
  }

  func emitted() async throws -> [Emitted] {
    let s = schema.sql
    return try await pool.withSession {
      try $0.query(
        """
        SELECT exchange, routing_key, correlation_id, body, message_type
        FROM \(s).outbox ORDER BY seq
        """
      ).rows.map {
        Emitted(
          exchange: try $0.decode(0, as: String.self),
          routingKey: try $0.decode(1, as: String.self),
          correlationId: try $0.decode(2, as: String?.self),
          body: try $0.decode(3, as: String.self),
          messageType: try $0.decode(4, as: String?.self))
      }
    }
  }

  func events<P: EventPayload>(_ type: P.Type) async throws -> [EventEnvelope<P>] {
    try await emitted().filter {
      $0.exchange == EventExchange.events && $0.routingKey == P.routingKey
    }
    .map { try EventCoding.decode(P.self, from: Array($0.body.utf8)) }
  }

  func tearDown() async {
    _ = try? await admin.deleteQueue(queue.name)
    _ = try? await admin.deleteQueue(queue.deadLetterQueue)
    _ = try? await admin.deleteQueue(stageQueue.name)
    _ = try? await admin.deleteQueue(stageQueue.deadLetterQueue)
    await admin.close()
    _ = try? await pool.withSession { try $0.execute("DROP SCHEMA \(schema.sql) CASCADE") }
    await pool.close()
  }
}

enum IntakeHarnessError: Error {
  case timedOut(String)
  case notConfirmed
}

extension IntakeHarness: ScopedTestRig {
  /// Runs `body` against a new harness and always tears it down afterwards, whether `body`
  /// returns or throws.
  static func with<T>(
    _ body: (IntakeHarness) async throws -> T
  ) async throws -> T {
    try await withTearDown(of: IntakeHarness(), body)
  }
}
