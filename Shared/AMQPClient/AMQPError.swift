/// Failures reported by ``AMQPConnection``. Texts carry broker reply codes and names, never
/// message contents.
public enum AMQPError: Error, Sendable, CustomStringConvertible {
  /// The connection could not be established (socket, login, handshake).
  case connectionFailed(String)
  /// The connection went away while the operation was in flight (or is being re-established).
  case connectionLost(String)
  /// The broker closed the channel the operation ran on (for example 404 NOT_FOUND).
  case channelClosed(code: Int, text: String)
  /// The broker or the library answered something this client does not understand.
  case protocolError(String)
  /// The connection was closed by ``AMQPConnection/close()``.
  case closed

  /// A short human-readable explanation, safe to log.
  public var description: String {
    switch self {
    case .connectionFailed(let reason): return "AMQP connection failed: \(reason)"
    case .connectionLost(let reason): return "AMQP connection lost: \(reason)"
    case .channelClosed(let code, let text): return "AMQP channel closed: \(code) \(text)"
    case .protocolError(let reason): return "AMQP protocol error: \(reason)"
    case .closed: return "AMQP connection closed"
    }
  }
}
