import EventContracts
import Foundation
import PostgresClient

/// Records what became of each case notification (sent or failed, and when), inside the
/// caller's transaction. Recipients never reach reporting: the events carry none.
struct NotificationOutcomes: Sendable {
  let s: String

  /// A ledger over the tables of `schema`.
  init(schema: SchemaName) {
    s = schema.sql
  }

  /// Records that case notification `sent` went out; the earliest sending time is kept.
  func recordSent(
    _ sent: NotificationSent, caseId: String, area: String, in session: PostgresSession
  )
    throws
  {
    try record(
      column: "sent_at", notificationId: sent.notificationId, caseId: caseId, area: area,
      purpose: sent.purpose, channel: sent.channel, at: sent.sentAt, in: session)
  }

  /// Records that case notification `failed` was given up; the earliest failure is kept. A
  /// notification that was also sent still counts as sent.
  func recordFailed(
    _ failed: NotificationFailed, caseId: String, area: String, in session: PostgresSession
  ) throws {
    try record(
      column: "failed_at", notificationId: failed.notificationId, caseId: caseId, area: area,
      purpose: failed.purpose, channel: failed.channel, at: failed.failedAt, in: session)
  }

  /// Upserts the notification, setting `column` (`sent_at` or `failed_at`, a constant) to the
  /// earlier of its stored value and `time` (LEAST ignores NULL).
  private func record(
    column: String, notificationId: String, caseId: String, area: String,
    purpose: NotificationPurpose, channel: PreferredContact, at time: Date,
    in session: PostgresSession
  ) throws {
    try session.execute(
      """
      INSERT INTO \(s).notifications (notification_id, case_id, area, purpose, channel, \(column))
      VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (notification_id) DO UPDATE SET
        \(column) = LEAST(\(s).notifications.\(column), EXCLUDED.\(column))
      """,
      [
        .text(notificationId), .text(caseId), .text(area), .text(purpose.rawValue),
        .text(channel.rawValue), .timestamp(time),
      ])
  }
}
