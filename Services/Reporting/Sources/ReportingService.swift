import AccessControl
import DurableMessaging
import EventContracts
import HubAreas
import HubConfiguration
import PostgresClient
import ServiceAssembly
import ServiceRuntime

/// The reporting service: a read model of the hub's events holding no direct identifiers,
/// and the commissioners' figures worked out from it (`GET /figures`, `GET /figures.html`;
/// every figure is defined in `docs/figures.md`).
public enum ReportingService {
  /// The service's name and broker prefix.
  public static let name = "reporting"
  /// Its PostgreSQL schema.
  public static let schema: SchemaName = "reporting"
  /// Its HTTP port unless `RJHUB_HTTP_PORT` says otherwise.
  public static let defaultHTTPPort = 8085

  /// The queue of events the figures count: `reporting.events`, bound to `rj.events` for
  /// referral replies, case opening and stages (closures with them), contact tasks (scheduled
  /// and closed) and attempts, facilitator allocation (and its ending), offers to agencies and
  /// their declines, the facilitator register's revisions (no names), notification outcomes,
  /// consent withdrawals, interventions, survey scores and complaints. Never bound to `case.contact-details` or
  /// `notification.requested`: they carry names and contact details, and reporting holds no
  /// personal data.
  public static let eventQueue = ServiceQueue(
    service: name, purpose: "events",
    bindings: ReportingEventHandlers.routes.bindings(on: EventExchange.events))

  /// The service as the runner starts it, configured from `environment` (which must hold
  /// the token key `RJHUB_JWT_HS256_KEY`; the error names it otherwise).
  public static func definition(environment: EnvironmentReader = EnvironmentReader()) throws
    -> HubServiceDefinition
  {
    let gate = try AccessGate(environment: environment)
    let settings = try ReportingSettings(environment: environment)
    return HubServiceDefinition(
      name: name, schema: schema, defaultHTTPPort: defaultHTTPPort,
      migrations: ReportingMigrations.all(schema: schema),
      consumers: [HubConsumer(queue: eventQueue, handler: eventHandler())],
      routes: { router, resources in
        try FiguresRoutes(
          schema: schema, gate: gate, pool: resources.pool, areas: settings.directory
        )
        .register(on: router)
      })
  }

  /// The handler of `reporting.events`, writing to `schema`.
  public static func eventHandler(schema: SchemaName = schema) -> any InboxHandler {
    ReportingEventHandlers(schema: schema).router()
  }

  /// reporting's migrations for `schema` (after the messaging tables), for tests and tools.
  public static func migrations(schema: SchemaName = schema) -> [Migration] {
    MessagingMigrations.all(schema: schema) + ReportingMigrations.all(schema: schema)
  }
}
