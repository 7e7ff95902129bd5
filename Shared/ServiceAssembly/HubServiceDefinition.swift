import AMQPClient
import DurableMessaging
import Hummingbird
import Logging
import PersonalData
import PostgresClient
import ServiceLifecycle

/// What one RJ Hub service is made of; ``HubServiceRunner`` turns it into a running process.
///
/// A service supplies only its domain: its schema's migrations, the queues it consumes with
/// their handlers, and its HTTP routes. The runner adds the platform around them: database
/// pool, broker connections, outbox relay, inbox consumers, housekeeping, health, metrics
/// and graceful shutdown.
public struct HubServiceDefinition: Sendable {
  /// The service name, for example `intake`; also its broker prefix (`intake.*`).
  public var name: String
  /// Its PostgreSQL schema, for example `intake`.
  public var schema: SchemaName
  /// The HTTP port when `RJHUB_HTTP_PORT` is not set.
  public var defaultHTTPPort: Int
  /// The service's own migrations, numbered from 100 (1–99 are the messaging tables).
  public var migrations: [Migration]
  /// The queues it consumes.
  public var consumers: [HubConsumer]
  /// Broker declarations it needs beyond its queues (for example an exchange it owns).
  public var topology: AMQPTopology
  /// Adds the service's HTTP routes; throws when they cannot be built (a schema name that is
  /// not an identifier, say), which stops the service at start like a bad setting.
  public var routes: @Sendable (Router<BasicRequestContext>, HubServiceResources) throws -> Void
  /// Long-running work of the service's own (for example a delivery loop), started after the
  /// consumers and stopped before them.
  public var backgroundServices: @Sendable (HubServiceResources) throws -> [any Service]
  /// The keys the service seals personal data with, when it holds any; its outbox bodies are
  /// then sealed too.
  public var personalData: PersonalDataSealer?
  /// The outbox's body column of `service`, sealed when the service holds personal data.
  public static func outboxBodyColumn(service: String) -> SealedColumn {
    PersonalDataOutboxSealing.column(service: service)
  }

  /// How the service's outbox keeps bodies: sealed when it holds personal data.
  var outboxSealing: any OutboxBodySealing {
    guard let personalData else { return PlainOutboxBodies() }
    return PersonalDataOutboxSealing(sealer: personalData, service: name)
  }

  /// Describes a service.
  public init(
    name: String, schema: SchemaName, defaultHTTPPort: Int, migrations: [Migration] = [],
    consumers: [HubConsumer] = [], topology: AMQPTopology = .empty,
    routes: @escaping @Sendable (Router<BasicRequestContext>, HubServiceResources) throws -> Void =
      {
        _, _ in
      },
    backgroundServices: @escaping @Sendable (HubServiceResources) throws -> [any Service] = {
      _ in []
    },
    personalData: PersonalDataSealer? = nil
  ) {
    self.name = name
    self.schema = schema
    self.defaultHTTPPort = defaultHTTPPort
    self.migrations = migrations
    self.consumers = consumers
    self.topology = topology
    self.routes = routes
    self.backgroundServices = backgroundServices
    self.personalData = personalData
  }
}

/// One queue a service consumes, with its handler.
public struct HubConsumer: Sendable {
  /// The queue and its bindings.
  public var queue: ServiceQueue
  /// The service's logic for it.
  public var handler: any InboxHandler

  /// Consumes `queue` with `handler`.
  public init(queue: ServiceQueue, handler: any InboxHandler) {
    self.queue = queue
    self.handler = handler
  }
}

/// What a service's routes can use.
public struct HubServiceResources: Sendable {
  /// The database pool (the service's own role and schema).
  public var pool: PostgresConnectionPool
  /// The service's outbox, for events emitted from HTTP handlers.
  public var outbox: Outbox
  /// The service's logger.
  public var logger: Logger
}
