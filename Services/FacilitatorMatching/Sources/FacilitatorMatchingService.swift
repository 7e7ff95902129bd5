import ServiceAssembly
import ServiceRuntime

/// The facilitator-matching service: its name, schema and default port, and the definition
/// ``HubServiceRunner`` runs.
public enum FacilitatorMatchingService {
  /// The service's name and broker prefix.
  public static let name = "facilitator-matching"
  /// Its PostgreSQL schema.
  public static let schema = "facilitator_matching"
  /// Its HTTP port unless `RJHUB_HTTP_PORT` says otherwise.
  public static let defaultHTTPPort = 8083

  /// The service as the runner starts it, configured from `environment`.
  public static func definition(environment: EnvironmentReader = EnvironmentReader()) throws
    -> HubServiceDefinition
  {
    HubServiceDefinition(name: name, schema: schema, defaultHTTPPort: defaultHTTPPort)
  }
}
