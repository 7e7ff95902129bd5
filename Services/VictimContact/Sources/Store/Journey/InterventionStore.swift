import EventContracts
import Foundation
import PersonalData
import PostgresClient

/// An intervention (direct or indirect) or a preparation meeting.
struct CaseIntervention: Encodable, Sendable, Equatable {
  var interventionId: String
  var kind: InterventionKind
  var plannedFor: Date
  /// Participant ids.
  var attendees: [String]
  /// Facilitator register ids, lead first.
  var facilitators: [String]
  var status: InterventionStatus
  var revision: Int
  var recordedAt: Date
  var recordedBy: String
  var deliveredAt: Date?
  var cancelledAt: Date?
  /// Where (personal data; staff only).
  var place: String?
  /// Why it was cancelled (personal data; staff only).
  var cancelReason: String?
}

/// Reads and writes of `interventions`, inside the caller's transaction.
struct InterventionStore: Sendable {
  let s: String
  let personalData: CasePersonalData

  init(schema: SchemaName, personalData: CasePersonalData) {
    s = schema.sql
    self.personalData = personalData
  }

  /// Records planned `intervention` of case `caseId`.
  func plan(_ intervention: CaseIntervention, caseId: String, in session: PostgresSession) throws {
    let id = intervention.interventionId
    try session.execute(
      """
      INSERT INTO \(s).interventions (intervention_id, case_id, kind, planned_for, attendees,
        facilitators, status, revision, recorded_at, recorded_by, place)
      VALUES ($1::uuid, $2, $3, $4, $5, $6, 'planned', 1, $7, $8, $9)
      """,
      [
        .text(id), .text(caseId), .text(intervention.kind.rawValue),
        .timestamp(intervention.plannedFor), .textArray(intervention.attendees),
        .textArray(intervention.facilitators), .timestamp(intervention.recordedAt),
        .text(intervention.recordedBy),
        personalData.seal(intervention.place, JourneyColumn.interventionPlace, rowID: id),
      ])
  }

  /// Settles planned intervention `id` as `status` (delivered or cancelled) at `now`; returns
  /// it as settled, or nil if it was not planned.
  func settle(
    _ id: String, as status: InterventionStatus, at now: Date, reason: String?,
    in session: PostgresSession
  ) throws -> CaseIntervention? {
    let changed = try session.execute(
      """
      UPDATE \(s).interventions SET status = $2, revision = revision + 1,
        delivered_at = CASE WHEN $2 = 'delivered' THEN $3::timestamptz END,
        cancelled_at = CASE WHEN $2 = 'cancelled' THEN $3::timestamptz END, cancel_reason = $4
      WHERE intervention_id = $1::uuid AND status = 'planned'
      """,
      [
        .text(id), .text(status.rawValue), .timestamp(now),
        personalData.seal(reason, JourneyColumn.cancelReason, rowID: id),
      ])
    guard changed == 1 else { return nil }
    return try read("intervention_id = $1::uuid", [.text(id)], false, in: session).first
  }

  /// Intervention `id` of case `caseId`.
  func intervention(_ id: String, of caseId: String, in session: PostgresSession) throws
    -> CaseIntervention?
  {
    guard UUID(uuidString: id) != nil else { return nil }
    return try read(
      "case_id = $1 AND intervention_id = $2::uuid", [.text(caseId), .text(id)], false,
      in: session
    ).first
  }

  /// The planned interventions of case `caseId` that `participantId` attends.
  func planned(attendedBy participantId: String, of caseId: String, in session: PostgresSession)
    throws -> [CaseIntervention]
  {
    try read(
      "case_id = $1 AND status = 'planned' AND $2 = ANY(attendees)",
      [.text(caseId), .text(participantId)], false, in: session)
  }

  /// Case `caseId`'s interventions, earliest planned first; places only `withPersonalData`.
  func interventions(of caseId: String, withPersonalData: Bool, in session: PostgresSession)
    throws -> [CaseIntervention]
  {
    try read("case_id = $1", [.text(caseId)], withPersonalData, in: session)
  }

  private func read(
    _ condition: String, _ binds: [PostgresBind], _ withPersonalData: Bool,
    in session: PostgresSession
  ) throws -> [CaseIntervention] {
    try session.query(
      """
      SELECT intervention_id::text, kind, planned_for, to_json(attendees)::text,
        to_json(facilitators)::text, status, revision, recorded_at, recorded_by, delivered_at,
        cancelled_at, place, cancel_reason
      FROM \(s).interventions WHERE \(condition) ORDER BY planned_for, intervention_id
      """, binds
    ).rows.map { row in
      let id = try row.decode(0, as: String.self)
      func open(_ index: Int, _ column: SealedColumn) throws -> String? {
        withPersonalData ? try personalData.open(row.decode(index), column, rowID: id) : nil
      }
      return CaseIntervention(
        interventionId: id, kind: try row.decodeCode(1), plannedFor: try row.decode(2),
        attendees: try row.decodeJSON(3), facilitators: try row.decodeJSON(4),
        status: try row.decodeCode(5), revision: try row.decode(6), recordedAt: try row.decode(7),
        recordedBy: try row.decode(8), deliveredAt: try row.decode(9),
        cancelledAt: try row.decode(10), place: try open(11, JourneyColumn.interventionPlace),
        cancelReason: try open(12, JourneyColumn.cancelReason))
    }
  }
}
