import AMQPClient
import DrillKit
import DurableMessaging
import EventContracts
import Foundation
import Logging
import PostgresClient
import ServiceLifecycle
import TestSupport

/// Measures, in one run on the real servers that `infra/up.sh` starts:
/// 1. the raw broker ceiling: persistent messages published with a confirm window while a
///    consumer takes them with multiple acks, straight through librabbitmq;
/// 2. the platform's pipeline: the same messages written to an outbox in transactions,
///    relayed with confirms, and consumed into a database in inbox transactions;
/// and prints both in messages per second, and their ratio. Nothing is asserted.
@main
struct PlatformBenchmark {
  static func main() async throws {
    let arguments = CommandLine.arguments
    let count = arguments.count > 1 ? Int(arguments[1]) ?? 30_000 : 30_000
    var logger = Logger(label: "rjhub.benchmark")
    logger.logLevel = .error
    let amqp = try AMQPConfiguration(url: try TestServers.amqpURL(), connectionName: "benchmark")
    let database = try PostgresConfiguration(
      url: try TestServers.databaseURL(), applicationName: "benchmark")

    let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3
    print(
      "RJ Hub platform benchmark: \(count) persistent messages per measurement, \(rounds) rounds")
    print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores")
    var raws: [Double] = []
    var pipelines: [Double] = []
    for round in 1...rounds {
      let raw = try await rawCeiling(count: count, amqp: amqp, logger: logger)
      let pipeline = try await platformPipeline(
        count: count, amqp: amqp, database: database, logger: logger)
      raws.append(raw.rate)
      pipelines.append(pipeline.rate)
      print(
        String(
          format:
            "round %d: raw broker ceiling %8.0f msg/s, platform pipeline %8.0f msg/s (%.1f %%)",
          round, raw.rate, pipeline.rate, 100 * pipeline.rate / raw.rate))
    }
    let raw = median(raws)
    let pipeline = median(pipelines)
    print(String(format: "raw broker ceiling   %8.0f msg/s  (median)", raw))
    print(String(format: "platform pipeline    %8.0f msg/s  (median)", pipeline))
    print(String(format: "pipeline / raw       %8.1f %%", 100 * pipeline / raw))
  }

  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1
      ? sorted[sorted.count / 2]
      : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }

  /// One representative body: an encoded drill event.
  static func body(_ sequence: Int) throws -> [UInt8] {
    try EventCoding.encode(
      EventEnvelope(
        producer: "benchmark", area: "benchmark-area",
        data: DrillRecorded(sequence: sequence, run: "benchmark")))
  }

  static func rawCeiling(count: Int, amqp: AMQPConfiguration, logger: Logger) async throws
    -> (rate: Double, seconds: Double)
  {
    let queue = TestServers.uniqueName("benchmark.raw")
    var publisherConfiguration = amqp
    publisherConfiguration.connectionName = "benchmark-raw-publisher"
    let publisher = AMQPConnection(configuration: publisherConfiguration, logger: logger)
    let consumerConnection = AMQPConnection(configuration: amqp, logger: logger)
    try await publisher.connect()
    try await consumerConnection.connect()
    try await publisher.declare(
      AMQPTopology(queues: [
        QueueDeclaration(
          name: queue, quorum: true, durable: true, deadLetterExchange: nil,
          deadLetterRoutingKey: nil, deliveryLimit: nil)
      ]))
    let template = try body(1)
    let consumer = try await consumerConnection.consume(queue: queue, prefetch: 2000)
    let start = ContinuousClock.now
    async let consumed: Void = {
      var received = 0
      var sinceAck = 0
      for await delivery in consumer {
        received += 1
        sinceAck += 1
        if sinceAck >= 200 || received == count {
          await consumerConnection.ack(delivery, multiple: true)
          sinceAck = 0
        }
        if received == count { break }
      }
    }()
    var sent = 0
    while sent < count {
      let window = min(1000, count - sent)
      var properties = AMQPMessageProperties()
      properties.contentType = "application/json"
      properties.persistent = true
      let messages = (0..<window).map { index in
        var p = properties
        p.messageId = "\(sent + index)"
        return OutgoingMessage(
          exchange: "", routingKey: queue, body: template, properties: p, mandatory: true)
      }
      let outcomes = try await publisher.publish(messages)
      precondition(outcomes.allSatisfy { $0 == .confirmed }, "raw publish not confirmed")
      sent += window
    }
    await consumed
    let elapsed = ContinuousClock.now - start
    await consumer.cancel()
    try await publisher.deleteQueue(queue)
    await publisher.close()
    await consumerConnection.close()
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return (Double(count) / seconds, seconds)
  }

  static func platformPipeline(
    count: Int, amqp: AMQPConfiguration, database: PostgresConfiguration, logger: Logger
  ) async throws -> (rate: Double, seconds: Double) {
    let schema = try TestServers.uniqueSchema("benchmark")
    let exchange = "\(schema).events"
    let pool = PostgresConnectionPool(configuration: database, size: 4, logger: logger)
    try await MigrationRunner(
      schema: schema, migrations: DrillLedger.migrations(schema: schema), logger: logger
    ).migrate(using: pool)
    let admin = AMQPConnection(configuration: amqp, logger: logger)
    try await admin.connect()
    try await admin.declare(
      AMQPTopology(exchanges: [ExchangeDeclaration(name: exchange, kind: .topic, durable: true)]))
    let queue = ServiceQueue(
      service: schema.name, purpose: "drill",
      bindings: [.init(exchange: exchange, routingKey: "drill.#")])
    var publisherConfiguration = amqp
    publisherConfiguration.connectionName = "benchmark-relay"
    let publisher = BrokerLink(
      connection: AMQPConnection(configuration: publisherConfiguration, logger: logger),
      logger: logger)
    let subscriber = BrokerLink(
      connection: AMQPConnection(configuration: amqp, logger: logger), logger: logger)
    var relayConfiguration = OutboxRelayConfiguration(serviceName: "benchmark")
    let env = ProcessInfo.processInfo.environment
    relayConfiguration.batchSize = Int(env["BENCH_RELAY_BATCH"] ?? "") ?? 500
    let relay = OutboxRelay(
      outbox: Outbox(schema: schema), database: database, broker: publisher,
      configuration: relayConfiguration, logger: logger)
    let consumer = InboxConsumer(
      queue: queue, schema: schema, pool: pool, broker: subscriber, deadLetterBroker: publisher,
      handler: DrillLedger.handler(schema: schema),
      configuration: {
        var c = InboxConsumerConfiguration()
        c.prefetch = Int(env["BENCH_PREFETCH"] ?? "") ?? 1000
        c.batchSize = Int(env["BENCH_CONSUMER_BATCH"] ?? "") ?? 500
        return c
      }(), logger: logger)
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(
        services: [
          BrokerLinkService(link: publisher), BrokerLinkService(link: subscriber), relay, consumer,
        ], logger: logger))
    let running = Task { try await group.run() }
    try await publisher.ready()
    try await subscriber.ready()
    try await admin.declare(queue.topology)
    try await Task.sleep(for: .milliseconds(500))

    let start = ContinuousClock.now
    try await DrillLedger.produce(
      count: count, batch: 500, run: "benchmark", exchange: exchange, schema: schema, pool: pool)
    // Poll cheaply (a plain count every 50 ms): the probe shares the machine being measured.
    let effectsTable = "\(schema.sql).drill_effects"
    while try await pool.withSession({
      try $0.query("SELECT count(*) FROM \(effectsTable)").rows[0].decode(0, as: Int.self)
    }) < count {
      try await Task.sleep(for: .milliseconds(50))
    }
    let elapsed = ContinuousClock.now - start
    await group.triggerGracefulShutdown()
    try await running.value
    let effects = try await DrillLedger.counts(schema: schema, pool: pool)
    precondition(effects.rows == count && effects.distinct == count, "pipeline lost or repeated")
    try await admin.deleteQueue(queue.name)
    try await admin.deleteQueue(queue.deadLetterQueue)
    await admin.close()
    await pool.close()
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return (Double(count) / seconds, seconds)
  }
}
