import Crypto
import Foundation

/// AES-256-GCM sealing shared by the key ring and person keys.
///
/// The authenticated data is the value's header (`v1.<keyId>.`) followed by the caller's
/// context, so a value moved to another row or column, or relabelled with another key id,
/// fails to open.
enum AESGCMSealing {
  /// Seals `plaintext` under `key` (named `keyID`) for `context`, with a random nonce.
  static func seal(_ plaintext: Data, keyID: String, key: SymmetricKey, context: String)
    -> SealedValue
  {
    do {
      let box = try AES.GCM.seal(
        plaintext, using: key, authenticating: authenticatedData(keyID: keyID, context: context))
      guard let combined = box.combined else {
        preconditionFailure("AES-GCM with the default nonce always has a combined form")
      }
      return SealedValue(keyID: keyID, box: combined)
    } catch {
      preconditionFailure("AES-GCM sealing with a 256-bit key cannot fail: \(error)")
    }
  }

  /// Opens `sealed` with `key` for `context`; throws when the box was altered or the context
  /// differs.
  static func open(_ sealed: SealedValue, key: SymmetricKey, context: String) throws(SealingError)
    -> Data
  {
    do {
      let box = try AES.GCM.SealedBox(combined: sealed.box)
      return try AES.GCM.open(
        box, using: key,
        authenticating: authenticatedData(keyID: sealed.keyID, context: context))
    } catch {
      throw .authenticationFailed(keyID: sealed.keyID)
    }
  }

  /// The bytes bound to the ciphertext: the value's header, then the context.
  private static func authenticatedData(keyID: String, context: String) -> Data {
    Data("\(SealedValue.version).\(keyID).\(context)".utf8)
  }
}
