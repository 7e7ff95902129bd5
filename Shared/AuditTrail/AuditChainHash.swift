import Crypto
import Foundation

/// How a row's hash is computed: SHA-256 of the previous row's hash followed by a canonical
/// encoding of everything the row says (seq, time, who, what, why).
///
/// The encoding is unambiguous: a version byte, seq and time as big-endian 64-bit integers,
/// every string length-prefixed (32-bit big-endian byte count, then UTF-8), optional values
/// behind a presence byte and the field list behind its count. Changing, removing or moving
/// any part of any row therefore changes its hash and breaks the link to the next row.
enum AuditChainHash {
  /// The `previous_hash` of seq 1, and the head's hash while the chain is empty.
  static let genesis = [UInt8](repeating: 0, count: 32)

  /// The encoding format; bump it (and keep the old one for verification) to change it.
  static let formatVersion: UInt8 = 1

  /// SHA-256(previous || canonical encoding of the row).
  static func rowHash(previous: [UInt8], seq: Int64, atMicros: Int64, entry: AuditEntry)
    -> [UInt8]
  {
    var hasher = SHA256()
    hasher.update(data: previous)
    hasher.update(data: canonicalEncoding(seq: seq, atMicros: atMicros, entry: entry))
    return Array(hasher.finalize())
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
