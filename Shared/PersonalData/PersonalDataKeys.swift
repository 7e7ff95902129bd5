import Crypto
import Foundation
import HubConfiguration

/// The key ring that seals personal data at rest, read from the environment.
///
/// Three variables, none of them ever committed (operators supply them, or mount files and use
/// the `_FILE` forms):
/// - `RJHUB_DATA_KEYS`: comma-separated `keyId:base64` entries, each key 32 random bytes. Every
///   key that ever sealed data still held stays listed, so old values keep opening.
/// - `RJHUB_DATA_KEY_ACTIVE`: the key id new values are sealed under (default: the last listed).
///   Rotation = add a key, make it active, run the re-seal command, then retire the old key.
/// - `RJHUB_DATA_INDEX_KEY`: 32 random bytes (base64) for the keyed hashes used in matching.
///
/// Errors name the variable and, for the key list, the position of the bad entry; never a key.
public struct PersonalDataKeys: Sendable {
  /// The variable listing the sealing keys (or, with `_FILE`, the path of a file listing them).
  public static let keysVariable = "RJHUB_DATA_KEYS"
  /// The variable naming the key new values are sealed under.
  public static let activeKeyVariable = "RJHUB_DATA_KEY_ACTIVE"
  /// The variable holding the matching-hash key (or, with `_FILE`, the path of a file holding it).
  public static let indexKeyVariable = "RJHUB_DATA_INDEX_KEY"
  /// The length of every key, in bytes (AES-256 and HMAC-SHA256).
  public static let keyLength = 32

  /// The key id new values are sealed under.
  public let activeKeyID: String
  /// Every configured key id, in the order listed.
  public let keyIDs: [String]
  /// The sealing keys by id.
  let sealingKeys: [String: SymmetricKey]
  /// The key of the matching hashes.
  let indexKey: SymmetricKey

  /// Every variable with its default and meaning, for `rjhub env` and the README.
  public static let documentation: [SettingDocumentation] = [
    (
      keysVariable, "unset",
      "Comma-separated keyId:base64 entries, each a random 32-byte key that seals personal data at rest; keep every key that still seals data (or RJHUB_DATA_KEYS_FILE). Required."
    ),
    (
      activeKeyVariable, "the last key listed",
      "Key id (from RJHUB_DATA_KEYS) that new personal data is sealed under; change it, then re-seal, to rotate keys."
    ),
    (
      indexKeyVariable, "unset",
      "Base64 random 32-byte key for the keyed hashes that match personal data (duplicate detection) without storing it in clear (or RJHUB_DATA_INDEX_KEY_FILE). Required."
    ),
  ]

  /// Reads the three variables; throws a ``ConfigurationError`` naming the faulty variable
  /// (never its value) when one is missing or malformed.
  public init(environment: EnvironmentReader) throws(ConfigurationError) {
    let entries = try Self.readSealingKeys(environment)
    keyIDs = entries.map { $0.id }
    sealingKeys = Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0.key) })
    let active = environment.raw(Self.activeKeyVariable) ?? entries[entries.count - 1].id
    guard sealingKeys[active] != nil else {
      throw ConfigurationError(
        variable: Self.activeKeyVariable,
        expected: "one of the key ids listed in \(Self.keysVariable)", reason: .malformed)
    }
    activeKeyID = active
    let index = try environment.secret(Self.indexKeyVariable)
    guard let indexBytes = Self.decodeKey(index.value) else {
      throw ConfigurationError(
        variable: Self.indexKeyVariable,
        expected: "base64 of \(Self.keyLength) random bytes", reason: .malformed)
    }
    indexKey = SymmetricKey(data: indexBytes)
  }

  /// A fresh random key in the base64 form the variables take, for operators creating keys.
  public static func newKeyText() -> String {
    SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
  }

  /// A key for `purpose` derived from the index key (HKDF-SHA256), for other keyed digests
  /// that must not be computable from the database alone, such as the audit trail's chain.
  /// The same index key and purpose always give the same key.
  public func derivedKey(purpose: String) -> SymmetricKey {
    HKDF<SHA256>.deriveKey(
      inputKeyMaterial: indexKey, salt: Data("rjhub.derived.v1".utf8), info: Data(purpose.utf8),
      outputByteCount: Self.keyLength)
  }

  /// The sealing key with `id`, or `nil` when the ring does not hold it.
  func sealingKey(_ id: String) -> SymmetricKey? {
    sealingKeys[id]
  }

  /// Whether `id` can name a key: 1 to 64 ASCII letters, digits, `-` or `_` (so it fits the
  /// `v1.<keyId>.<box>` text form and the `keyId:key` entries unambiguously).
  static func isValidKeyID(_ id: some StringProtocol) -> Bool {
    (1...64).contains(id.count)
      && id.unicodeScalars.allSatisfy {
        $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_")
      }
  }

  /// The bytes of a base64 key, or `nil` when the text is not base64 of exactly 32 bytes.
  static func decodeKey(_ text: some StringProtocol) -> Data? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard let bytes = Data(base64Encoded: trimmed), bytes.count == keyLength else { return nil }
    return bytes
  }

  /// The `keyId:base64` entries of `RJHUB_DATA_KEYS`, in order, each checked.
  private static func readSealingKeys(_ environment: EnvironmentReader) throws(ConfigurationError)
    -> [(id: String, key: SymmetricKey)]
  {
    let list = try environment.secret(keysVariable)
    var entries: [(id: String, key: SymmetricKey)] = []
    for (position, entry) in list.value.split(separator: ",").enumerated() {
      let parts = entry.split(separator: ":", maxSplits: 1)
      let id = parts.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
      guard parts.count == 2, isValidKeyID(id), let bytes = decodeKey(parts[1]),
        !entries.contains(where: { $0.id == id })
      else {
        throw ConfigurationError(
          variable: keysVariable,
          expected:
            "comma-separated keyId:base64 entries with distinct ids of letters, digits, - or _ and keys of \(keyLength) random bytes (entry \(position + 1) is not)",
          reason: .malformed)
      }
      entries.append((id, SymmetricKey(data: bytes)))
    }
    guard !entries.isEmpty else {
      throw ConfigurationError(
        variable: keysVariable, expected: "at least one keyId:base64 entry", reason: .malformed)
    }
    return entries
  }
}
