import Foundation
import PostgresClient

/// One `audit_log` row as read back, with its chain fields; shared by the supervisors'
/// queries and the verifier so both read the table the same way.
struct AuditStoredRow {
  /// The select list every reader uses: time as exact microseconds since 1970 (what the hash
  /// covers) and the field names as a JSON array (the client decodes no `text[]`).
  static let selectList = """
    seq, (extract(epoch FROM at) * 1000000)::int8 AS at_micros, subject, role, action,
    case_id, array_to_json(fields)::text AS fields, purpose, previous_hash, row_hash
    """

  let seq: Int64
  let atMicros: Int64
  let entry: AuditEntry
  let previousHash: [UInt8]
  let rowHash: [UInt8]

  /// Decodes a row selected with ``selectList``.
  /// - Throws: `PostgresError.decoding` or a JSON error when a column is not what the
  ///   migrations allow (only possible after tampering).
  init(_ row: PostgresRow) throws {
    seq = try row.decode("seq", as: Int64.self)
    atMicros = try row.decode("at_micros", as: Int64.self)
    let fieldsJSON = try row.decode("fields", as: String.self)
    entry = AuditEntry(
      subject: try row.decode("subject", as: String.self),
      role: try row.decode("role", as: String.self),
      action: try row.decode("action", as: String.self),
      caseId: try row.decode("case_id", as: String?.self),
      fields: try JSONDecoder().decode([String].self, from: Data(fieldsJSON.utf8)),
      purpose: try row.decode("purpose", as: String?.self))
    previousHash = try row.decode("previous_hash", as: [UInt8].self)
    rowHash = try row.decode("row_hash", as: [UInt8].self)
  }

  /// The plain value handed to callers.
  var record: AuditRecord {
    AuditRecord(seq: seq, at: AuditTime.date(micros: atMicros), entry: entry)
  }
}

/// Conversions between the database's microsecond timestamps and `Date`.
enum AuditTime {
  /// The `Date` for `micros` microseconds since 1970 (close to the microsecond; the exact
  /// integer is what the hash covers).
  static func date(micros: Int64) -> Date {
    let seconds = micros.quotientAndRemainder(dividingBy: 1_000_000)
    return Date(
      timeIntervalSince1970: TimeInterval(seconds.quotient)
        + TimeInterval(seconds.remainder) / 1_000_000)
  }
}
