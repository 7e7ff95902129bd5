import Crypto
import Foundation

/// The secret key of a service's audit chain: rows are linked by HMAC-SHA256 under it, so
/// someone who can write to the database but does not hold the key (a database administrator,
/// a stolen backup, an injected statement) cannot recompute the hashes after changing a row.
///
/// Services derive it from their personal-data index key
/// (`PersonalDataKeys.derivedKey(purpose: AuditChainKey.derivationPurpose)`), so it is
/// configured, kept and never committed like the other keys.
public struct AuditChainKey: Sendable {
  /// The purpose the key is derived for.
  public static let derivationPurpose = "rjhub.audit-chain.v1"
  let key: SymmetricKey

  /// The chain key `key` (256 bits of secret).
  public init(_ key: SymmetricKey) {
    self.key = key
  }
}

/// How a row's hash is computed: HMAC-SHA256 under the chain key of the previous row's hash
/// followed by a canonical encoding of everything the row says (seq, time, who, what, why).
///
/// The encoding is unambiguous: a version byte, seq and time as big-endian 64-bit integers,
/// every string length-prefixed (32-bit big-endian byte count, then UTF-8), optional values
/// behind a presence byte and the field list behind its count. Changing, removing or moving
/// any part of any row therefore changes its hash and breaks the link to the next row.
enum AuditChainHash {
  /// The `previous_hash` of seq 1, and the head's hash while the chain is empty.
  static let genesis = [UInt8](repeating: 0, count: 32)

  /// The encoding format; bump it (and keep the old one for verification) to change it.
  static let formatVersion: UInt8 = 2

  /// HMAC-SHA256 under `key` of (previous || canonical encoding of the row).
  static func rowHash(
    key: AuditChainKey, previous: [UInt8], seq: Int64, atMicros: Int64, entry: AuditEntry
  ) -> [UInt8] {
    var mac = HMAC<SHA256>(key: key.key)
    mac.update(data: previous)
    mac.update(data: canonicalEncoding(seq: seq, atMicros: atMicros, entry: entry))
    return Array(mac.finalize())
  }

  /// The row's canonical bytes (see the type's documentation).
  static func canonicalEncoding(seq: Int64, atMicros: Int64, entry: AuditEntry) -> [UInt8] {
    var out: [UInt8] = [formatVersion]
    appendInteger(UInt64(bitPattern: seq), to: &out)
    appendInteger(UInt64(bitPattern: atMicros), to: &out)
    appendString(entry.subject, to: &out)
    appendString(entry.role, to: &out)
    appendString(entry.action, to: &out)
    appendOptional(entry.caseId, to: &out)
    appendInteger(UInt32(entry.fields.count), to: &out)
    for field in entry.fields { appendString(field, to: &out) }
    appendOptional(entry.purpose, to: &out)
    return out
  }

  private static func appendInteger<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
    withUnsafeBytes(of: value.bigEndian) { out.append(contentsOf: $0) }
  }

  private static func appendString(_ value: String, to out: inout [UInt8]) {
    appendInteger(UInt32(value.utf8.count), to: &out)
    out.append(contentsOf: value.utf8)
  }

  private static func appendOptional(_ value: String?, to out: inout [UInt8]) {
    guard let value else {
      out.append(0)
      return
    }
    out.append(1)
    appendString(value, to: &out)
  }
}
