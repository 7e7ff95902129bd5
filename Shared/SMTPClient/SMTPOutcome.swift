/// How handing one email to the relay went.
public enum SMTPOutcome: Sendable, Equatable {
  /// The relay accepted the message (250 after the data).
  case accepted
  /// The relay refused the recipient or the message with a permanent (5xx) reply: sending
  /// again would get the same answer.
  case refused(reply: Int)
  /// Anything else (no connection, timeout, TLS or AUTH failure, a temporary 4xx reply, a 5xx
  /// to the sender): worth retrying. `curlCode` is libcurl's result code, `reply` the last
  /// SMTP reply code (0 when none).
  case transient(curlCode: Int, reply: Int)

  /// A short code safe to log and store: no address, no server text.
  public var code: String {
    switch self {
    case .accepted: return "accepted"
    case .refused(let reply): return "smtp-\(reply)"
    case .transient(let curlCode, let reply):
      return reply > 0 ? "curl-\(curlCode)-smtp-\(reply)" : "curl-\(curlCode)"
    }
  }
}
