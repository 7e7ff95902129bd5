/// A sealed value could not be opened.
///
/// The cases say what is wrong so an operator can act (restore a retired key, investigate
/// tampering), but never carry the plaintext, the context or any key material: only the key id,
/// which is a configuration label.
public enum SealingError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The text is not a `v1.<keyId>.<base64>` sealed value.
  case malformed
  /// The value was sealed under a key the ring (or person key) does not hold: the key was
  /// retired too early, or the person's key was destroyed (erasure).
  case unknownKey(keyID: String)
  /// AES-GCM authentication failed: the value was altered, or it was sealed for another record
  /// or field (a different context) and moved here.
  case authenticationFailed(keyID: String)
  /// The value opened but its content is not UTF-8 text.
  case notText

  /// A one-line explanation without plaintext or key material.
  public var description: String {
    switch self {
    case .malformed:
      return "not a sealed value (expected v1.<keyId>.<base64>)"
    case .unknownKey(let keyID):
      return "sealed under key \(keyID), which is not configured"
    case .authenticationFailed(let keyID):
      return
        "sealed value under key \(keyID) failed authentication: it was altered or belongs to another record or field"
    case .notText:
      return "sealed value does not hold UTF-8 text"
    }
  }
}
