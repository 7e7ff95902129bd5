import Crypto
import Foundation

/// The random values sign-in and sessions are made of, and the one-way form they are stored
/// in: the database keeps only a SHA-256 of a session id or sign-in state, so reading the
/// table never gives a way into a session.
enum SessionSecrets {
  /// 32 random bytes as base64url text (256 bits: a cookie, a state, a PKCE verifier).
  static func random() -> String {
    SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64URLText
  }

  /// The stored form of `secret`.
  static func digest(_ secret: String) -> String {
    Data(SHA256.hash(data: Data(secret.utf8))).base64URLText
  }

  /// The PKCE S256 challenge of `verifier` (RFC 7636 4.2).
  static func challenge(of verifier: String) -> String { digest(verifier) }

  /// Whether two secrets are equal, in time that does not depend on where they differ.
  static func same(_ a: String, _ b: String) -> Bool {
    let left = Array(a.utf8)
    let right = Array(b.utf8)
    guard left.count == right.count else { return false }
    return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
  }
}

extension Data {
  /// Base64url without padding (RFC 4648 §5), cookie- and URL-safe.
  var base64URLText: String {
    base64EncodedString().replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
  }
}
