/// A JSON Web Key Set (RFC 7517) as an identity provider publishes it, read field by field so
/// that every key can be checked before any is trusted.
///
/// Only the members the hub looks at are decoded; unknown members (`x5c`, `key_ops` …) are
/// ignored. The private members are decoded only to refuse a set that carries them.
struct PublishedKeyDocument: Decodable {
  /// One JSON Web Key.
  struct Key: Decodable {
    /// Key type: `RSA` or `EC`.
    var kty: String?
    /// Key id, which tokens name in their `kid` header.
    var kid: String?
    /// The one algorithm the key signs with: `RS256` or `ES256`.
    var alg: String?
    /// Intended use; when present it must be `sig`.
    var use: String?
    /// Curve of an EC key: `P-256`.
    var crv: String?
    /// RSA modulus (base64url).
    var n: String?
    /// RSA public exponent (base64url).
    var e: String?
    /// EC public point x coordinate (base64url).
    var x: String?
    /// EC public point y coordinate (base64url).
    var y: String?
    /// Private exponent (RSA) or private scalar (EC): must never be in a published set.
    var d: String?
    /// RSA first prime factor (private).
    var p: String?
    /// RSA second prime factor (private).
    var q: String?
    /// RSA first factor CRT exponent (private).
    var dp: String?
    /// RSA second factor CRT exponent (private).
    var dq: String?
    /// RSA first CRT coefficient (private).
    var qi: String?
    /// Symmetric key value (`oct` keys), which is a shared secret.
    var k: String?

    /// Whether the key carries private or symmetric material.
    var hasSecretMaterial: Bool {
      [d, p, q, dp, dq, qi, k].contains { $0 != nil }
    }
  }

  /// The keys of the set.
  var keys: [Key]
}
