/// Why a message could not be decoded. Reasons name the field (as a JSON pointer) and what is
/// wrong with it, never the field's value: messages carry personal data and these reasons end
/// up in logs and dead-letter headers.
public enum EventDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The bytes are not a well-formed message, e.g. "/occurredAt: expected an RFC 3339
  /// date-time".
  case malformed(reason: String)
  /// The message is well formed but is another event, e.g. expected "case.opened.v1", found
  /// "referral.accepted.v1".
  case typeMismatch(expected: String, found: String)

  /// A one-line explanation, safe to log.
  public var description: String {
    switch self {
    case .malformed(let reason):
      return "malformed event: \(reason)"
    case .typeMismatch(let expected, let found):
      return "event type mismatch: expected \(expected), found \(found)"
    }
  }
}
