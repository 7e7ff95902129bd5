import CryptoExtras
import Foundation
import JWTKit

@testable import AccessControl

/// A synthetic identity provider for tests: fresh RSA and P-256 key pairs, the JSON Web Key Set
/// publishing their public halves (written to a temporary file), and tokens signed with them.
struct IdentityProviderKeys: Sendable {
  /// The issuer the provider puts in its tokens.
  static let issuer = "https://idp.norfolk.police.example"
  /// The `kid` of the RS256 key in the set.
  static let rsaKid = "norfolk-rsa-1"
  /// The `kid` of the ES256 key in the set.
  static let ecKid = "norfolk-ec-1"

  let rsaKey: JWTKit.Insecure.RSA.PrivateKey
  let ecKey: ES256PrivateKey

  /// A provider with freshly generated keys.
  init() throws {
    rsaKey = try Self.newRSAKey()
    ecKey = ES256PrivateKey()
  }

  /// A fresh 2048-bit RSA private key.
  static func newRSAKey() throws -> JWTKit.Insecure.RSA.PrivateKey {
    try JWTKit.Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
  }

  /// The published set: the public halves of both keys, as a provider's JWKS endpoint serves it.
  func jwks() throws -> [String: Any] {
    let rsa = try rsaKey.publicKey.getKeyPrimitives()
    guard let point = ecKey.publicKey.parameters else { throw CocoaError(.coderInvalidValue) }
    return [
      "keys": [
        [
          "kty": "RSA", "kid": Self.rsaKid, "alg": "RS256", "use": "sig",
          "n": Self.base64URL(rsa.modulus), "e": Self.base64URL(rsa.publicExponent),
        ],
        [
          "kty": "EC", "kid": Self.ecKid, "alg": "ES256", "use": "sig", "crv": "P-256",
          "x": point.x, "y": point.y,
        ],
      ]
    ]
  }

  /// Writes `document` as JSON to a new temporary file and returns its path.
  static func write(_ document: [String: Any]) throws -> String {
    try write(JSONSerialization.data(withJSONObject: document))
  }

  /// Writes `data` to a new temporary file and returns its path.
  static func write(_ data: Data) throws -> String {
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("rjhub-jwks-\(UUID().uuidString).json")
    try data.write(to: file)
    return file.path
  }

  /// Claims as the provider issues them: `issuer`, valid for `lifetime` from now.
  static func claims(
    subject: String, roles: [String], areas: [String], agency: String? = nil,
    issuer: String = Self.issuer, lifetime: TimeInterval = 600
  ) -> AccessClaims {
    let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    var claims = AccessClaims(
      subject: subject, roles: roles, areas: areas, agency: agency, facilitatorId: nil,
      issuedAt: now, expiresAt: now.addingTimeInterval(lifetime))
    claims.issuer = IssuerClaim(value: issuer)
    return claims
  }

  /// `claims` signed RS256 with `key`, its header naming `kid`.
  static func signRS256(
    _ claims: AccessClaims, with key: JWTKit.Insecure.RSA.PrivateKey, kid: String
  ) async throws -> String {
    let keys = JWTKeyCollection()
    await keys.add(rsa: key, digestAlgorithm: .sha256, kid: JWKIdentifier(string: kid))
    return try await keys.sign(claims, kid: JWKIdentifier(string: kid))
  }

  /// `claims` signed ES256 with `key`, its header naming `kid`.
  static func signES256(
    _ claims: AccessClaims, with key: ES256PrivateKey, kid: String
  ) async throws -> String {
    let keys = JWTKeyCollection()
    await keys.add(ecdsa: key, kid: JWKIdentifier(string: kid))
    return try await keys.sign(claims, kid: JWKIdentifier(string: kid))
  }

  /// `data` in base64url without padding, the encoding JWK members use.
  static func base64URL(_ data: Data) -> String {
    data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
  }

  /// `json` in base64url without padding, for hand-made token headers.
  static func base64URL(json: String) -> String {
    base64URL(Data(json.utf8))
  }
}
