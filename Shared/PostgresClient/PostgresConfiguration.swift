/// Where and how to connect to PostgreSQL.
///
/// `description` redacts the password, so a configuration may be logged.
public struct PostgresConfiguration: Sendable, CustomStringConvertible {
  /// Host name, IP address, or a Unix socket directory (starting with `/`).
  public var host: String
  /// TCP port (5432 by default).
  public var port: Int
  /// Database name.
  public var database: String
  /// Role to log in as.
  public var username: String
  /// Password for `username` (never logged).
  public var password: String
  /// Shown in `pg_stat_activity.application_name`, to find a service's sessions.
  public var applicationName: String
  /// How long connecting may take before it fails, in seconds.
  public var connectTimeoutSeconds: Int = 5

  /// Creates a configuration from its parts.
  public init(
    host: String, port: Int, database: String, username: String, password: String,
    applicationName: String
  ) {
    self.host = host
    self.port = port
    self.database = database
    self.username = username
    self.password = password
    self.applicationName = applicationName
  }

  /// Parses `postgresql://user:pass@host:port/db` (or `postgres://`); user, password, host and
  /// database are percent-decoded. Port defaults to 5432; database defaults to the user name.
  /// - Throws: `PostgresConfigurationError.invalidURL` (the message never repeats the URL).
  public init(url: String, applicationName: String) throws {
    let parsed = try PostgresURLParser.parse(url)
    self.init(
      host: parsed.host, port: parsed.port, database: parsed.database,
      username: parsed.username, password: parsed.password, applicationName: applicationName)
  }

  /// A log-safe rendering with the password redacted.
  public var description: String {
    "postgresql://\(username):***@\(host):\(port)/\(database) (application \(applicationName))"
  }
}

/// Thrown when a database URL cannot be parsed.
public enum PostgresConfigurationError: Error, Sendable, CustomStringConvertible {
  /// The reason says which part is wrong; the URL itself is not repeated (it holds a password).
  case invalidURL(reason: String)

  /// The reason, without the URL.
  public var description: String {
    switch self {
    case .invalidURL(let reason): return "invalid PostgreSQL URL: \(reason)"
    }
  }
}
