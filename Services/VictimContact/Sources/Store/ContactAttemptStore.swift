import EventContracts
import Foundation
import PostgresClient

/// Contact attempts with a case's participants; the notes (free text) sealed in a column of
/// their own.
struct ContactAttemptStore: Sendable {
  let s: String
  let personalData: CasePersonalData

  init(schema: SchemaName, personalData: CasePersonalData) {
    s = schema.sql
    self.personalData = personalData
  }

  /// Stores `attempt` made at `attemptedAt`, recorded by `subject`.
  func record(
    _ attempt: ContactAttemptRequest, id: UUID, caseId: String, attemptedAt: Date,
    recordedBy subject: String, in session: PostgresSession
  ) throws {
    try session.execute(
      """
      INSERT INTO \(s).contact_attempts (attempt_id, case_id, participant, channel, outcome,
        attempted_at, recorded_by, notes)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      """,
      [
        .uuid(id), .text(caseId), .text(attempt.participant.rawValue),
        .text(attempt.channel.rawValue), .text(attempt.outcome.rawValue), .timestamp(attemptedAt),
        .text(subject),
        .optionalText(
          personalData.sealedNotes(attempt.notes, attemptId: id.uuidString.lowercased())),
      ])
  }

  /// Case `caseId`'s attempts, oldest first; notes only when `withNotes`.
  func attempts(of caseId: String, withNotes: Bool, in session: PostgresSession) throws
    -> [CaseSummary.ContactAttempt]
  {
    try session.query(
      """
      SELECT attempt_id, participant, channel, outcome, attempted_at, recorded_by,
        CASE WHEN $2 THEN notes END
      FROM \(s).contact_attempts WHERE case_id = $1 ORDER BY attempted_at, attempt_id
      """, [.text(caseId), .bool(withNotes)]
    ).rows.map { row in
      let attemptId = try row.decode(0, as: String.self)
      return CaseSummary.ContactAttempt(
        attemptId: attemptId, participant: try row.decode(1), channel: try row.decode(2),
        outcome: try row.decode(3), attemptedAt: try row.decode(4),
        recordedBy: try row.decode(5),
        notes: try personalData.openNotes(row.decode(6), attemptId: attemptId))
    }
  }
}
