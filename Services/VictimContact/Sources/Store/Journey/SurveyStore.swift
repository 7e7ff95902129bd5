import EventContracts
import Foundation
import PostgresClient

/// A survey's answers: distance travelled on the four measures, or satisfaction; with a
/// testimonial and whether the participant consents to its use.
struct CaseSurvey: Encodable, Sendable, Equatable {
  var surveyId: String
  var participantId: String
  var kind: SurveyKind
  var point: SurveyPoint
  /// Distance travelled: each measure on the five-point scale.
  var measures: [String: Int]?
  /// Satisfaction on the five-point scale.
  var satisfaction: Int?
  var testimonialConsent: Bool
  var answeredAt: Date
  var recordedBy: String
  /// The testimonial's words (personal data; staff only).
  var testimonial: String?
}

/// Reads and writes of `surveys` and `follow_up_surveys`, inside the caller's transaction.
struct SurveyStore: Sendable {
  let s: String
  let personalData: CasePersonalData

  init(schema: SchemaName, personalData: CasePersonalData) {
    s = schema.sql
    self.personalData = personalData
  }

  /// The scores as stored (one JSON object).
  struct Scores: Codable {
    var measures: [String: Int]?
    var satisfaction: Int?
  }

  /// Records `survey` of case `caseId`; false when the participant already answered that
  /// survey at that point.
  func record(_ survey: CaseSurvey, caseId: String, in session: PostgresSession) throws -> Bool {
    let scores = String(
      decoding: try JSONEncoder().encode(
        Scores(measures: survey.measures, satisfaction: survey.satisfaction)), as: UTF8.self)
    return try session.execute(
      """
      INSERT INTO \(s).surveys (survey_id, case_id, participant_id, kind, point, scores,
        testimonial_consent, answered_at, recorded_by, testimonial)
      VALUES ($1::uuid, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10)
      ON CONFLICT (participant_id, kind, point) DO NOTHING
      """,
      [
        .text(survey.surveyId), .text(caseId), .text(survey.participantId),
        .text(survey.kind.rawValue), .text(survey.point.rawValue), .text(scores),
        .bool(survey.testimonialConsent), .timestamp(survey.answeredAt),
        .text(survey.recordedBy),
        personalData.seal(survey.testimonial, JourneyColumn.testimonial, rowID: survey.surveyId),
      ]) == 1
  }

  /// Case `caseId`'s surveys, oldest first; testimonials only `withPersonalData`.
  func surveys(of caseId: String, withPersonalData: Bool, in session: PostgresSession) throws
    -> [CaseSurvey]
  {
    try session.query(
      """
      SELECT survey_id::text, participant_id, kind, point, scores::text, testimonial_consent,
        answered_at, recorded_by, testimonial
      FROM \(s).surveys WHERE case_id = $1 ORDER BY answered_at, survey_id
      """, [.text(caseId)]
    ).rows.map { row in
      let id = try row.decode(0, as: String.self)
      let scores = try row.decodeJSON(4, as: Scores.self)
      return CaseSurvey(
        surveyId: id, participantId: try row.decode(1), kind: try row.decodeCode(2),
        point: try row.decodeCode(3), measures: scores.measures,
        satisfaction: scores.satisfaction, testimonialConsent: try row.decode(5),
        answeredAt: try row.decode(6), recordedBy: try row.decode(7),
        testimonial: withPersonalData
          ? try personalData.open(row.decode(8), JourneyColumn.testimonial, rowID: id) : nil)
    }
  }
}

/// The six-month follow-up surveys of closed cases: one per victim who answered a start
/// survey, due six months after closure (on a working day), asked for once when due.
struct FollowUpSurveyStore: Sendable {
  let s: String

  init(schema: SchemaName) {
    s = schema.sql
  }

  /// Schedules the follow-up of each victim of case `caseId` with a start survey for
  /// `dueOn` (a closure after a reopening moves a follow-up not yet asked for).
  func schedule(caseId: String, dueOn: CalendarDate, in session: PostgresSession) throws {
    try session.execute(
      """
      INSERT INTO \(s).follow_up_surveys (case_id, participant_id, due_on)
      SELECT DISTINCT case_id, participant_id, $2::date FROM \(s).surveys
      WHERE case_id = $1 AND kind = 'distance-travelled' AND point = 'start'
      ON CONFLICT (case_id, participant_id) DO UPDATE SET due_on = EXCLUDED.due_on
      WHERE \(s).follow_up_surveys.requested_at IS NULL
      """, [.text(caseId), .text(dueOn.description)])
  }

  /// Cancels case `caseId`'s follow-ups not asked for yet (the case was reopened: it is not
  /// over, and closing it again schedules them anew).
  func cancelUnasked(caseId: String, in session: PostgresSession) throws {
    try session.execute(
      "DELETE FROM \(s).follow_up_surveys WHERE case_id = $1 AND requested_at IS NULL",
      [.text(caseId)])
  }

  /// One follow-up due.
  struct Due: Sendable, Equatable {
    var caseId: String
    var participantId: String
    var area: String
    var dueOn: CalendarDate
  }

  /// Claims up to `limit` follow-ups due on or before `today` and not yet asked for, marking
  /// them asked at `now`; rows another replica is claiming are skipped. A follow-up is asked
  /// only of a closed case, of a victim who has not withdrawn consent since (their latest
  /// consent, if any, stands) and has not answered the six-month survey already; the others
  /// are marked asked without asking (they are settled, and never asked later).
  func claimDue(today: CalendarDate, now: Date, limit: Int, in session: PostgresSession) throws
    -> [Due]
  {
    try session.query(
      """
      WITH due AS (
        SELECT f.case_id, f.participant_id FROM \(s).follow_up_surveys f
        WHERE f.requested_at IS NULL AND f.due_on <= $1::date
        ORDER BY f.due_on LIMIT $3 FOR UPDATE SKIP LOCKED
      )
      UPDATE \(s).follow_up_surveys f SET requested_at = $2
      FROM due, \(s).cases c
      WHERE f.case_id = due.case_id AND f.participant_id = due.participant_id
        AND c.case_id = f.case_id
      RETURNING f.case_id, f.participant_id, c.area, f.due_on::text,
        c.stage = 'closed'
          AND NOT EXISTS (
            SELECT 1 FROM \(s).surveys v WHERE v.participant_id = f.participant_id
              AND v.kind = 'distance-travelled' AND v.point = 'six-months')
          AND COALESCE((
            SELECT k.withdrawn_at IS NULL FROM \(s).consents k
            WHERE k.participant_id = f.participant_id
            ORDER BY (k.withdrawn_at IS NULL) DESC, k.given_at DESC LIMIT 1), true)
      """, [.text(today.description), .timestamp(now), .int(Int64(limit))]
    ).rows.compactMap { row in
      guard try row.decode(4, as: Bool.self) else { return nil }
      return Due(
        caseId: try row.decode(0), participantId: try row.decode(1), area: try row.decode(2),
        dueOn: try row.decode(3, as: CalendarDate.self))
    }
  }
}
