import HubConfiguration
import Logging

/// The settings every RJ Hub service process has, read from `RJHUB_*` environment variables.
///
/// Service-specific settings (database, broker, ...) live in each service's own configuration;
/// this type holds only what ``ServiceHost``, ``LoggingBootstrap`` and ``HTTPServerFactory``
/// need. Every variable is listed in ``documentation`` so `rjhub env` can print
/// it and the README can list it.
public struct RuntimeConfiguration: Sendable {
  /// The service's name, used as the `service` field of every log line and as the server name.
  public var serviceName: String
  /// The address the HTTP server binds to (`RJHUB_HTTP_HOST`, default `127.0.0.1`).
  public var httpHost: String
  /// The port the HTTP server binds to (`RJHUB_HTTP_PORT`; the default differs per service;
  /// `0` picks a free port).
  public var httpPort: Int
  /// The lowest log level written (`RJHUB_LOG_LEVEL`, default `info`).
  public var logLevel: Logger.Level
  /// How log lines are written (`RJHUB_LOG_FORMAT`, `text` or `json`, default `text`).
  public var logFormat: LogFormat
  /// How long services may take to finish in-flight work after SIGTERM before they are cancelled
  /// (`RJHUB_SHUTDOWN_GRACE`, default `30s`).
  public var shutdownGracePeriod: Duration

  /// The default bind address: loopback only, so nothing is exposed unless configured.
  public static let defaultHTTPHost = "127.0.0.1"
  /// The default log level.
  public static let defaultLogLevel: Logger.Level = .info
  /// The default log format.
  public static let defaultLogFormat: LogFormat = .text
  /// The default graceful shutdown period.
  public static let defaultShutdownGracePeriod: Duration = .seconds(30)

  /// The environment variables read by ``init(serviceName:defaultHTTPPort:environment:)``.
  public static let documentation: [SettingDocumentation] = [
    (
      "RJHUB_HTTP_HOST", defaultHTTPHost,
      "Address the HTTP server (health, metrics, API) binds to."
    ),
    (
      "RJHUB_HTTP_PORT", "per service",
      "Port the HTTP server binds to, 0 to 65535 (0 picks a free port)."
    ),
    (
      "RJHUB_LOG_LEVEL", defaultLogLevel.rawValue,
      "Lowest log level written: trace, debug, info, notice, warning, error, critical."
    ),
    (
      "RJHUB_LOG_FORMAT", defaultLogFormat.rawValue,
      "Log line format: text (human-readable) or json (one object per line)."
    ),
    (
      "RJHUB_SHUTDOWN_GRACE", DurationText.format(defaultShutdownGracePeriod),
      "Time allowed for a graceful shutdown before services are cancelled (e.g. 500ms, 30s, 2m)."
    ),
  ]

  /// Creates a configuration from explicit values; tests and tools use this.
  public init(
    serviceName: String,
    httpHost: String = RuntimeConfiguration.defaultHTTPHost,
    httpPort: Int,
    logLevel: Logger.Level = RuntimeConfiguration.defaultLogLevel,
    logFormat: LogFormat = RuntimeConfiguration.defaultLogFormat,
    shutdownGracePeriod: Duration = RuntimeConfiguration.defaultShutdownGracePeriod
  ) {
    self.serviceName = serviceName
    self.httpHost = httpHost
    self.httpPort = httpPort
    self.logLevel = logLevel
    self.logFormat = logFormat
    self.shutdownGracePeriod = shutdownGracePeriod
  }

  /// Reads the configuration from the environment, using the documented defaults.
  ///
  /// - Parameters:
  ///   - serviceName: The service's name (not configurable: it identifies the code).
  ///   - defaultHTTPPort: The port this service listens on when `RJHUB_HTTP_PORT` is unset.
  ///   - environment: Where to read the variables; the process environment by default.
  /// - Throws: ``ConfigurationError`` naming the first malformed variable.
  public init(
    serviceName: String, defaultHTTPPort: Int,
    environment: EnvironmentReader = EnvironmentReader()
  ) throws(ConfigurationError) {
    self.init(
      serviceName: serviceName,
      httpHost: environment.string("RJHUB_HTTP_HOST", default: Self.defaultHTTPHost),
      httpPort: try environment.int("RJHUB_HTTP_PORT", default: defaultHTTPPort, range: 0...65535),
      logLevel: try environment.enumeration("RJHUB_LOG_LEVEL", default: Self.defaultLogLevel),
      logFormat: try environment.enumeration("RJHUB_LOG_FORMAT", default: Self.defaultLogFormat),
      shutdownGracePeriod: try environment.duration(
        "RJHUB_SHUTDOWN_GRACE", default: Self.defaultShutdownGracePeriod)
    )
  }
}
