/// A source of trusted keys that turns a bearer token into verified claims.
///
/// ``AccessGate`` depends only on this, so a force's identity provider (JWKS with RS256 or
/// ES256, issue #4) can be added as another verifier without changing any route.
protocol TokenVerifier: Sendable {
  /// The token's claims once signature, algorithm, issuer and expiry are checked; throws a
  /// ``TokenRejection`` saying why otherwise.
  func verify(_ token: String) async throws(TokenRejection) -> AccessClaims
}
