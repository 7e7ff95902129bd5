/// Verifies tokens an identity provider signed with a private key whose public half is in its
/// JSON Web Key Set (`RJHUB_JWT_JWKS_FILE`): RS256 or ES256, the key chosen by the token's `kid`.
///
/// The header is checked before any signature: an algorithm other than RS256 or ES256 (`none`,
/// HS256 …) is refused, a `kid` missing from the set counts as a signature by an untrusted key,
/// and the algorithm must be the one the key declares, so an RSA key can never be used as an
/// HMAC secret or the like. The issuer must be one of `RJHUB_JWT_ISSUERS`.
struct IdentityProviderVerifier: TokenVerifier {
  /// RS256 and ES256, the algorithms a published key may declare.
  let acceptedAlgorithms = Set(PublishedKeySet.Algorithm.allCases.map(\.rawValue))

  /// The provider's public keys, by `kid`.
  private let keySet: PublishedKeySet
  /// The `iss` values accepted (`RJHUB_JWT_ISSUERS`).
  private let trustedIssuers: Set<String>

  /// A verifier trusting the keys of `keySet` for tokens issued by one of `trustedIssuers`.
  init(keySet: PublishedKeySet, trustedIssuers: Set<String>) {
    self.keySet = keySet
    self.trustedIssuers = trustedIssuers
  }

  /// The claims of `token` once its header, its key's signature, expiry and issuer pass.
  func verify(_ token: String) async throws(TokenRejection) -> AccessClaims {
    let header = try SignedToken.header(of: token)
    guard let algorithm = header.alg.flatMap(PublishedKeySet.Algorithm.init(rawValue:)) else {
      throw .unsupportedAlgorithm
    }
    guard let kid = header.kid, let key = keySet.keys[kid] else { throw .badSignature }
    guard key.algorithm == algorithm else { throw .unsupportedAlgorithm }
    return try await SignedToken.verify(
      token, with: await key.keys.collection(), trustedIssuers: trustedIssuers)
  }
}
