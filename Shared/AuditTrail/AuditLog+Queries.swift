import PostgresClient

extension AuditLog {
  /// The entries about case `caseId`, newest first: what supervisors see for a case.
  /// - Parameters:
  ///   - limit: at most this many (1...1000).
  ///   - beforeSeq: only entries older than this seq, to page back from the last one seen.
  public func entries(
    caseId: String, limit: Int = 100, beforeSeq: Int64? = nil, in session: PostgresSession
  ) throws -> [AuditRecord] {
    try entries(where: "case_id", equals: caseId, limit: limit, beforeSeq: beforeSeq, session)
  }

  /// The entries made by user `subject`, newest first: what supervisors see for a user.
  /// - Parameters:
  ///   - limit: at most this many (1...1000).
  ///   - beforeSeq: only entries older than this seq, to page back from the last one seen.
  public func entries(
    subject: String, limit: Int = 100, beforeSeq: Int64? = nil, in session: PostgresSession
  ) throws -> [AuditRecord] {
    try entries(where: "subject", equals: subject, limit: limit, beforeSeq: beforeSeq, session)
  }

  /// The entries naming any of `fields`, newest first: who read or changed one record's
  /// personal data (for example `facilitators/F-1/email`).
  /// - Parameters:
  ///   - limit: at most this many (1...1000).
  ///   - beforeSeq: only entries older than this seq, to page back from the last one seen.
  public func entries(
    touchingAnyOf fields: [String], limit: Int = 100, beforeSeq: Int64? = nil,
    in session: PostgresSession
  ) throws -> [AuditRecord] {
    guard (1...1000).contains(limit) else { throw AuditTrailError.limitOutOfRange(limit) }
    let result = try session.query(
      """
      SELECT \(AuditStoredRow.selectList) FROM \(quotedSchema).audit_log
      WHERE fields && $1::text[] AND seq < $2 ORDER BY seq DESC LIMIT $3
      """, [.textArray(fields), .int(beforeSeq ?? Int64.max), .int(Int64(limit))])
    return try result.rows.map { try AuditStoredRow($0).record }
  }

  /// Runs one of the supervisors' queries on `column` (a fixed column name from this file).
  private func entries(
    where column: String, equals value: String, limit: Int, beforeSeq: Int64?,
    _ session: PostgresSession
  ) throws -> [AuditRecord] {
    guard (1...1000).contains(limit) else { throw AuditTrailError.limitOutOfRange(limit) }
    let result = try session.query(
      """
      SELECT \(AuditStoredRow.selectList) FROM \(quotedSchema).audit_log
      WHERE \(column) = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3
      """, [.text(value), .int(beforeSeq ?? Int64.max), .int(Int64(limit))])
    return try result.rows.map { try AuditStoredRow($0).record }
  }
}
