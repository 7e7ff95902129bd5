import Logging
import PostgresClient

/// Walks a schema's audit chain in seq order, recomputes every row's hash and reports the
/// first seq where the chain is broken: a changed field, a deleted row (a gap in seq or a
/// missing tail), rows renumbered or reordered, a row added behind ``AuditLog``'s back.
///
/// Detects what someone who got past the append-only triggers changed: without the chain key
/// they cannot recompute the hashes. What the chain alone cannot show is the loss of its tail
/// together with the head moved back to an earlier row (the head's seq and hash are an
/// earlier row's); comparing the head with a copy kept elsewhere closes that gap.
public struct AuditVerifier: Sendable {
  /// The schema whose chain is checked.
  public let schema: SchemaName
  let pageSize: Int
  let logger: Logger
  let quotedSchema: String
  let chainKey: AuditChainKey

  /// A verifier for `schema`, whose rows are chained under
  /// `chainKey`, reading `pageSize` rows per statement, so memory stays bounded however long
  /// the chain is.
  public init(
    schema: SchemaName, chainKey: AuditChainKey, pageSize: Int = 1000,
    logger: Logger = Logger(label: "rjhub.audit-trail")
  ) {
    self.chainKey = chainKey
    self.quotedSchema = schema.sql
    self.schema = schema
    self.pageSize = max(1, pageSize)
    self.logger = logger
  }

  /// Checks the whole chain in one read-only REPEATABLE READ transaction (so concurrent
  /// appends cannot make it look broken). Call it outside any transaction of the session.
  public func verify(in session: PostgresSession) throws -> AuditChainVerdict {
    let verdict = try session.transaction { session in
      try session.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
      return try walk(session)
    }
    if case .broken = verdict {
      logger.error(
        "audit chain broken", metadata: ["schema": "\(schema)", "verdict": "\(verdict)"])
    } else {
      logger.debug(
        "audit chain verified", metadata: ["schema": "\(schema)", "verdict": "\(verdict)"])
    }
    return verdict
  }

  /// The walk itself, inside the snapshot.
  private func walk(_ session: PostgresSession) throws -> AuditChainVerdict {
    let heads = try session.query(
      "SELECT last_seq, last_hash FROM \(quotedSchema).audit_chain_head")
    guard heads.rows.count == 1 else { return .broken(seq: 1, fault: .headMissing) }
    let headSeq = try heads.rows[0].decode("last_seq", as: Int64.self)
    let headHash = try heads.rows[0].decode("last_hash", as: [UInt8].self)
    var link = ChainLink(key: chainKey)
    while link.expectedSeq <= headSeq {
      let page = try session.query(
        """
        SELECT \(AuditStoredRow.selectList) FROM \(quotedSchema).audit_log
        WHERE seq >= $1 AND seq <= $2 ORDER BY seq LIMIT $3
        """, [.int(link.expectedSeq), .int(headSeq), .int(Int64(pageSize))])
      guard !page.rows.isEmpty else { break }
      for row in page.rows {
        if let fault = link.check(row) { return fault }
      }
    }
    if link.expectedSeq <= headSeq {
      return .broken(seq: link.expectedSeq, fault: .rowMissing)
    }
    let beyond = try session.query(
      "SELECT min(seq) FROM \(quotedSchema).audit_log WHERE seq > $1 OR seq < 1",
      [.int(headSeq)])
    if let row = beyond.rows.first, let extra = try row.decode(0, as: Int64?.self) {
      return .broken(seq: extra, fault: .unexpectedRow)
    }
    guard link.previousHash == headHash else {
      return .broken(seq: headSeq, fault: .headAltered)
    }
    return .intact(lastSeq: headSeq)
  }
}

/// The walk's position: the seq the next row must have and the hash it must link to.
struct ChainLink {
  let key: AuditChainKey
  var expectedSeq: Int64 = 1
  var previousHash = AuditChainHash.genesis

  /// Checks the next row and advances, or returns the break it shows.
  mutating func check(_ row: PostgresRow) -> AuditChainVerdict? {
    guard let seq = try? row.decode("seq", as: Int64.self) else {
      return .broken(seq: expectedSeq, fault: .rowAltered)
    }
    guard seq == expectedSeq else { return .broken(seq: expectedSeq, fault: .rowMissing) }
    guard let stored = try? AuditStoredRow(row) else {
      return .broken(seq: seq, fault: .rowAltered)
    }
    guard stored.previousHash == previousHash else {
      return .broken(seq: seq, fault: .linkBroken)
    }
    let recomputed = AuditChainHash.rowHash(
      key: key, previous: previousHash, seq: seq, atMicros: stored.atMicros, entry: stored.entry)
    guard recomputed == stored.rowHash else { return .broken(seq: seq, fault: .rowAltered) }
    previousHash = stored.rowHash
    expectedSeq = seq + 1
    return nil
  }
}

extension AuditLog {
  /// Verifies this log's chain; see ``AuditVerifier/verify(in:)``.
  public func verify(in session: PostgresSession) throws -> AuditChainVerdict {
    try AuditVerifier(schema: schema, chainKey: chainKey, logger: logger).verify(in: session)
  }
}
