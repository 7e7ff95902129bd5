import EventContracts
import Foundation
import PostgresClient

/// Reads and writes of the `notifications` table, always inside the caller's session.
struct NotificationStore: Sendable {
  let s: String
  let personalData: RecipientPersonalData

  /// The store of the `notifications` table in `schema` (validated as an identifier),
  /// recipients and letters sealed with `personalData`.
  init(schema: SchemaName, personalData: RecipientPersonalData) {
    s = schema.sql
    self.personalData = personalData
  }

  /// Stores `requests` in one statement, the first copy of each notification id winning
  /// (a request repeated under another message id, or again in the same batch, changes
  /// nothing). Returns how many were new.
  func store(_ requests: [EventEnvelope<NotificationRequested>], in session: PostgresSession)
    throws -> Int
  {
    guard !requests.isEmpty else { return 0 }
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let values = try requests.map {
      String(decoding: try encoder.encode($0.data.values), as: UTF8.self)
    }
    /// One text array bind of `field` over the requests (`""` for nil, read as NULL).
    func column(_ field: (EventEnvelope<NotificationRequested>) -> String?) -> PostgresBind {
      .textArray(requests.map { field($0) ?? "" })
    }
    let recipients = requests.map {
      personalData.sealed($0.data.recipient, notificationId: $0.data.notificationId)
    }
    /// One text array bind of sealed recipient field `index` over the requests.
    func recipient(_ index: Int) -> PostgresBind {
      .textArray(recipients.map { $0[index] ?? "" })
    }
    return try session.execute(
      """
      INSERT INTO \(s).notifications (notification_id, case_id, area, purpose, channel,
        language, template_values, requested_at, request_event_id, correlation_id,
        recipient_name, recipient_email, recipient_address, recipient_phone, large_print)
      SELECT id, NULLIF(case_id, ''), area, purpose, channel, NULLIF(language, ''),
        template_values::jsonb, requested_at, event_id, NULLIF(correlation_id, '')::uuid,
        NULLIF(name, ''), NULLIF(email, ''), NULLIF(address, ''), NULLIF(phone, ''),
        large_print
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
        $7::text[], $8::timestamptz[], $9::uuid[], $10::text[], $11::text[], $12::text[],
        $13::text[], $14::text[], $15::boolean[])
        AS t(id, case_id, area, purpose, channel, language, template_values, requested_at,
          event_id, correlation_id, name, email, address, phone, large_print)
      ON CONFLICT (notification_id) DO NOTHING
      """,
      [
        column { $0.data.notificationId }, column { $0.data.caseId ?? $0.caseId },
        column { $0.area }, column { $0.data.purpose.rawValue },
        column { $0.data.channel.rawValue }, column { $0.data.language }, .textArray(values),
        .timestampArray(requests.map(\.data.requestedAt)), .uuidArray(requests.map(\.id)),
        column { $0.correlationId?.uuidString.lowercased() },
        recipient(0), recipient(1), recipient(2), recipient(3),
        .textArray(requests.map { $0.data.largePrint == true ? "true" : "false" }),
      ])
  }

  /// Claims up to `limit` due notifications for claim `token`: counts the attempt and moves
  /// each one's next due time to the claim's deadline, `lease` from now. Rows other
  /// transactions hold are skipped, so concurrent rounds on any replica never claim the same
  /// row. Commit before sending, so the claim survives a crash.
  func claimDue(limit: Int, lease: Duration, token: UUID, in session: PostgresSession) throws
    -> [ClaimedNotification]
  {
    try session.query(
      """
      UPDATE \(s).notifications AS n
      SET attempts = n.attempts + 1, claim_token = $3,
        next_attempt_at = now() + make_interval(secs => $2)
      FROM (
        SELECT notification_id FROM \(s).notifications
        WHERE status = 'pending' AND next_attempt_at <= now()
        ORDER BY next_attempt_at
        LIMIT $1
        FOR UPDATE SKIP LOCKED
      ) AS due
      WHERE n.notification_id = due.notification_id
      RETURNING n.notification_id, n.case_id, n.area, n.purpose, n.channel, n.language,
        n.template_values::text AS template_values, n.request_event_id, n.correlation_id,
        n.recipient_name, n.recipient_email, n.recipient_address, n.recipient_phone,
        n.attempts, n.large_print
      """, [.int(Int64(limit)), .double(Self.seconds(lease)), .uuid(token)]
    ).rows.map { try ClaimedNotification(row: $0, personalData: personalData) }
      .sorted { $0.notificationId < $1.notificationId }
  }

