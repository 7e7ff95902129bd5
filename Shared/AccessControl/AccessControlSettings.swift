import ServiceRuntime

/// Where the hub's token signing key comes from, read from the environment.
///
/// Locally and in tests the hub signs and verifies HS256 tokens with one shared key. A key
/// shorter than 32 bytes is refused at start-up: HS256 is only as strong as its key.
public struct AccessControlSettings: Sendable {
  /// The variable holding the shared HS256 key (or, with `_FILE`, the path of a file holding it).
  public static let signingKeyVariable = "RJHUB_JWT_HS256_KEY"
  /// The shortest key accepted, in bytes of its UTF-8 text (256 bits, the HS256 digest size).
  public static let minimumKeyLength = 32

  /// The shared HS256 key. Never log it.
  public var signingKey: Secret

  /// Every variable with its default and meaning, for `rjhub env` and the README.
  public static let documentation: [RuntimeConfiguration.VariableDocumentation] = [
    (
      signingKeyVariable, "required",
      "Shared HS256 key (at least 32 bytes) that signs and verifies access tokens (or RJHUB_JWT_HS256_KEY_FILE)."
    )
  ]

  /// Reads the key; the error names the variable and never shows the key.
  public init(environment: EnvironmentReader) throws(ConfigurationError) {
    let key = try environment.secret(Self.signingKeyVariable)
    guard key.value.utf8.count >= Self.minimumKeyLength else {
      throw ConfigurationError(
        variable: Self.signingKeyVariable,
        expected:
          "a random key of at least \(Self.minimumKeyLength) bytes in \(Self.signingKeyVariable) or a file path in \(Self.signingKeyVariable)_FILE",
        reason: .malformed)
    }
    signingKey = key
  }
}
