import Foundation

/// The self-describing text form of a sealed value: `v1.<keyId>.<base64(nonce|ciphertext|tag)>`.
///
/// The key id travels with the value so that data sealed under an old key still opens after the
/// active key changes, and so a re-seal command can tell which rows still need re-sealing
/// without opening them.
public struct SealedValue: Sendable, Hashable {
  /// The format version prefix; a new format would get a new prefix.
  public static let version = "v1"

  /// The id of the key the value was sealed under.
  public let keyID: String
  /// The AES-GCM combined box: 12-byte nonce, ciphertext, 16-byte tag.
  public let box: Data

  /// Wraps an already sealed box under `keyID`.
  init(keyID: String, box: Data) {
    self.keyID = keyID
    self.box = box
  }

  /// Parses the text form; throws ``SealingError/malformed`` when it is not one.
  public init(parsing text: String) throws(SealingError) {
    let parts = text.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0] == Self.version,
      PersonalDataKeys.isValidKeyID(parts[1]),
      let box = Data(base64Encoded: String(parts[2]))
    else { throw .malformed }
    self.init(keyID: String(parts[1]), box: box)
  }

  /// The text form stored in the database.
  public var text: String {
    "\(Self.version).\(keyID).\(box.base64EncodedString())"
  }
}
