import Foundation
import HubConfiguration

/// Which keys the hub trusts to sign access tokens, read from the environment.
///
/// Two key sources, at least one of which must be configured:
/// - a force's identity provider: the JSON Web Key Set file in `RJHUB_JWT_JWKS_FILE` (public
///   RS256 or ES256 keys), trusting the issuers in `RJHUB_JWT_ISSUERS`;
/// - the shared HS256 key in `RJHUB_JWT_HS256_KEY`, for local development and tests. A key
///   shorter than 32 bytes is refused at start-up: HS256 is only as strong as its key.
///
/// With both, the gate accepts tokens from either. Errors name the variable, never a key.
public struct AccessControlSettings: Sendable {
  /// The variable holding the shared HS256 key (or, with `_FILE`, the path of a file holding it).
  public static let signingKeyVariable = "RJHUB_JWT_HS256_KEY"
  /// The variable naming the identity provider's JSON Web Key Set file.
  public static let jwksFileVariable = "RJHUB_JWT_JWKS_FILE"
  /// The variable listing the `iss` values accepted on identity-provider tokens.
  public static let issuersVariable = "RJHUB_JWT_ISSUERS"
  /// The shortest key accepted, in bytes of its UTF-8 text (256 bits, the HS256 digest size).
  public static let minimumKeyLength = 32
  /// The issuers trusted when `RJHUB_JWT_ISSUERS` is unset.
  public static let defaultIssuers = ["rjhub"]

  /// The shared HS256 key, when configured. Never log it.
  public var sharedKey: Secret?
  /// The path of the identity provider's JSON Web Key Set file, when configured.
  public var jwksFile: String?
  /// The `iss` values accepted on tokens verified with the JSON Web Key Set.
  public var trustedIssuers: [String]
  /// The checked keys of the JSON Web Key Set file.
  let publishedKeys: PublishedKeySet?

  /// Every variable with its default and meaning, for `rjhub env` and the README.
  public static let documentation: [SettingDocumentation] = [
    (
      signingKeyVariable, "unset",
      "Shared HS256 key (at least 32 bytes) that signs and verifies access tokens, for local work and tests (or RJHUB_JWT_HS256_KEY_FILE). This or RJHUB_JWT_JWKS_FILE is required."
    ),
    (
      jwksFileVariable, "unset",
      "Path of the identity provider's JSON Web Key Set of public RS256 (RSA) or ES256 (EC P-256) keys that verify access tokens. This or RJHUB_JWT_HS256_KEY is required."
    ),
    (
      issuersVariable, defaultIssuers.joined(separator: ","),
      "Comma-separated iss values accepted on tokens verified with RJHUB_JWT_JWKS_FILE."
    ),
  ]

  /// Reads both key sources; throws a ``ConfigurationError`` naming both variables when neither
  /// is set, or naming the faulty variable (never its value) when one is malformed.
  public init(environment: EnvironmentReader) throws(ConfigurationError) {
    sharedKey = try Self.readSharedKey(environment)
    jwksFile = environment.raw(Self.jwksFileVariable)
    if let jwksFile {
      publishedKeys = try PublishedKeySet(contentsOf: jwksFile, variable: Self.jwksFileVariable)
    } else {
      publishedKeys = nil
    }
    trustedIssuers = try Self.readIssuers(environment)
    guard sharedKey != nil || publishedKeys != nil else {
      throw ConfigurationError(
        variable: "\(Self.signingKeyVariable) or \(Self.jwksFileVariable)",
        expected:
          "the path of the identity provider's JSON Web Key Set file in \(Self.jwksFileVariable), or for local work a random key of at least \(Self.minimumKeyLength) bytes in \(Self.signingKeyVariable) (or a file path in \(Self.signingKeyVariable)_FILE)",
        reason: .missing)
    }
  }

  /// The shared HS256 key, which is what `rjhub token` signs with; throws a
  /// ``ConfigurationError`` naming `RJHUB_JWT_HS256_KEY` when only a JSON Web Key Set is
  /// configured.
  public func requireSharedKey() throws(ConfigurationError) -> Secret {
    guard let sharedKey else {
      throw ConfigurationError(
        variable: Self.signingKeyVariable,
        expected:
          "a random key of at least \(Self.minimumKeyLength) bytes to sign tokens with (tokens from an identity provider cannot be minted here)",
        reason: .missing)
    }
    return sharedKey
  }

  /// The shared key, or `nil` when unset; throws when it is shorter than the minimum.
  private static func readSharedKey(_ environment: EnvironmentReader) throws(ConfigurationError)
    -> Secret?
  {
    guard let key = try environment.optionalSecret(signingKeyVariable) else { return nil }
    guard key.value.utf8.count >= minimumKeyLength else {
      throw ConfigurationError(
        variable: signingKeyVariable,
        expected:
          "a random key of at least \(minimumKeyLength) bytes in \(signingKeyVariable) or a file path in \(signingKeyVariable)_FILE",
        reason: .malformed)
    }
    return key
  }

  /// The trusted issuers: the comma-separated entries of `RJHUB_JWT_ISSUERS`, or `rjhub`.
  private static func readIssuers(_ environment: EnvironmentReader) throws(ConfigurationError)
    -> [String]
  {
    guard let text = environment.raw(issuersVariable) else { return defaultIssuers }
    let issuers = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
    guard !issuers.isEmpty else {
      throw ConfigurationError(
        variable: issuersVariable, expected: "a comma-separated list of issuer (iss) values",
        reason: .malformed)
    }
    return issuers
  }
}
