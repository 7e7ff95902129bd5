import JWTKit

/// Verifies HS256 tokens signed with the hub's shared key (`RJHUB_JWT_HS256_KEY`): the key
/// source for local development, tests and `rjhub token`.
struct SharedKeyVerifier: TokenVerifier {
  /// The only algorithm accepted; a token naming another (`none`, RS256 …) is refused before its
  /// signature is looked at.
  static let algorithm = "HS256"

  private let keys: SharedKeyCollection

  init(signingKey: String) {
    keys = SharedKeyCollection(signingKey: signingKey)
  }

  func verify(_ token: String) async throws(TokenRejection) -> AccessClaims {
    // A JWT carrying the hub's claims is a few hundred bytes; refuse huge input unparsed.
    guard token.utf8.count <= 8192 else { throw .malformed }
    let header: JWTHeader
    do {
      header = try DefaultJWTParser().parse(Array(token.utf8), as: AccessClaims.self).header
    } catch {
      throw .malformed
    }
    guard header.alg == Self.algorithm else { throw .unsupportedAlgorithm }
    do {
      return try await keys.collection().verify(token, as: AccessClaims.self)
    } catch let rejection as TokenRejection {
      throw rejection
    } catch let error as JWTError where error.errorType == .signatureVerificationFailed {
      throw .badSignature
    } catch {
      throw .malformed
    }
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
