import EventContracts
import PostgresClient

/// Reads what a case's stage moves depend on (``JourneyFacts``) from the journey tables, in
/// the transaction that holds the case's lock, so the facts cannot change before the move
/// commits.
///
/// - Consent: participants whose consent stands (a standing consent is the latest); a
///   participant whose consent is withdrawn, with none given since, counts as withdrawn (the
///   process stops going forward while they are part of it). Supporters are not parties:
///   their consent covers their own part only and blocks nothing.
/// - Assessment: every consenting participant's latest assessment; the case's outcome is the
///   most restrictive of them (unsuitable, then suitable with conditions), and it is signed
///   off, and by a supervisor, only when all of them are. None recorded means not completed.
struct JourneyFactsReader: Sendable {
  let s: String

  init(schema: SchemaName) {
    s = schema.sql
  }

  /// The facts of case `journey`, as recorded.
  func facts(of journey: CaseJourney, in session: PostgresSession) throws -> JourneyFacts {
    let row = try session.query(
      """
      WITH latest_consent AS (
        SELECT DISTINCT ON (c.participant_id) c.participant_id, c.withdrawn_at, p.role
        FROM \(s).consents c JOIN \(s).participants p USING (participant_id)
        WHERE c.case_id = $1
        ORDER BY c.participant_id, (c.withdrawn_at IS NULL) DESC, c.given_at DESC
      ), consenting AS (
        SELECT participant_id FROM latest_consent
        WHERE withdrawn_at IS NULL AND role <> 'supporter'
      ), latest_assessment AS (
        SELECT DISTINCT ON (participant_id) participant_id, outcome, signed_off_at,
          signed_off_role
        FROM \(s).assessments WHERE case_id = $1 ORDER BY participant_id, completed_at DESC
      ), assessed AS (
        SELECT c.participant_id, a.outcome, a.signed_off_at, a.signed_off_role
        FROM consenting c LEFT JOIN latest_assessment a USING (participant_id)
      )
      SELECT
        (SELECT count(*) FROM consenting),
        EXISTS (SELECT 1 FROM latest_consent WHERE withdrawn_at IS NOT NULL AND role <> 'supporter'),
        (SELECT CASE
           WHEN count(*) = 0 OR bool_or(outcome IS NULL) THEN NULL
           WHEN bool_or(outcome = 'unsuitable') THEN 'unsuitable'
           WHEN bool_or(outcome = 'suitable-with-conditions') THEN 'suitable-with-conditions'
           ELSE 'suitable' END FROM assessed),
        COALESCE((SELECT bool_and(signed_off_at IS NOT NULL) FROM assessed), false),
        COALESCE((SELECT bool_and(signed_off_role = 'supervisor') FROM assessed), false),
        EXISTS (SELECT 1 FROM \(s).outcome_agreements WHERE case_id = $1),
        (SELECT count(*) FROM \(s).tasks WHERE case_id = $1 AND status = 'open'),
        EXISTS (SELECT 1 FROM \(s).interventions
          WHERE case_id = $1 AND status = 'delivered' AND kind = 'conference'),
        EXISTS (SELECT 1 FROM \(s).interventions
          WHERE case_id = $1 AND status = 'delivered'
            AND kind NOT IN ('conference', 'preparation-meeting')),
        (SELECT count(*) FROM \(s).agreement_items i
          JOIN \(s).outcome_agreements a USING (agreement_id)
          WHERE a.case_id = $1 AND i.status = 'open')
      """, [.text(journey.caseId)]
    ).rows[0]
    return JourneyFacts(
      participantsConsenting: try row.decode(0), consentWithdrawn: try row.decode(1),
      assessmentOutcome: try row.decodeOptionalCode(2), assessmentSignedOff: try row.decode(3),
      sensitive: journey.isSensitive, supervisorSignedOff: try row.decode(4),
      outcomeAgreement: try row.decode(5), openTasks: try row.decode(6),
      deliveredDirect: try row.decode(7), deliveredIndirect: try row.decode(8),
      pausedFrom: journey.pausedFrom, unsettledAgreementItems: try row.decode(9))
  }
}
