/// Why a bearer token was refused; each reason becomes the message of an HTTP 401.
///
/// The messages describe the fault, never the token, so nothing a caller sends is echoed back
/// or logged.
enum TokenRejection: Error, Sendable, Equatable {
  /// No `Authorization: Bearer …` header.
  case missing
  /// Not a well-formed JWT, or its claims do not have the hub's shape.
  case malformed
  /// The header names an algorithm the configured key source does not verify.
  case unsupportedAlgorithm
  /// The signature does not match any trusted key.
  case badSignature
  /// The token's `exp` has passed.
  case expired
  /// The token's `iss` is not one the key source trusts.
  case wrongIssuer

  /// The text of the 401 response.
  var message: String {
    switch self {
    case .missing: "missing bearer token"
    case .malformed: "bearer token is malformed"
    case .unsupportedAlgorithm: "bearer token uses an algorithm this hub does not accept"
    case .badSignature: "bearer token signature is not valid"
    case .expired: "bearer token has expired"
    case .wrongIssuer: "bearer token was not issued by a trusted issuer"
    }
  }
}
