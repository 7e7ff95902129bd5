import JWTKit

/// The steps every key source takes with a bearer token: read its header before trusting
/// anything, then check signature, expiry and issuer with the key the header calls for.
enum SignedToken {
  /// The longest token read at all: a JWT carrying the hub's claims is a few hundred bytes (an
  /// identity provider's a little more), so huge input is refused unparsed.
  static let maximumLength = 8192

  /// The header of `token`, once it is known to be a JWT whose claims have the hub's shape.
  ///
  /// Nothing here is trusted yet: the header only says which key source and key to check the
  /// signature with. Throws ``TokenRejection/malformed`` otherwise.
  static func header(of token: String) throws(TokenRejection) -> JWTHeader {
    guard token.utf8.count <= maximumLength else { throw .malformed }
    do {
      return try DefaultJWTParser().parse(Array(token.utf8), as: AccessClaims.self).header
    } catch {
      throw .malformed
    }
  }

  /// The claims of `token` once `keys` (holding only the key the header named) has verified
  /// its signature and expiry, and its issuer is one of `trustedIssuers`.
  static func verify(
    _ token: String, with keys: JWTKeyCollection, trustedIssuers: Set<String>
  ) async throws(TokenRejection) -> AccessClaims {
    let claims: AccessClaims
    do {
      claims = try await keys.verify(token, as: AccessClaims.self)
    } catch let rejection as TokenRejection {
      throw rejection
    } catch let error as JWTError where error.errorType == .signatureVerificationFailed {
      throw .badSignature
    } catch {
      throw .malformed
    }
    guard trustedIssuers.contains(claims.issuer.value) else { throw .wrongIssuer }
    return claims
  }
}
