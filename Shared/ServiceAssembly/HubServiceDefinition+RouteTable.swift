import DurableMessaging
import Hummingbird
import Logging
import PostgresClient
import ServiceRuntime

extension HubServiceDefinition {
  /// Every HTTP route the service's process serves, as `"METHOD /path"` (`"POST
  /// /facilitators"`, captures written `{name}`), sorted: the health and metrics routes and
  /// the service's own, added to a router exactly as ``HubServiceRunner`` adds them.
  ///
  /// This is the route table the service's OpenAPI document must describe, route for route;
  /// a test compares the two so that neither can drift from the other. Building it opens no
  /// connection: the pool handed to the routes is never used.
  public func routeTable() throws -> [String] {
    let logger = Logger(label: "rjhub.\(name).route-table")
    let pool = PostgresConnectionPool(
      configuration: PostgresConfiguration(
        host: "127.0.0.1", port: 1, database: "unused", username: "unused", password: "",
        applicationName: name),
      size: 1, logger: logger)
    let resources = HubServiceResources(
      pool: pool, outbox: Outbox(schema: schema, sealing: outboxSealing), logger: logger)
    let router = try HTTPServerFactory.makeRouter(
      context: BasicRequestContext.self, metrics: MetricsBootstrap(), recordRequestMetrics: false
    ) { router in
      try routes(router, resources)
    }
    return router.routes.map { "\($0.method.rawValue) \($0.path.description)" }.sorted()
  }

}
