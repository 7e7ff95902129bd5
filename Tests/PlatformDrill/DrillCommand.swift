import AMQPClient
import ArgumentParser
import DrillKit
import DurableMessaging
import Foundation
import HubConfiguration
import Logging
import PostgresClient
import ServiceAssembly
import ServiceRuntime

/// `rjhub-drill`: a minimal service on the real platform, for fault drills and benchmarks.
///
/// `serve` runs it exactly as a hub service runs (ServiceGroup, relay, consumer, HTTP health,
/// graceful shutdown); `produce` writes numbered events into its outbox. Every event's effect
/// is a row in `drill_effects`, a table with no uniqueness constraint, so anything applied
/// twice is visible. Configuration comes from the same environment variables as the hub's
/// services (`RJHUB_DATABASE_URL`, `RJHUB_AMQP_URL`, ...).
@main
struct DrillCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rjhub-drill",
    abstract: "A minimal RJ Hub service for messaging fault drills and benchmarks.",
    subcommands: [Serve.self, Produce.self])
}

/// Names shared by the subcommands.
struct DrillOptions: ParsableArguments {
  @Option(help: "Service name: broker prefix and queue `<service>.drill`.")
  var service = "drill"
  @Option(help: "PostgreSQL schema for outbox, inbox and effects.")
  var schema = "drill"
  @Option(help: "Topic exchange the drill events travel on.")
  var exchange = "drill.events"
}

struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run the drill service (relay + consumer + HTTP) until SIGTERM.")
  @OptionGroup var options: DrillOptions
  @Option(help: "Milliseconds each handler transaction stays open (to land faults mid-batch).")
  var batchDelayMs = 0

  func run() async throws {
    let schema = try SchemaName(options.schema)
    let queue = ServiceQueue(
      service: options.service, purpose: "drill",
      bindings: [.init(exchange: options.exchange, routingKey: "drill.#")])
    let definition = HubServiceDefinition(
      name: options.service, schema: schema, defaultHTTPPort: 0,
      migrations: DrillLedger.effectsMigrations(schema: schema),
      consumers: [
        HubConsumer(
          queue: queue,
          handler: DrillLedger.handler(
            schema: schema, batchDelay: .milliseconds(batchDelayMs)))
      ],
      topology: AMQPTopology(
        exchanges: [ExchangeDeclaration(name: options.exchange, kind: .topic, durable: true)]))
    try await HubServiceRunner.run(definition)
  }
}

struct Produce: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write numbered drill events into the service's outbox, then exit.")
  @OptionGroup var options: DrillOptions
  @Option(help: "How many events.") var count = 1000
  @Option(help: "Sequence number of the first event.") var first = 1
  @Option(help: "Events per transaction.") var batch = 500
  @Option(help: "Milliseconds to wait between transactions.") var pauseMs = 0
  @Option(help: "Label of this run.") var run = "drill"

  func run() async throws {
    let environment = EnvironmentReader()
    let schema = try SchemaName(options.schema)
    var logger = Logger(label: "rjhub.drill.produce")
    logger.logLevel = .warning
    let database = try PostgresConfiguration(
      url: try environment.secret("RJHUB_DATABASE_URL").value, applicationName: "drill-produce")
    let pool = PostgresConnectionPool(configuration: database, size: 1, logger: logger)
    try await MigrationRunner(
      schema: schema, migrations: DrillLedger.migrations(schema: schema),
      logger: logger
    ).migrate(using: pool)
    try await DrillLedger.produce(
      count: count, first: first, batch: batch, pause: .milliseconds(pauseMs), run: run,
      exchange: options.exchange,
      schema: schema, pool: pool)
    await pool.close()
  }
}
