import EventContracts
import Foundation
import PostgresClient

/// Reads and writes of the `letters` table (and the letter rows of `notifications`), always
/// inside the caller's session.
struct LetterStore: Sendable {
  let s: String

  /// The store of `schema`'s letters.
  init(schema: SchemaName) {
    s = schema.sql
  }

  /// A letter as the API shows it: where it is, never what it says or to whom.
  struct Letter: Sendable, Equatable, Encodable {
    var notificationId: String
    var caseId: String?
    var area: String
    var purpose: String
    var format: String
    var pageCount: Int
    var status: LetterStatus
    var queuedAt: Date
    var handedOverAt: Date?
    var dropFile: String?
    var returnedAt: Date?
    var returnReason: String?
  }

  /// A queued letter claimed for hand-over: its sealed document and what its
  /// `notification.sent.v1` needs.
  struct QueuedLetter: Sendable, NotificationIdentity {
    var notificationId: String
    var caseId: String?
    var area: String
    var purpose: NotificationPurpose
    var channel: PreferredContact { .letter }
    var requestEventId: UUID
    var correlationId: UUID?
    /// The sealed PDF.
    var document: String
  }

  /// Queues letter `notificationId` of `area`, its PDF already sealed; nothing when it is
  /// queued already.
  func queue(
    _ notificationId: String, area: String, format: String, pageCount: Int,
    sealedDocument: String, at queuedAt: Date, in session: PostgresSession
  ) throws {
    try session.execute(
      """
      INSERT INTO \(s).letters (notification_id, area, format, page_count, document, queued_at)
      VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (notification_id) DO NOTHING
      """,
      [
        .text(notificationId), .text(area), .text(format), .int(Int64(pageCount)),
        .text(sealedDocument), .timestamp(queuedAt),
      ])
  }

  /// The oldest queued letter no other transaction holds, locked until the transaction ends
  /// (so two replicas never hand over the same letter at once), or nil.
  func nextQueued(in session: PostgresSession) throws -> QueuedLetter? {
    try session.query(
      """
      SELECT l.notification_id, n.case_id, n.area, n.purpose, n.request_event_id,
        n.correlation_id, l.document
      FROM \(s).letters l JOIN \(s).notifications n USING (notification_id)
      WHERE l.status = 'queued'
      ORDER BY l.queued_at, l.notification_id
      LIMIT 1
      FOR UPDATE OF l SKIP LOCKED
      """
    ).rows.first.map { row in
      let purpose: String = try row.decode(3)
      guard let purpose = NotificationPurpose(rawValue: purpose) else {
        throw PostgresError.decoding(
          column: "purpose", type: "NotificationPurpose", reason: "unknown code")
      }
      return QueuedLetter(
        notificationId: try row.decode(0), caseId: try row.decode(1), area: try row.decode(2),
        purpose: purpose, requestEventId: try row.decode(4), correlationId: try row.decode(5),
        document: try row.decode(6))
    }
  }

  /// Marks letter `notificationId` handed over as `dropFile` at `handedOverAt`, and its
  /// notification sent. False when it was not queued.
  func markHandedOver(
    _ notificationId: String, dropFile: String, at handedOverAt: Date,
    in session: PostgresSession
  ) throws -> Bool {
    let changed = try session.execute(
      """
      UPDATE \(s).letters SET status = 'handed-over', handed_over_at = $2, drop_file = $3
      WHERE notification_id = $1 AND status = 'queued'
      """, [.text(notificationId), .timestamp(handedOverAt), .text(dropFile)])
    guard changed == 1 else { return false }
    try session.execute(
      """
      UPDATE \(s).notifications SET status = 'sent', settled_at = $2
      WHERE notification_id = $1 AND status = 'awaiting-dispatch'
      """, [.text(notificationId), .timestamp(handedOverAt)])
    return true
  }

  /// Letter `notificationId`, or nil; locked for update when `forUpdate`.
  func letter(_ notificationId: String, forUpdate: Bool = false, in session: PostgresSession)
    throws -> Letter?
  {
    try session.query(
      """
      SELECT l.notification_id, n.case_id, l.area, n.purpose, l.format, l.page_count, l.status,
        l.queued_at, l.handed_over_at, l.drop_file, l.returned_at, l.return_reason
      FROM \(s).letters l JOIN \(s).notifications n USING (notification_id)
      WHERE l.notification_id = $1
      \(forUpdate ? "FOR UPDATE OF l" : "")
      """, [.text(notificationId)]
    ).rows.first.map { row in
      let status: String = try row.decode(6)
      guard let status = LetterStatus(rawValue: status) else {
        throw PostgresError.decoding(column: "status", type: "LetterStatus", reason: "unknown code")
      }
      return Letter(
        notificationId: try row.decode(0), caseId: try row.decode(1), area: try row.decode(2),
        purpose: try row.decode(3), format: try row.decode(4), pageCount: try row.decode(5),
        status: status, queuedAt: try row.decode(7), handedOverAt: try row.decode(8),
        dropFile: try row.decode(9), returnedAt: try row.decode(10),
        returnReason: try row.decode(11))
    }
  }

  /// Records that handed-over letter `notificationId` came back for `reason` at
  /// `returnedAt`. False when it was not handed over (queued, or returned already).
  func recordReturn(
    _ notificationId: String, reason: LetterReturnReason, at returnedAt: Date,
    in session: PostgresSession
  ) throws -> Bool {
    try session.execute(
      """
      UPDATE \(s).letters SET status = 'returned', returned_at = $2, return_reason = $3
      WHERE notification_id = $1 AND status = 'handed-over'
      """, [.text(notificationId), .timestamp(returnedAt), .text(reason.rawValue)]) == 1
  }
}
