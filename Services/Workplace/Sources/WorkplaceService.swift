import AccessControl
import AsyncHTTPClient
import Foundation
import HubConfiguration
import Logging
import PersonalData
import PostgresClient
import ServiceLifecycle
import ServiceRuntime

/// `rjhub-workplace`: the staff's web app. Reads its settings, migrates its schema (sessions
/// only), and runs the database pool and the HTTP server as one `ServiceGroup` until SIGTERM.
public enum WorkplaceService {
  /// The workplace's schema: sign-ins and sessions, nothing else.
  public static let schema: SchemaName = "workplace"

  /// Every variable the workplace reads, with defaults.
  public static var documentation: [SettingDocumentation] {
    RuntimeConfiguration.documentation + WorkplaceSettings.documentation
      + AccessControlSettings.documentation + PersonalDataKeys.documentation
  }

  /// Runs the workplace until shutdown.
  public static func run(environment: EnvironmentReader = EnvironmentReader()) async throws {
    let runtime = try RuntimeConfiguration(
      serviceName: "workplace", defaultHTTPPort: WorkplaceSettings.defaultHTTPPort,
      environment: environment)
    LoggingBootstrap.bootstrap(runtime)
    let logger = Logger(label: "rjhub.workplace")
    let settings = try WorkplaceSettings(environment: environment)
    let metrics = MetricsBootstrap.bootstrapped
    let pool = PostgresConnectionPool(
      configuration: try PostgresConfiguration(
        url: settings.databaseURL.value, applicationName: "workplace"),
      size: settings.poolSize, logger: logger)
    try await migrate(pool: pool, logger: logger)
    let workplace = try await make(
      settings: settings, environment: environment, pool: pool, logger: logger)
    let http = HTTPServerFactory.makeApplication(
      configuration: runtime,
      readinessChecks: [ReadinessCheck("database") { await pool.isReachable() }],
      metrics: metrics, logger: logger
    ) { router in workplace.addRoutes(to: router) }
    logger.info("starting", metadata: ["issuer": "\(settings.issuer)"])
    try await ServiceHost.run(
      services: [SessionPoolService(pool: pool), http], configuration: runtime, logger: logger)
    logger.info("stopped")
  }

  /// The workplace over `pool` with the settings read; for the executable and for tests that
  /// serve it in process.
  public static func make(
    settings: WorkplaceSettings, environment: EnvironmentReader, pool: PostgresConnectionPool,
    logger: Logger
  ) async throws -> Workplace {
    let sealer = PersonalDataSealer(
      keys: try PersonalDataKeys(environment: environment), logger: logger)
    let store = SessionStore(
      schema: schema, pool: pool, sealer: sealer, idleTimeout: settings.idleTimeout,
      sessionLimit: settings.sessionLimit)
    let http = HTTPClient.shared
    return Workplace(
      settings: settings, store: store, gate: try AccessGate(environment: environment),
      provider: OpenIDProvider(
        issuer: settings.issuer, clientID: settings.clientID,
        clientSecret: settings.clientSecret.value, http: http, logger: logger),
      identity: try IdentityTokenVerifier(
        environment: environment, issuer: settings.issuer, clientID: settings.clientID),
      api: HubAPI(addresses: settings.services, http: http, logger: logger),
      pages: try await PageRenderer.bundled(), logger: logger)
  }

  /// Applies the workplace's migrations, waiting for the database if it is not up yet.
  static func migrate(pool: PostgresConnectionPool, logger: Logger) async throws {
    let runner = MigrationRunner(
      schema: schema, migrations: WorkplaceMigrations.all(schema: schema), logger: logger)
    var attempt = 0
    while true {
      do {
        try await runner.migrate(using: pool)
        return
      } catch let error as PostgresError where error.isTransient && attempt < 30 {
        logger.warning(
          "database not reachable yet; retrying migrations", metadata: ["attempt": "\(attempt)"])
        try await Task.sleep(for: .milliseconds(min(5000, 200 << min(attempt, 5))))
        attempt += 1
      }
    }
  }
}

/// Closes the session pool after the HTTP server has stopped (listed first, stopped last).
struct SessionPoolService: Service {
  let pool: PostgresConnectionPool

  func run() async throws {
    try? await gracefulShutdown()
    await pool.close()
  }
}
