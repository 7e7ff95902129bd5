import EventContracts
import Foundation
import PostgresClient

/// A participant's structured risk and suitability assessment, and its sign-off.
struct CaseAssessment: Encodable, Sendable, Equatable {
  var assessmentId: String
  var participantId: String
  var riskFactors: [RiskFactor]
  /// For an offender: whether they acknowledge responsibility for the harm.
  var acknowledgesResponsibility: Bool?
  var needs: [ParticipantNeed]
  var vulnerability: Vulnerability
  var outcome: AssessmentOutcome
  var conditions: [AssessmentCondition]
  var unsuitableReason: UnsuitableReason?
  var completedAt: Date
  var completedBy: String
  var signedOffAt: Date?
  var signedOffBy: String?
  var signedOffRole: String?
  /// The assessor's notes (personal data; staff only).
  var notes: String?
}

/// Reads and writes of `assessments`, inside the caller's transaction.
struct AssessmentStore: Sendable {
  let s: String
  let personalData: CasePersonalData

  init(schema: SchemaName, personalData: CasePersonalData) {
    s = schema.sql
    self.personalData = personalData
  }

  /// Records completed assessment `assessment` of case `caseId`.
  func complete(_ assessment: CaseAssessment, caseId: String, in session: PostgresSession) throws {
    try session.execute(
      """
      INSERT INTO \(s).assessments (assessment_id, case_id, participant_id, risk_factors,
        acknowledges_responsibility, needs, vulnerability, outcome, conditions,
        unsuitable_reason, completed_at, completed_by, notes)
      VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
      """,
      [
        .text(assessment.assessmentId), .text(caseId), .text(assessment.participantId),
        .textArray(assessment.riskFactors.map(\.rawValue)),
        .optionalBool(assessment.acknowledgesResponsibility),
        .textArray(assessment.needs.map(\.rawValue)), .text(assessment.vulnerability.rawValue),
        .text(assessment.outcome.rawValue), .textArray(assessment.conditions.map(\.rawValue)),
        .optionalText(assessment.unsuitableReason?.rawValue), .timestamp(assessment.completedAt),
        .text(assessment.completedBy),
        personalData.seal(
          assessment.notes, JourneyColumn.assessmentNotes, rowID: assessment.assessmentId),
      ])
  }

  /// Signs assessment `assessmentId` off.
  func signOff(
    _ assessmentId: String, at now: Date, by subject: String, role: String,
    in session: PostgresSession
  ) throws {
    try session.execute(
      """
      UPDATE \(s).assessments SET signed_off_at = $2, signed_off_by = $3, signed_off_role = $4
      WHERE assessment_id = $1::uuid
      """, [.text(assessmentId), .timestamp(now), .text(subject), .text(role)])
  }

  /// Assessment `assessmentId` of case `caseId`; nil when the case has none by that id.
  func assessment(_ assessmentId: String, of caseId: String, in session: PostgresSession) throws
    -> CaseAssessment?
  {
    guard UUID(uuidString: assessmentId) != nil else { return nil }
    return try read(
      "case_id = $1 AND assessment_id = $2::uuid", [.text(caseId), .text(assessmentId)], true,
      in: session
    ).first
  }

  /// Participant `participantId`'s latest assessment in case `caseId`, without notes.
  func latest(of participantId: String, in caseId: String, session: PostgresSession) throws
    -> CaseAssessment?
  {
    try read(
      "case_id = $1 AND participant_id = $2", [.text(caseId), .text(participantId)], false,
      in: session
    ).last
  }

  /// Case `caseId`'s assessments, oldest first; notes only `withNotes`.
  func assessments(of caseId: String, withNotes: Bool, in session: PostgresSession) throws
    -> [CaseAssessment]
  {
    try read("case_id = $1", [.text(caseId)], withNotes, in: session)
  }

  private func read(
    _ condition: String, _ binds: [PostgresBind], _ withNotes: Bool, in session: PostgresSession
  ) throws -> [CaseAssessment] {
    try session.query(
      """
      SELECT assessment_id::text, participant_id, to_json(risk_factors)::text,
        acknowledges_responsibility, to_json(needs)::text, vulnerability, outcome,
        to_json(conditions)::text, unsuitable_reason, completed_at, completed_by, signed_off_at,
        signed_off_by, signed_off_role, notes
      FROM \(s).assessments WHERE \(condition) ORDER BY completed_at, assessment_id
      """, binds
    ).rows.map { row in
      let id = try row.decode(0, as: String.self)
      return CaseAssessment(
        assessmentId: id, participantId: try row.decode(1), riskFactors: try row.decodeCodes(2),
        acknowledgesResponsibility: try row.decode(3), needs: try row.decodeCodes(4),
        vulnerability: try row.decodeCode(5), outcome: try row.decodeCode(6),
        conditions: try row.decodeCodes(7), unsuitableReason: try row.decodeOptionalCode(8),
        completedAt: try row.decode(9), completedBy: try row.decode(10),
        signedOffAt: try row.decode(11), signedOffBy: try row.decode(12),
        signedOffRole: try row.decode(13),
        notes: withNotes
          ? try personalData.open(row.decode(14), JourneyColumn.assessmentNotes, rowID: id) : nil)
    }
  }
}
