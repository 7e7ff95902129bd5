import EventContracts
import PostgresClient

/// Records opened cases and their latest stage, inside the caller's transaction.
struct CaseLedger: Sendable {
  let s: String

  /// A ledger over the tables of `schema`.
  init(schema: SchemaName) {
    s = schema.sql
  }

  /// Keeps what the figures count about an opened case (area, receipt time, referrer type,
  /// initiator, the ended case it follows); the first copy wins and a repeat changes nothing.
  func recordOpened(_ opened: CaseOpened, area: String, in session: PostgresSession) throws {
    try session.execute(
      """
      INSERT INTO \(s).cases (case_id, area, received_at, referrer_type, initiated_by,
        previous_case_id)
      VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (case_id) DO NOTHING
      """,
      [
        .text(opened.caseId), .text(area), .timestamp(opened.receivedAt),
        .text(opened.referrerType.rawValue), .text(opened.initiatedBy.rawValue),
        .optionalText(opened.previousCaseId),
      ])
  }

  /// Keeps `change` if it is the case's latest so far (highest `sequence`); an earlier or
  /// repeated change arriving later leaves the stage as it is.
  func recordStage(_ change: CaseStageChanged, in session: PostgresSession) throws {
    try session.execute(
      """
      INSERT INTO \(s).case_stages (case_id, stage, sequence, changed_at)
      VALUES ($1, $2, $3, $4)
      ON CONFLICT (case_id) DO UPDATE SET
        stage = EXCLUDED.stage, sequence = EXCLUDED.sequence, changed_at = EXCLUDED.changed_at
      WHERE \(s).case_stages.sequence < EXCLUDED.sequence
      """,
      [
        .text(change.caseId), .text(change.stage.rawValue), .int(Int64(change.sequence)),
        .timestamp(change.changedAt),
      ])
  }
}
