/// A source of trusted keys that turns a bearer token into verified claims.
///
/// ``AccessGate`` depends only on this: the shared HS256 key and a force's identity provider
/// (JWKS with RS256 or ES256) are two verifiers, and ``KeySourceSelector`` puts them together,
/// so no route changes when a key source is added.
protocol TokenVerifier: Sendable {
  /// The JWT `alg` header values this source verifies; a token naming any other is refused
  /// before its signature is looked at.
  var acceptedAlgorithms: Set<String> { get }

  /// The token's claims once signature, algorithm, issuer and expiry are checked; throws a
  /// ``TokenRejection`` saying why otherwise.
  func verify(_ token: String) async throws(TokenRejection) -> AccessClaims
}
