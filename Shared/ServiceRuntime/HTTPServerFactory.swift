import Hummingbird
import Logging

/// Builds the HTTP server of an RJ Hub service: a Hummingbird `Application` with the health and
/// metrics endpoints, request logging and the service's own routes.
///
/// The returned application is a swift-service-lifecycle `Service`; hand it to ``ServiceHost``
/// as the last service so it stops accepting requests first on shutdown.
///
/// ```swift
/// let app = try HTTPServerFactory.makeApplication(
///   configuration: configuration, readinessChecks: [databaseCheck],
///   metrics: .bootstrapped, logger: logger
/// ) { router in
///   router.get("/cases/{id}") { request, context in ... }
/// }
/// ```
public enum HTTPServerFactory {
  /// Builds the application with request context type `Context`, for services whose routes need
  /// their own context (for example one carrying the authenticated caller).
  ///
  /// - Parameters:
  ///   - configuration: Supplies host, port and server name.
  ///   - context: The request context type of the router.
  ///   - readinessChecks: The checks behind `GET /health/ready`.
  ///   - metrics: The registry behind `GET /metrics`; `nil` leaves the route out.
  ///   - recordRequestMetrics: Whether to record per-route request counts and durations through
  ///     swift-metrics (Hummingbird's `MetricsMiddleware`); they reach `/metrics` only when
  ///     `metrics` is the bootstrapped instance.
  ///   - logger: The server's logger; request lines are logged through it.
  ///   - addRoutes: Adds the service's own routes, after the built-in ones and behind the
  ///     request-logging middleware.
  public static func makeApplication<Context: RequestContext>(
    configuration: RuntimeConfiguration,
    context: Context.Type,
    readinessChecks: [ReadinessCheck] = [],
    metrics: MetricsBootstrap? = nil,
    recordRequestMetrics: Bool = true,
    logger: Logger,
    addRoutes: (Router<Context>) throws -> Void = { _ in }
  ) rethrows -> Application<RouterResponder<Context>>
  where Context.Source == ApplicationRequestContextSource {
    let router = try makeRouter(
      context: context, readinessChecks: readinessChecks, metrics: metrics,
      recordRequestMetrics: recordRequestMetrics, addRoutes: addRoutes)
    return Application(
      router: router,
      configuration: ApplicationConfiguration(
        address: .hostname(configuration.httpHost, port: configuration.httpPort),
        serverName: configuration.serviceName
      ),
      logger: logger
    )
  }

  /// Builds the application with Hummingbird's `BasicRequestContext`.
  ///
  /// See ``makeApplication(configuration:context:readinessChecks:metrics:recordRequestMetrics:logger:addRoutes:)``.
  public static func makeApplication(
    configuration: RuntimeConfiguration,
    readinessChecks: [ReadinessCheck] = [],
    metrics: MetricsBootstrap? = nil,
    recordRequestMetrics: Bool = true,
    logger: Logger,
    addRoutes: (Router<BasicRequestContext>) throws -> Void = { _ in }
  ) rethrows -> Application<RouterResponder<BasicRequestContext>> {
    try makeApplication(
      configuration: configuration, context: BasicRequestContext.self,
      readinessChecks: readinessChecks, metrics: metrics,
      recordRequestMetrics: recordRequestMetrics, logger: logger, addRoutes: addRoutes)
  }

  /// Builds just the router: middleware first (so it wraps every route), then the health and
  /// metrics routes, then the caller's routes.
  public static func makeRouter<Context: RequestContext>(
    context: Context.Type,
    readinessChecks: [ReadinessCheck] = [],
    metrics: MetricsBootstrap? = nil,
    recordRequestMetrics: Bool = true,
    addRoutes: (Router<Context>) throws -> Void = { _ in }
  ) rethrows -> Router<Context> {
    let router = Router(context: context)
    router.add(middleware: RequestLogMiddleware<Context>())
    if recordRequestMetrics {
      router.add(middleware: MetricsMiddleware<Context>())
    }
    HealthRoutes(checks: readinessChecks, metrics: metrics).register(on: router)
    try addRoutes(router)
    return router
  }
}
