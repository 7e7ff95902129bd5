import AMQPClient
import DrillKit
import DurableMessaging
import Foundation
import Logging
import PostgresClient
import ServiceLifecycle
import TestSupport

/// A producer schema with an outbox, a consumer schema with the drill ledger, a fresh topic
/// exchange and a drill queue, all with unique names, on the real servers.
struct MessagingHarness {
  let producerSchema: SchemaName
  let consumerSchema: SchemaName
  let exchange = TestServers.uniqueName("drill.events")
  let service = TestServers.uniqueName("drill")
  let database: PostgresConfiguration
  let amqp: AMQPConfiguration
  let pool: PostgresConnectionPool
  let admin: AMQPConnection
  let logger = TestServers.logger("messaging-test")
  let queue: ServiceQueue

  init(brokerDeliveryLimit: Int = 20) async throws {
    producerSchema = try TestServers.uniqueSchema("producer")
    consumerSchema = try TestServers.uniqueSchema("consumer")
    database = try PostgresConfiguration(
      url: try TestServers.databaseURL(), applicationName: "test")
    amqp = try AMQPConfiguration(url: try TestServers.amqpURL(), connectionName: "test-admin")
    pool = PostgresConnectionPool(configuration: database, size: 4, logger: logger)
    admin = AMQPConnection(configuration: amqp, logger: logger)
    try await admin.connect()
    try await admin.declare(
      AMQPTopology(exchanges: [ExchangeDeclaration(name: exchange, kind: .topic, durable: true)]))
    queue = ServiceQueue(
      service: service, purpose: "drill",
      bindings: [.init(exchange: exchange, routingKey: "drill.#")],
      brokerDeliveryLimit: brokerDeliveryLimit)
    try await admin.declare(queue.topology)
    try await MigrationRunner(
      schema: producerSchema, migrations: MessagingMigrations.all(schema: producerSchema),
      logger: logger
    ).migrate(using: pool)
    try await MigrationRunner(
      schema: consumerSchema, migrations: DrillLedger.migrations(schema: consumerSchema),
      logger: logger
    ).migrate(using: pool)
  }

  func brokerLink(_ name: String) -> BrokerLink {
    var configuration = amqp
    configuration.connectionName = name
    return BrokerLink(
      connection: AMQPConnection(configuration: configuration, logger: logger), logger: logger)
  }

  func relay(_ link: BrokerLink, batchSize: Int = 500, maxPublishAttempts: Int = 10) throws
    -> OutboxRelay
  {
    var configuration = OutboxRelayConfiguration(serviceName: "drill-producer")
    configuration.batchSize = batchSize
    configuration.maxPublishAttempts = maxPublishAttempts
    configuration.pollInterval = .milliseconds(500)
    return OutboxRelay(
      outbox: Outbox(schema: producerSchema), database: database, broker: link,
      configuration: configuration, logger: logger)
  }

  func consumer(_ link: BrokerLink, pool: PostgresConnectionPool? = nil, maxAttempts: Int = 5)
    throws -> InboxConsumer
  {
    var configuration = InboxConsumerConfiguration()
    configuration.maxAttempts = maxAttempts
    configuration.retryBackoff = Backoff(initial: .milliseconds(20), maximum: .milliseconds(100))
    return InboxConsumer(
      queue: queue, schema: consumerSchema, pool: pool ?? self.pool, broker: link,
      handler: DrillLedger.handler(schema: consumerSchema), configuration: configuration,
      logger: logger)
  }

  func produce(_ count: Int, first: Int = 1, batch: Int = 250) async throws {
    try await DrillLedger.produce(
      count: count, first: first, batch: batch, run: "test", exchange: exchange,
      schema: producerSchema, pool: pool)
  }

  func effects() async throws -> (rows: Int, distinct: Int) {
    try await DrillLedger.counts(schema: consumerSchema, pool: pool)
  }

  /// Waits until `condition` holds, checking every 100 ms, for at most `seconds`.
  func waitUntil(
    seconds: Double = 60, _ what: String, _ condition: () async throws -> Bool
  ) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
      if try await condition() { return }
      try await Task.sleep(for: .milliseconds(100))
    }
    throw HarnessError.timedOut(what)
  }

  /// Publishes a raw message straight to the drill exchange (as a misbehaving producer would).
  func publishRaw(body: [UInt8], messageId: String?, routingKey: String = "drill.recorded.v1")
    async throws
  {
    var properties = AMQPMessageProperties()
    properties.messageId = messageId
    properties.contentType = "application/json"
    let outcome = try await admin.publish([
      OutgoingMessage(
        exchange: exchange, routingKey: routingKey, body: body, properties: properties,
        mandatory: true)
    ])
    guard outcome == [.confirmed] else { throw HarnessError.notConfirmed("\(outcome)") }
  }

  func deadLetters() async throws -> [DeadLetter] {
    try await DeadLetterQueue(service: service, connection: admin).list()
  }

  func tearDown() async {
    _ = try? await admin.deleteQueue(queue.name)
    _ = try? await admin.deleteQueue(queue.deadLetterQueue)
    await admin.close()
    await pool.close()
  }
}

enum HarnessError: Error, CustomStringConvertible {
  case timedOut(String)
  case notConfirmed(String)
  var description: String {
    switch self {
    case .timedOut(let what): "timed out waiting for \(what)"
    case .notConfirmed(let outcome): "publish not confirmed: \(outcome)"
    }
  }
}

/// Runs `services` in a ServiceGroup while `body` runs, then shuts them down gracefully.
func withRunningServices<T>(
  _ services: [any Service], logger: Logger, _ body: () async throws -> T
) async throws -> T {
  let group = ServiceGroup(
    configuration: ServiceGroupConfiguration(services: services, logger: logger))
  let running = Task { try await group.run() }
  do {
    let result = try await body()
    await group.triggerGracefulShutdown()
    try await running.value
    return result
  } catch {
    await group.triggerGracefulShutdown()
    _ = try? await running.value
    throw error
  }
}

extension MessagingHarness: ScopedTestRig {
  /// Runs `body` against a new harness and always tears it down afterwards, whether `body`
  /// returns or throws.
  static func with<T>(
    brokerDeliveryLimit: Int = 20, _ body: (MessagingHarness) async throws -> T
  ) async throws -> T {
    try await withTearDown(of: MessagingHarness(brokerDeliveryLimit: brokerDeliveryLimit), body)
  }
}
