import EventContracts
import Foundation
import PostgresClient

/// Records what the case journey's events tell the figures, inside the caller's transaction:
/// closures and every stage change (from `case.stage-changed`), consent withdrawals, interventions, survey scores and
/// complaints. Each write is an upsert keyed by the natural id (a revisioned record keeps its
/// highest revision), so redeliveries and out-of-order arrivals leave the same rows.
struct JourneyLedger: Sendable {
  let s: String

  /// A ledger over the tables of `schema`.
  init(schema: SchemaName) {
    s = schema.sql
  }

  /// Keeps `change` when it closes or transfers the case.
  func recordClosure(_ change: CaseStageChanged, area: String, in session: PostgresSession) throws {
    guard let reason = change.closureReason else { return }
    try session.execute(
      """
      INSERT INTO \(s).case_closures (case_id, sequence, area, closed_at, closure_reason,
        unsuitable_reason, last_stage)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (case_id, sequence) DO NOTHING
      """,
      [
        .text(change.caseId), .int(Int64(change.sequence)), .text(area),
        .timestamp(change.changedAt), .text(reason.rawValue),
        .optionalCode(change.unsuitableReason),
        .text(change.previousStage.rawValue),
      ])
  }

  /// Keeps `change` in the case's stage history, once per sequence (a case closed while
  /// paused dropped out at the stage its pause was from).
  func recordStageChange(_ change: CaseStageChanged, in session: PostgresSession) throws {
    try session.execute(
      """
      INSERT INTO \(s).case_stage_changes (case_id, sequence, stage, previous_stage, changed_at)
      VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (case_id, sequence) DO NOTHING
      """,
      [
        .text(change.caseId), .int(Int64(change.sequence)), .text(change.stage.rawValue),
        .text(change.previousStage.rawValue), .timestamp(change.changedAt),
      ])
  }

  /// Keeps a withdrawal of consent.
  func recordWithdrawal(_ withdrawn: ConsentWithdrawn, area: String, in session: PostgresSession)
    throws
  {
    try session.execute(
      """
      INSERT INTO \(s).consent_withdrawals (consent_id, case_id, area, participant, stage,
        withdrawn_at)
      VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (consent_id) DO NOTHING
      """,
      [
        .text(withdrawn.consentId), .text(withdrawn.caseId), .text(area),
        .text(withdrawn.participant.rawValue), .text(withdrawn.stage.rawValue),
        .timestamp(withdrawn.withdrawnAt),
      ])
  }

  /// Keeps `intervention` if it is its highest revision so far, with the facilitators it
  /// credits (register ids, for the volunteers' conferences; never shown in a figure).
  func recordIntervention(
    _ intervention: InterventionRecorded, area: String, in session: PostgresSession
  ) throws {
    try session.execute(
      """
      INSERT INTO \(s).interventions (intervention_id, case_id, area, kind, status,
        delivered_at, revision, facilitator_ids)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[])
      ON CONFLICT (intervention_id) DO UPDATE SET status = EXCLUDED.status,
        delivered_at = EXCLUDED.delivered_at, revision = EXCLUDED.revision,
        facilitator_ids = EXCLUDED.facilitator_ids
      WHERE \(s).interventions.revision < EXCLUDED.revision
      """,
      [
        .text(intervention.interventionId), .text(intervention.caseId), .text(area),
        .text(intervention.kind.rawValue), .text(intervention.status.rawValue),
        .optionalTimestamp(intervention.deliveredAt),
        .int(Int64(intervention.revision)), .textArray(intervention.facilitatorIds),
      ])
  }

  /// Keeps a survey's scores.
  func recordSurvey(_ survey: SurveyAnswered, area: String, in session: PostgresSession) throws {
    let measures = try survey.measures.map {
      PostgresBind.text(String(decoding: try JSONEncoder().encode($0), as: UTF8.self))
    }
    try session.execute(
      """
      INSERT INTO \(s).surveys (survey_id, case_id, area, participant_id, participant, kind,
        point, measures, satisfaction, testimonial_consented, answered_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11)
      ON CONFLICT (survey_id) DO NOTHING
      """,
      [
        .text(survey.surveyId), .text(survey.caseId), .text(area), .text(survey.participantId),
        .text(survey.participant.rawValue), .text(survey.kind.rawValue),
        .text(survey.point.rawValue), measures ?? .null,
        .optionalInt(survey.satisfaction), .bool(survey.testimonialConsented),
        .timestamp(survey.answeredAt),
      ])
  }

  /// Keeps `complaint` if it is its highest revision so far.
  func recordComplaint(_ complaint: ComplaintRecorded, area: String, in session: PostgresSession)
    throws
  {
    try session.execute(
      """
      INSERT INTO \(s).complaints (complaint_id, area, case_id, received_at, respond_by, status,
        responded_at, outcome, revision)
      VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8, $9)
      ON CONFLICT (complaint_id) DO UPDATE SET status = EXCLUDED.status,
        responded_at = EXCLUDED.responded_at, outcome = EXCLUDED.outcome,
        revision = EXCLUDED.revision
      WHERE \(s).complaints.revision < EXCLUDED.revision
      """,
      [
        .text(complaint.complaintId), .text(area), .optionalText(complaint.caseId),
        .timestamp(complaint.receivedAt), .text(complaint.respondBy.description),
        .text(complaint.status.rawValue), .optionalTimestamp(complaint.respondedAt),
        .optionalCode(complaint.outcome), .int(Int64(complaint.revision)),
      ])
  }
}
