import Foundation

/// Where and how to reach a RabbitMQ broker, and how hard to try again after losing it.
///
/// Passwords live only here; they never appear in log lines or error messages.
public struct AMQPConfiguration: Sendable {
  /// Broker host name or address.
  public var host: String
  /// Broker TCP port (5672 by default).
  public var port: Int
  /// Virtual host to open, `/` by default.
  public var virtualHost: String
  /// User name for SASL PLAIN.
  public var username: String
  /// Password for SASL PLAIN.
  public var password: String
  /// Heartbeat interval negotiated with the broker, in seconds; a dead broker is noticed after
  /// about twice this long.
  public var heartbeatSeconds: Int
  /// Client-provided connection name shown by `rabbitmqctl list_connections`.
  public var connectionName: String
  /// First delay before reconnecting after the broker went away.
  public var reconnectInitialDelay: Duration
  /// Upper bound of the exponential reconnect backoff.
  public var reconnectMaxDelay: Duration
  /// How long opening the TCP socket and the AMQP handshake may take.
  public var connectTimeout: Duration

  /// Creates a configuration from its parts; the reconnect and heartbeat settings take defaults.
  public init(
    host: String, port: Int = 5672, virtualHost: String = "/", username: String = "guest",
    password: String = "guest", connectionName: String = "rjhub"
  ) {
    self.host = host
    self.port = port
    self.virtualHost = virtualHost
    self.username = username
    self.password = password
    self.heartbeatSeconds = 10
    self.connectionName = connectionName
    self.reconnectInitialDelay = .milliseconds(100)
    self.reconnectMaxDelay = .seconds(5)
    self.connectTimeout = .seconds(5)
  }

  /// Parses `amqp://user:pass@host:port/vhost`; user, password and vhost are percent-decoded,
  /// an empty path means the vhost `/`.
  public init(url: String, connectionName: String) throws {
    guard let components = URLComponents(string: url), components.scheme == "amqp" else {
      throw AMQPError.connectionFailed("not an amqp:// URL")
    }
    guard let host = components.host, !host.isEmpty else {
      throw AMQPError.connectionFailed("AMQP URL has no host")
    }
    let path = components.percentEncodedPath
    let vhost: String
    if path.isEmpty || path == "/" {
      vhost = "/"
    } else {
      let encoded = String(path.dropFirst())
      guard let decoded = encoded.removingPercentEncoding else {
        throw AMQPError.connectionFailed("AMQP URL has an invalid virtual host")
      }
      vhost = decoded
    }
    self.init(
      host: host, port: components.port ?? 5672, virtualHost: vhost,
      username: components.percentEncodedUser?.removingPercentEncoding ?? "guest",
      password: components.percentEncodedPassword?.removingPercentEncoding ?? "guest",
      connectionName: connectionName)
  }
}