  /// Marks notification `notificationId` sent at `sentAt`. False when it was no longer
  /// pending (another replica settled it first), in which case no event may be emitted.
  func markSent(_ notificationId: String, at sentAt: Date, in session: PostgresSession) throws
    -> Bool
  {
    try session.execute(
      """
      UPDATE \(s).notifications
      SET status = 'sent', settled_at = $2, claim_token = NULL, last_error = NULL
      WHERE notification_id = $1 AND status = 'pending'
      """, [.text(notificationId), .timestamp(sentAt)]) == 1
  }

  /// Marks letter `notificationId` rendered at `renderedAt` and awaiting dispatch: it is
  /// not sent until the letter drop hands it over (``LetterStore``). False when it was no
  /// longer pending.
  func markAwaitingDispatch(
    _ notificationId: String, at renderedAt: Date, in session: PostgresSession
  ) throws -> Bool {
    try session.execute(
      """
      UPDATE \(s).notifications
      SET status = 'awaiting-dispatch', rendered_at = $2, claim_token = NULL, last_error = NULL
      WHERE notification_id = $1 AND status = 'pending'
      """, [.text(notificationId), .timestamp(renderedAt)]) == 1
  }

  /// Marks notification `notificationId` failed with `reason` (a code) at `failedAt`. False
  /// when it was no longer pending.
  func markFailed(
    _ notificationId: String, reason: FailureReason, lastError: String?, at failedAt: Date,
    in session: PostgresSession
  ) throws -> Bool {
    try session.execute(
      """
      UPDATE \(s).notifications
      SET status = 'failed', failure_reason = $2, last_error = COALESCE($3, last_error),
        settled_at = $4, claim_token = NULL
      WHERE notification_id = $1 AND status = 'pending'
      """,
      [
        .text(notificationId), .text(reason.rawValue), lastError.map { .text($0) } ?? .null,
        .timestamp(failedAt),
      ]) == 1
  }

  /// Makes notification `notificationId` due again after `delay`, if claim `token` still
  /// holds it, recording `lastError` (a code).
  func scheduleRetry(
    _ notificationId: String, token: UUID, after delay: Duration, lastError: String,
    in session: PostgresSession
  ) throws {
    try session.execute(
      """
      UPDATE \(s).notifications
      SET next_attempt_at = now() + make_interval(secs => $3), claim_token = NULL,
        last_error = $4
      WHERE notification_id = $1 AND claim_token = $2 AND status = 'pending'
      """, [.text(notificationId), .uuid(token), .double(Self.seconds(delay)), .text(lastError)])
  }

  /// Gives back notifications claim `token` did not get to (shutdown, or the claim's
  /// deadline too close): due at once, the attempt not counted.
  func release(_ notificationIds: [String], token: UUID, in session: PostgresSession) throws {
    guard !notificationIds.isEmpty else { return }
    try session.execute(
      """
      UPDATE \(s).notifications
      SET next_attempt_at = now(), claim_token = NULL, attempts = greatest(attempts - 1, 0)
      WHERE notification_id = ANY($1::text[]) AND claim_token = $2 AND status = 'pending'
      """, [.textArray(notificationIds), .uuid(token)])
  }

  /// `duration` in seconds, for `make_interval(secs => ...)`.
  static func seconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) + Double(attoseconds) / 1e18
  }
}
