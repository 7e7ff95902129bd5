import ServiceAssembly
import ServiceRuntime

/// The reporting service: its name, schema and default port, and the definition
/// ``HubServiceRunner`` runs.
public enum ReportingService {
  /// The service's name and broker prefix.
  public static let name = "reporting"
  /// Its PostgreSQL schema.
  public static let schema = "reporting"
  /// Its HTTP port unless `RJHUB_HTTP_PORT` says otherwise.
  public static let defaultHTTPPort = 8085

  /// The service as the runner starts it, configured from `environment`.
  public static func definition(environment: EnvironmentReader = EnvironmentReader()) throws
    -> HubServiceDefinition
  {
    HubServiceDefinition(name: name, schema: schema, defaultHTTPPort: defaultHTTPPort)
  }
}
