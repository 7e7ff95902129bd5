import EventContracts
import Foundation
import PostgresClient

/// The notifications victim-contact asked for, and how each went (no recipient details:
/// those stay in `cases`).
struct NotificationLedger: Sendable {
  let s: String

  init(schema: SchemaName) {
    s = schema.sql
  }

  /// Records that `notification` was requested for case `caseId`; false if it already was
  /// (then it must not be requested again).
  func requested(
    _ notification: PlannedNotification, caseId: String, at now: Date,
    in session: PostgresSession
  ) throws -> Bool {
    try session.execute(
      """
      INSERT INTO \(s).notifications (notification_id, case_id, purpose, channel, status,
        requested_at)
      VALUES ($1, $2, $3, $4, 'requested', $5)
      ON CONFLICT (notification_id) DO NOTHING
      """,
      [
        .text(notification.notificationId), .text(caseId),
        .text(notification.purpose.rawValue), .text(notification.channel.rawValue),
        .timestamp(now),
      ]) == 1
  }

  /// Records that notification `notificationId` was sent (or failed, with a reason code).
  /// A notification already sent stays sent.
  func settle(
    _ notificationId: String, sent: Bool, reason: String?, at settledAt: Date,
    in session: PostgresSession
  ) throws {
    try session.execute(
      """
      UPDATE \(s).notifications SET status = $2, failure_reason = $3, settled_at = $4
      WHERE notification_id = $1 AND status <> 'sent'
      """,
      [
        .text(notificationId), .text(sent ? "sent" : "failed"), .optionalText(reason),
        .timestamp(settledAt),
      ])
  }

  /// Case `caseId`'s notifications, oldest first.
  func notifications(of caseId: String, in session: PostgresSession) throws
    -> [CaseSummary.Notification]
  {
    try session.query(
      """
      SELECT notification_id, purpose, channel, status, failure_reason, requested_at, settled_at
      FROM \(s).notifications WHERE case_id = $1 ORDER BY requested_at, notification_id
      """, [.text(caseId)]
    ).rows.map { row in
      CaseSummary.Notification(
        notificationId: try row.decode(0), purpose: try row.decode(1), channel: try row.decode(2),
        status: try row.decode(3), failureReason: try row.decode(4),
        requestedAt: try row.decode(5), settledAt: try row.decode(6))
    }
  }
}
