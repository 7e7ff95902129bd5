import JWTKit

/// Verifies HS256 tokens signed with the hub's shared key (`RJHUB_JWT_HS256_KEY`): the key
/// source for local development, tests and `rjhub token`. Its tokens are always issued by
/// `rjhub`.
struct SharedKeyVerifier: TokenVerifier {
  /// The only algorithm accepted; a token naming another (`none`, RS256 …) is refused before its
  /// signature is looked at.
  static let algorithm = "HS256"

  /// HS256 only.
  let acceptedAlgorithms: Set<String> = [Self.algorithm]

  private let keys: SharedKeyCollection

  /// A verifier trusting `signingKey`.
  init(signingKey: String) {
    keys = SharedKeyCollection(signingKey: signingKey)
  }

  /// The claims of `token` once it is HS256, signed with the shared key, unexpired and from
  /// `rjhub`.
  func verify(_ token: String) async throws(TokenRejection) -> AccessClaims {
    let header = try SignedToken.header(of: token)
    guard header.alg == Self.algorithm else { throw .unsupportedAlgorithm }
    return try await SignedToken.verify(
      token, with: await keys.collection(), trustedIssuers: [AccessClaims.hubIssuer])
  }
}

/// The JWTKit key collection holding the shared HS256 key, built once on first use (JWTKit's
/// collection is an actor, so keys are added asynchronously).
final class SharedKeyCollection: Sendable {
  private let ready: Task<JWTKeyCollection, Never>

  init(signingKey: String) {
    let key = HMACKey(from: signingKey)
    ready = Task {
      let keys = JWTKeyCollection()
      await keys.add(hmac: key, digestAlgorithm: .sha256)
      return keys
    }
  }

  /// The collection, once the key is in it.
  func collection() async -> JWTKeyCollection {
    await ready.value
  }
}
