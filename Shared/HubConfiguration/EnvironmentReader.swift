import Foundation

/// Typed, validated reads of configuration from environment variables.
///
/// Every RJ Hub service is configured through its environment (twelve-factor style). The reader
/// turns raw strings into typed values, applies the caller's documented default when a variable
/// is unset, and throws a ``ConfigurationError`` naming the variable when a value is malformed,
/// so a misconfigured service stops at start-up instead of misbehaving later.
///
/// A variable that is set to the empty string counts as unset.
///
/// ```swift
/// let env = EnvironmentReader()
/// let port = try env.int("RJHUB_HTTP_PORT", default: 8080, range: 0...65535)
/// let grace = try env.duration("RJHUB_SHUTDOWN_GRACE", default: .seconds(30))
/// let password = try env.secret("RJHUB_DB_PASSWORD")
/// ```
public struct EnvironmentReader: Sendable {
  /// The raw variables this reader reads from.
  public let values: [String: String]

  /// Creates a reader over the given variables; tests use this to inject configuration.
  public init(_ values: [String: String]) {
    self.values = values
  }

  /// Creates a reader over the environment of the current process.
  public init() {
    self.init(ProcessInfo.processInfo.environment)
  }

  /// The raw value of `name`, or `nil` when it is unset or empty.
  public func raw(_ name: String) -> String? {
    guard let value = values[name], !value.isEmpty else { return nil }
    return value
  }

  // MARK: Strings

  /// The value of `name`, or `defaultValue` when it is unset.
  public func string(_ name: String, default defaultValue: String) -> String {
    raw(name) ?? defaultValue
  }

  /// The value of `name`; throws ``ConfigurationError`` when it is unset.
  public func requiredString(_ name: String) throws(ConfigurationError) -> String {
    guard let value = raw(name) else {
      throw ConfigurationError(variable: name, expected: "a non-empty string", reason: .missing)
    }
    return value
  }

  // MARK: Numbers and flags

  /// The value of `name` as a decimal integer, or `defaultValue` when it is unset.
  ///
  /// - Parameter range: When given, values outside it are rejected.
  public func int(
    _ name: String, default defaultValue: Int, range: ClosedRange<Int>? = nil
  ) throws(ConfigurationError) -> Int {
    guard let text = raw(name) else { return defaultValue }
    let expected =
      range.map { "an integer from \($0.lowerBound) to \($0.upperBound)" } ?? "an integer"
    guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
      throw ConfigurationError(variable: name, expected: expected, reason: .malformed)
    }
    if let range, !range.contains(value) {
      throw ConfigurationError(variable: name, expected: expected, reason: .malformed)
    }
    return value
  }

  /// The value of `name` as a flag, or `defaultValue` when it is unset.
  ///
  /// Accepts `true`/`false`, `yes`/`no`, `on`/`off` and `1`/`0`, in any letter case.
  public func bool(_ name: String, default defaultValue: Bool) throws(ConfigurationError) -> Bool {
    guard let text = raw(name) else { return defaultValue }
    switch text.trimmingCharacters(in: .whitespaces).lowercased() {
    case "true", "yes", "on", "1": return true
    case "false", "no", "off", "0": return false
    default:
      throw ConfigurationError(
        variable: name, expected: "true or false (also yes/no, on/off, 1/0)", reason: .malformed)
    }
  }

  /// The value of `name` as a duration such as `250ms`, `5s`, `2m` or `1h`, or `defaultValue`
  /// when it is unset.
  ///
  /// The value is a non-negative whole number followed by a unit: `ms`, `s`, `m` or `h`.
  public func duration(
    _ name: String, default defaultValue: Duration
  ) throws(ConfigurationError) -> Duration {
    guard let text = raw(name) else { return defaultValue }
    guard let value = DurationText.parse(text) else {
      throw ConfigurationError(
        variable: name, expected: "a duration such as 250ms, 5s, 2m or 1h", reason: .malformed)
    }
    return value
  }

  /// The value of `name` as one of the cases of `Value`, or `defaultValue` when it is unset.
  ///
  /// Matching ignores letter case; the error lists the accepted values.
  public func enumeration<Value: RawRepresentable & CaseIterable & Sendable>(
    _ name: String, default defaultValue: Value
  ) throws(ConfigurationError) -> Value where Value.RawValue == String {
    guard let text = raw(name) else { return defaultValue }
    let wanted = text.trimmingCharacters(in: .whitespaces).lowercased()
    if let match = Value.allCases.first(where: { $0.rawValue.lowercased() == wanted }) {
      return match
    }
    let accepted = Value.allCases.map(\.rawValue).joined(separator: ", ")
    throw ConfigurationError(variable: name, expected: "one of: \(accepted)", reason: .malformed)
  }

  // MARK: Secrets

  /// The secret in `name`; throws ``ConfigurationError`` when neither `name` nor `name_FILE` is set.
  ///
  /// See ``optionalSecret(_:)`` for how the value is found.
  public func secret(_ name: String) throws(ConfigurationError) -> Secret {
    guard let secret = try optionalSecret(name) else {
      throw ConfigurationError(
        variable: name, expected: "a secret in \(name) or a file path in \(name)_FILE",
        reason: .missing)
    }
    return secret
  }

  /// The secret in `name`, or `nil` when neither `name` nor `name_FILE` is set.
  ///
  /// When `name_FILE` is set it wins: the secret is the content of the file it names, with
  /// surrounding whitespace and newlines trimmed (the form container secrets are mounted in).
  /// Otherwise the secret is the value of `name` itself. Errors name the variable, never the
  /// secret.
  public func optionalSecret(_ name: String) throws(ConfigurationError) -> Secret? {
    let fileVariable = name + "_FILE"
    if let path = raw(fileVariable) {
      let unreadable = ConfigurationError(
        variable: fileVariable, expected: "the path of a readable, non-empty file",
        reason: .unreadableFile)
      guard let data = FileManager.default.contents(atPath: path),
        let text = String(data: data, encoding: .utf8)
      else { throw unreadable }
      let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
      guard !trimmed.isEmpty else { throw unreadable }
      return Secret(trimmed)
    }
    return raw(name).map(Secret.init)
  }
}
