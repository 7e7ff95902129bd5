/// A confidential configuration value, such as a password or a connection string with credentials.
///
/// The wrapper exists so that a secret cannot be logged by accident: its `description` and
/// `debugDescription` are redacted, and string interpolation therefore prints `<redacted>`. Read
/// ``value`` only at the point where the secret is handed to the library that needs it.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
  /// The secret itself. Never log it or put it in an error message.
  public let value: String

  /// Wraps `value` as a secret.
  public init(_ value: String) {
    self.value = value
  }

  /// Always `<redacted>`.
  public var description: String { "<redacted>" }

  /// Always `Secret(<redacted>)`.
  public var debugDescription: String { "Secret(<redacted>)" }
}
