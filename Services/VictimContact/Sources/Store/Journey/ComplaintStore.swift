import EventContracts
import Foundation
import PersonalData
import PostgresClient

/// A complaint about a case or the service: logged, acknowledged, answered within 28 days.
struct CaseComplaint: Encodable, Sendable, Equatable {
  var complaintId: String
  var area: String
  var caseId: String?
  /// `case` or `service`.
  var about: String
  var receivedAt: Date
  var acknowledgedAt: Date?
  var respondBy: CalendarDate
  var status: ComplaintStatus
  var outcome: ComplaintOutcome?
  var respondedAt: Date?
  var revision: Int
  var recordedBy: String
  /// Whether the response is late (not answered by `respondBy`, judged on the day read).
  var overdue: Bool = false
  /// The complaint in the complainant's words (personal data; staff only).
  var summary: String?
  /// The response (personal data; staff only).
  var response: String?

  /// The event announcing this complaint as it stands.
  var event: ComplaintRecorded {
    ComplaintRecorded(
      complaintId: complaintId, caseId: caseId, receivedAt: receivedAt, respondBy: respondBy,
      status: status, acknowledgedAt: acknowledgedAt, respondedAt: respondedAt, outcome: outcome,
      revision: revision)
  }
}

/// Reads and writes of `complaints`, inside the caller's transaction.
struct ComplaintStore: Sendable {
  let s: String
  let personalData: CasePersonalData

  init(schema: SchemaName, personalData: CasePersonalData) {
    s = schema.sql
    self.personalData = personalData
  }

  /// Records `complaint`.
  func log(_ complaint: CaseComplaint, in session: PostgresSession) throws {
    let id = complaint.complaintId
    try session.execute(
      """
      INSERT INTO \(s).complaints (complaint_id, area, case_id, about, received_at, respond_by,
        status, revision, recorded_by, summary)
      VALUES ($1::uuid, $2, $3, $4, $5, $6::date, 'received', 1, $7, $8)
      """,
      [
        .text(id), .text(complaint.area), .optionalText(complaint.caseId), .text(complaint.about),
        .timestamp(complaint.receivedAt), .text(complaint.respondBy.description),
        .text(complaint.recordedBy),
        personalData.seal(complaint.summary, JourneyColumn.complaintSummary, rowID: id),
      ])
  }

  /// Complaint `id`, locked until the transaction ends; nil if unknown.
  func lock(_ id: String, today: CalendarDate, in session: PostgresSession) throws
    -> CaseComplaint?
  {
    guard UUID(uuidString: id) != nil else { return nil }
    return try read(
      "complaint_id = $1::uuid", [.text(id)], today: today, withPersonalData: false,
      suffix: "FOR UPDATE", in: session
    ).first
  }

  /// Marks complaint `id` acknowledged at `now`.
  func acknowledge(_ id: String, at now: Date, in session: PostgresSession) throws {
    try session.execute(
      """
      UPDATE \(s).complaints SET acknowledged_at = $2, status = 'acknowledged',
        revision = revision + 1
      WHERE complaint_id = $1::uuid
      """, [.text(id), .timestamp(now)])
  }

  /// Records the response to complaint `id`.
  func respond(
    _ id: String, outcome: ComplaintOutcome, response: String?, at now: Date,
    in session: PostgresSession
  ) throws {
    try session.execute(
      """
      UPDATE \(s).complaints SET status = 'responded', outcome = $2, responded_at = $3,
        acknowledged_at = COALESCE(acknowledged_at, $3), response = $4, revision = revision + 1
      WHERE complaint_id = $1::uuid
      """,
      [
        .text(id), .text(outcome.rawValue), .timestamp(now),
        personalData.seal(response, JourneyColumn.complaintResponse, rowID: id),
      ])
  }

  /// The complaints of `area` (of `caseId` only, when given), oldest first, judged against
  /// `today`; only those still awaiting a response when `openOnly`.
  func complaints(
    area: String, caseId: String? = nil, openOnly: Bool, today: CalendarDate,
    withPersonalData: Bool, in session: PostgresSession
  ) throws -> [CaseComplaint] {
    var condition = "area = $1"
    var binds: [PostgresBind] = [.text(area)]
    if let caseId {
      condition += " AND case_id = $2"
      binds.append(.text(caseId))
    }
    if openOnly { condition += " AND status <> 'responded'" }
    return try read(
      condition, binds, today: today, withPersonalData: withPersonalData, in: session)
  }

  private func read(
    _ condition: String, _ binds: [PostgresBind], today: CalendarDate, withPersonalData: Bool,
    suffix: String = "", in session: PostgresSession
  ) throws -> [CaseComplaint] {
    try session.query(
      """
      SELECT complaint_id::text, area, case_id, about, received_at, acknowledged_at,
        respond_by::text, status, outcome, responded_at, revision, recorded_by, summary, response
      FROM \(s).complaints WHERE \(condition) ORDER BY received_at, complaint_id \(suffix)
      """, binds
    ).rows.map { row in
      let id = try row.decode(0, as: String.self)
      func open(_ index: Int, _ column: SealedColumn) throws -> String? {
        withPersonalData ? try personalData.open(row.decode(index), column, rowID: id) : nil
      }
      let respondBy = try row.decode(6, as: CalendarDate.self)
      let status = try row.decodeCode(7, as: ComplaintStatus.self)
      return CaseComplaint(
        complaintId: id, area: try row.decode(1), caseId: try row.decode(2),
        about: try row.decode(3), receivedAt: try row.decode(4), acknowledgedAt: try row.decode(5),
        respondBy: respondBy, status: status, outcome: try row.decodeOptionalCode(8),
        respondedAt: try row.decode(9), revision: try row.decode(10),
        recordedBy: try row.decode(11), overdue: status != .responded && today > respondBy,
        summary: try open(12, JourneyColumn.complaintSummary),
        response: try open(13, JourneyColumn.complaintResponse))
    }
  }
}
