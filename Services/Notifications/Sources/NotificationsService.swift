import AccessControl
import DurableMessaging
import EventContracts
import HubConfiguration
import Logging
import PersonalData
import PostgresClient
import ServiceAssembly
import ServiceLifecycle
import ServiceRuntime

/// The notifications service: sends the letters and emails other services request, from
/// templates, exactly once per notification id. It stores each `notification.requested.v1`
/// and a delivery loop hands emails to the SMTP relay (`RJHUB_SMTP_URL`) and renders letters
/// to sealed PDFs, which the ``LetterDrop`` writes into the print provider's spool
/// (`RJHUB_LETTER_DROP_DIR`), announcing each outcome with `notification.sent.v1` or
/// `notification.failed.v1`. ``LetterRoutes`` show letters and record returns. Settings:
/// ``NotificationsSettings``.
public enum NotificationsService {
  /// The service's name and broker prefix.
  public static let name = "notifications"
  /// Its PostgreSQL schema.
  public static let schema: SchemaName = "notifications"

  /// Every column of its tables holding sealed personal data, its outbox's bodies included:
  /// what `rjhub data reseal` re-seals.
  public static var sealedColumns: [SealedColumn] {
    RecipientPersonalData.columns + [HubServiceDefinition.outboxBodyColumn(service: name)]
  }
  /// Its HTTP port unless `RJHUB_HTTP_PORT` says otherwise.
  public static let defaultHTTPPort = 8084

  /// The queue of requests: `notifications.requests`, bound to `rj.events` for
  /// `notification.requested.v1`.
  public static let requestQueue = ServiceQueue(
    service: name, purpose: "requests",
    bindings: NotificationRequestHandlers.routes.bindings(on: EventExchange.events))

  /// The service as the runner starts it, configured from `environment` (which must hold
  /// `RJHUB_SMTP_URL`; the error names it otherwise).
  public static func definition(environment: EnvironmentReader = EnvironmentReader()) throws
    -> HubServiceDefinition
  {
    let settings = try NotificationsSettings(environment: environment)
    let gate = try AccessGate(environment: environment)
    let sealer = PersonalDataSealer(
      keys: try PersonalDataKeys(environment: environment), logger: Logger(label: "rjhub.\(name)"))
    let personalData = RecipientPersonalData(sealer: sealer)
    return HubServiceDefinition(
      name: name, schema: schema, defaultHTTPPort: defaultHTTPPort,
      migrations: NotificationsMigrations.all(schema: schema),
      consumers: [HubConsumer(queue: requestQueue, handler: requestHandler(sealer: sealer))],
      routes: { router, resources in
        LetterRoutes(schema: schema, gate: gate, pool: resources.pool).register(on: router)
      },
      backgroundServices: { resources in
        // Each delivery loop listens for new requests on a connection of its own and sends
        // through a relay connection of its own; SKIP LOCKED claims keep them apart, as they
        // do the letter drops of several replicas.
        let database = try PostgresConfiguration(
          url: try environment.secret("RJHUB_DATABASE_URL").value,
          applicationName: "\(name)-delivery")
        let deliveries: [any Service] = try (0..<settings.senders).map { _ in
          try NotificationDelivery(
            schema: schema, pool: resources.pool, database: database, outbox: resources.outbox,
            smtp: settings.smtp, configuration: settings.delivery, areas: settings.directory,
            personalData: personalData, logger: resources.logger)
        }
        let drop = LetterDrop(
          schema: schema, pool: resources.pool, outbox: resources.outbox,
          configuration: settings.letterDrop, personalData: personalData,
          logger: resources.logger)
        return deliveries + [drop]
      }, personalData: sealer)
  }

  /// The handler of `notifications.requests`, writing to `schema` with recipients sealed by
  /// `sealer`.
  public static func requestHandler(schema: SchemaName = schema, sealer: PersonalDataSealer)
    -> any InboxHandler
  {
    NotificationRequestHandlers(
      schema: schema, personalData: RecipientPersonalData(sealer: sealer)
    ).router()
  }

  /// notifications' migrations for `schema` (after the messaging tables), for tests and
  /// tools.
  public static func migrations(schema: SchemaName = schema) -> [Migration] {
    MessagingMigrations.all(schema: schema) + NotificationsMigrations.all(schema: schema)
  }
}
