/// A configuration value read from the environment is missing or malformed.
///
/// The error names the variable and says what was expected, so an operator can fix the
/// deployment without reading code. It never carries the offending value: a misplaced secret or
/// connection string must not end up in logs or crash reports.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The environment variable at fault, for example `RJHUB_HTTP_PORT` or `RJHUB_DB_PASSWORD_FILE`.
  public var variable: String
  /// What the variable must hold, in words, for example `an integer from 0 to 65535`.
  public var expected: String
  /// Why the value was rejected: missing, malformed or unreadable.
  public var reason: Reason

  /// The ways a configuration value can be rejected.
  public enum Reason: String, Sendable, Hashable {
    /// The variable is not set (or is empty) and has no default.
    case missing
    /// The variable is set but its value does not have the expected form.
    case malformed
    /// The variable names a file that could not be read, or the file is empty.
    case unreadableFile
    /// The variable names data that no longer reaches far enough ahead (a bank holidays file
    /// ending within the next twelve months).
    case outOfDate
  }

  /// Creates an error for `variable`, saying what it must hold and why it was rejected.
  public init(variable: String, expected: String, reason: Reason) {
    self.variable = variable
    self.expected = expected
    self.reason = reason
  }

  /// A one-line explanation naming the variable and the expected form, never the value.
  public var description: String {
    switch reason {
    case .missing:
      return "\(variable) is not set: expected \(expected)"
    case .malformed:
      return "\(variable) is invalid: expected \(expected) (value not shown)"
    case .unreadableFile:
      return "\(variable) names a file that cannot be read or is empty: expected \(expected)"
    case .outOfDate:
      return "\(variable) is out of date: expected \(expected)"
    }
  }
}
