import AMQPClient
import DurableMessaging
import Foundation
import HubConfiguration
import Logging
import PostgresClient
import ServiceLifecycle
import ServiceRuntime

/// Runs an RJ Hub service process: reads its configuration from the environment, migrates
/// its schema, declares its broker topology, and runs database pool, broker connections, outbox relay, inbox consumers,
/// housekeeping and HTTP server as one `ServiceGroup` until SIGTERM or SIGINT.
///
/// Shutdown order (the reverse of start): HTTP stops accepting requests; consumers cancel
/// their subscriptions, finish and acknowledge what they hold; the relay publishes what is
/// left in the outbox; then the broker connections and the pool close. The process exits 0.
public enum HubServiceRunner {
  /// Every environment variable a service reads, with defaults.
  public static var documentation: [SettingDocumentation] {
    RuntimeConfiguration.documentation + MessagingSettings.documentation
  }

  /// Runs `definition` until shutdown.
  public static func run(
    _ definition: HubServiceDefinition, environment: EnvironmentReader = EnvironmentReader()
  ) async throws {
    let runtime = try RuntimeConfiguration(
      serviceName: definition.name, defaultHTTPPort: definition.defaultHTTPPort,
      environment: environment)
    LoggingBootstrap.bootstrap(runtime)
    let logger = Logger(label: "rjhub.\(definition.name)")
    let settings = try MessagingSettings(environment: environment)
    let metrics = MetricsBootstrap.bootstrapped

    let database = try PostgresConfiguration(
      url: settings.databaseURL.value, applicationName: definition.name)
    let pool = PostgresConnectionPool(
      configuration: database, size: settings.poolSize, logger: logger)
    try await migrate(definition, pool: pool, logger: logger)

    let publisher = link(definition, settings, role: "publisher", logger: logger)
    let subscriber = link(definition, settings, role: "consumer", logger: logger)
    let outbox = Outbox(schema: definition.schema, sealing: definition.outboxSealing)

    var relayConfiguration = OutboxRelayConfiguration(serviceName: definition.name)
    relayConfiguration.batchSize = settings.relayBatchSize
    relayConfiguration.pollInterval = settings.relayPollInterval
    let relay = OutboxRelay(
      outbox: outbox, database: database, broker: publisher, configuration: relayConfiguration,
      logger: logger)

    var consumerConfiguration = InboxConsumerConfiguration()
    consumerConfiguration.prefetch = settings.prefetch
    consumerConfiguration.batchSize = settings.consumerBatchSize
    consumerConfiguration.maxAttempts = settings.maxAttempts
    let consumers: [any Service] = definition.consumers.map {
      InboxConsumer(
        queue: $0.queue, schema: definition.schema, pool: pool,
        broker: subscriber, deadLetterBroker: publisher, handler: $0.handler,
        configuration: consumerConfiguration, outboxSealing: definition.outboxSealing,
        logger: logger)
    }
    let housekeeping = MessagingHousekeeping(
      schema: definition.schema, pool: pool, inboxRetention: settings.inboxRetention,
      logger: logger)

    let readiness = [
      ReadinessCheck("database") { await pool.isReachable() },
      ReadinessCheck("broker") {
        publisher.connection.isConnected && subscriber.connection.isConnected
      },
    ]
    let resources = HubServiceResources(pool: pool, outbox: outbox, logger: logger)
    let http = try HTTPServerFactory.makeApplication(
      configuration: runtime, readinessChecks: readiness, metrics: metrics, logger: logger
    ) { router in
      try definition.routes(router, resources)
    }
    let topology = definition.consumers.reduce(definition.topology) {
      $0.merging($1.queue.topology)
    }
    try await declare(topology, on: publisher, logger: logger)

    logger.info(
      "starting", metadata: ["consumers": "\(definition.consumers.map(\.queue.name))"])
    let background = try definition.backgroundServices(resources)
    try await ServiceHost.run(
      services: [
        DatabasePoolService(pool: pool), BrokerLinkService(link: publisher),
        BrokerLinkService(link: subscriber), relay,
      ] + consumers + background + [housekeeping, http],
      configuration: runtime, logger: logger)
    logger.info("stopped")
  }

  static func link(
    _ definition: HubServiceDefinition, _ settings: MessagingSettings, role: String,
    logger: Logger
  ) -> BrokerLink {
    // The URL was validated when read; a parse failure here is a programming error.
    let configuration = try! AMQPConfiguration(
      url: settings.amqpURL.value, connectionName: "\(definition.name)-\(role)")
    return BrokerLink(
      connection: AMQPConnection(configuration: configuration, logger: logger), logger: logger)
  }

  /// Declares the service's exchanges, queues and bindings before anything publishes or
  /// consumes, waiting for the broker if it is not up yet: the relay's first message must
  /// find its queues bound, or the broker would return it as unroutable.
  static func declare(_ topology: AMQPTopology, on link: BrokerLink, logger: Logger) async throws {
    let backoff = Backoff(initial: .milliseconds(200), maximum: .seconds(5))
    var attempt = 0
    while true {
      do {
        try await link.ready()
        try await link.connection.declare(topology)
        return
      } catch let error as AMQPError where attempt < 30 {
        logger.warning(
          "could not declare broker topology yet; retrying",
          metadata: ["error": "\(ErrorRedaction.describe(error))"])
        try await Task.sleep(for: backoff.delay(attempt: attempt))
        attempt += 1
      }
    }
  }

  /// Applies the messaging and service migrations, waiting for the database if it is not up
  /// yet (a service may start before its database).
  static func migrate(
    _ definition: HubServiceDefinition, pool: PostgresConnectionPool, logger: Logger
  ) async throws {
    let runner = MigrationRunner(
      schema: definition.schema,
      migrations: MessagingMigrations.all(schema: definition.schema) + definition.migrations,
      logger: logger)
    let backoff = Backoff(initial: .milliseconds(200), maximum: .seconds(5))
    var attempt = 0
    while true {
      do {
        try await runner.migrate(using: pool)
        return
      } catch let error as PostgresError where error.isTransient && attempt < 30 {
        logger.warning(
          "database not reachable yet; retrying migrations",
          metadata: ["error": "\(ErrorRedaction.describe(error))"])
        try await Task.sleep(for: backoff.delay(attempt: attempt))
        attempt += 1
      }
    }
  }
}
