import Foundation
import Logging
import PostgresClient

/// Appends audit entries to a service's hash-chained `audit_log`, inside the caller's
/// transaction, so an entry exists exactly when the read or change it describes committed.
///
/// Appends to one schema are serialised by the row lock on its one-row `audit_chain_head`
/// (taken by an UPDATE that reserves the seqs and reads the last hash), so several replicas
/// writing at once still build one chain with consecutive seqs. The lock is held until the
/// caller's transaction ends: record as the last step before commit, to keep that short and
/// to avoid lock-order deadlocks with the rows the transaction changes. Under REPEATABLE READ
/// or SERIALIZABLE a concurrent append fails with SQLSTATE 40001; retry the unit of work.
public struct AuditLog: Sendable {
  /// The service's schema.
  public let schema: SchemaName
  let logger: Logger
  let reserveSQL: String
  let appendSQL: String
  let quotedSchema: String
  /// The key the rows are chained under.
  let chainKey: AuditChainKey

  /// The audit log in `schema`, rows chained under `chainKey`.
  public init(
    schema: SchemaName, chainKey: AuditChainKey,
    logger: Logger = Logger(label: "rjhub.audit-trail")
  ) {
    let s = schema.sql
    self.schema = schema
    self.chainKey = chainKey
    self.logger = logger
    self.quotedSchema = s
    // RETURNING runs after the row lock is granted, so the clock reading follows the
    // previous append's and times rise with seq (as far as the server clock does).
    self.reserveSQL = """
      UPDATE \(s).audit_chain_head SET last_seq = last_seq + $1
      RETURNING last_seq - $1 AS previous_seq, last_hash,
        (extract(epoch FROM clock_timestamp()) * 1000000)::int8 AS at_micros
      """
    self.appendSQL = """
      WITH appended AS (
        INSERT INTO \(s).audit_log
          (seq, at, subject, role, action, case_id, fields, purpose, previous_hash, row_hash)
        SELECT q, timestamptz 'epoch' + $1::int8 * interval '1 microsecond', su, r, a,
          NULLIF(c, ''), ARRAY(SELECT jsonb_array_elements_text(f::jsonb)), NULLIF(p, ''),
          ph, rh
        FROM unnest($2::int8[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
          $8::text[], $9::bytea[], $10::bytea[]) AS u(q, su, r, a, c, f, p, ph, rh)
      )
      UPDATE \(s).audit_chain_head SET last_hash = $11
      """
  }

  /// Appends `entries` in order, stamped with one database clock reading, with two
  /// statements whatever their number. Call it inside the transaction that reads or
  /// changes the personal data (the caller's `session.transaction` or
  /// `pool.withTransaction`); a rollback removes the entries with the change.
  /// - Returns: the records as stored (seq and time filled in).
  /// - Throws: ``AuditTrailError/invalidEntry(part:reason:)`` before touching the database
  ///   when an entry looks like it carries personal data;
  ///   ``AuditTrailError/chainHeadMissing(schema:)``; `PostgresError` from the server.
  @discardableResult
  public func record(_ entries: [AuditEntry], in session: PostgresSession) throws
    -> [AuditRecord]
  {
    guard !entries.isEmpty else { return [] }
    for entry in entries { try entry.validate() }
    let head = try session.query(reserveSQL, [.int(Int64(entries.count))])
    guard let headRow = head.rows.first else {
      throw AuditTrailError.chainHeadMissing(schema: schema.name)
    }
    let previousSeq = try headRow.decode("previous_seq", as: Int64.self)
    let atMicros = try headRow.decode("at_micros", as: Int64.self)
    let chain = try Self.chain(
      entries, key: chainKey, after: previousSeq,
      previousHash: headRow.decode("last_hash", as: [UInt8].self),
      atMicros: atMicros)
    try session.execute(appendSQL, [.int(atMicros)] + chain.binds)
    logger.debug(
      "recorded audit entries",
      metadata: [
        "schema": "\(schema)", "count": "\(entries.count)", "lastSeq": "\(chain.lastSeq)",
      ])
    let at = AuditTime.date(micros: atMicros)
    return entries.enumerated().map { offset, entry in
      AuditRecord(seq: previousSeq + 1 + Int64(offset), at: at, entry: entry)
    }
  }

  /// Records one entry; see ``record(_:in:)``.
  @discardableResult
  public func record(_ entry: AuditEntry, in session: PostgresSession) throws -> AuditRecord {
    try record([entry], in: session)[0]
  }

  /// The binds ($2...$11) for a batch and the chain's new end.
  struct ChainedBatch {
    var binds: [PostgresBind]
    var lastSeq: Int64
  }

  /// Links `entries` after `previousSeq`/`previousHash`: each row's hash covers the one
  /// before it.
  static func chain(
    _ entries: [AuditEntry], key: AuditChainKey, after previousSeq: Int64,
    previousHash: [UInt8], atMicros: Int64
  ) throws -> ChainedBatch {
    var seqs: [Int64] = []
    var subjects: [String] = []
    var roles: [String] = []
    var actions: [String] = []
    var cases: [String] = []
    var fields: [String] = []
    var purposes: [String] = []
    var previousHashes: [[UInt8]] = []
    var rowHashes: [[UInt8]] = []
    var previous = previousHash
    var seq = previousSeq
    let encoder = JSONEncoder()
    for entry in entries {
      seq += 1
      let hash = AuditChainHash.rowHash(
        key: key, previous: previous, seq: seq, atMicros: atMicros, entry: entry)
      seqs.append(seq)
      subjects.append(entry.subject)
      roles.append(entry.role)
      actions.append(entry.action)
      cases.append(entry.caseId ?? "")
      fields.append(String(decoding: try encoder.encode(entry.fields), as: UTF8.self))
      purposes.append(entry.purpose ?? "")
      previousHashes.append(previous)
      rowHashes.append(hash)
      previous = hash
    }
    return ChainedBatch(
      binds: [
        .intArray(seqs), .textArray(subjects), .textArray(roles), .textArray(actions),
        .textArray(cases), .textArray(fields), .textArray(purposes),
        .byteaArray(previousHashes), .byteaArray(rowHashes), .bytea(previous),
      ],
      lastSeq: seq)
  }
}
