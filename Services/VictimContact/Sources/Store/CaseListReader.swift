import EventContracts
import Foundation
import PostgresClient

/// Finds cases for the case list: codes, ids and counts only.
struct CaseListReader: Sendable {
  let s: String

  init(schema: SchemaName) {
    s = schema.sql
  }

  /// One case in a list.
  struct Entry: Encodable, Sendable {
    var caseId: String
    var area: String
    var stage: String
    var referralId: String?
    var district: String?
    var offenceCategory: String?
    var receivedAt: Date?
    var assignedTo: String?
    var openTasks: Int
    var overdueTasks: Int
  }

  func cases(
    in areas: [String], stage: CaseStage?, assignedTo: String?, search: String?,
    today: CalendarDate, in session: PostgresSession
  ) throws -> [Entry] {
    try session.query(
      """
      SELECT c.case_id, c.area, c.stage, c.referral_id, c.district, c.offence_category,
        c.received_at, c.assigned_to,
        (SELECT count(*) FROM \(s).tasks t WHERE t.case_id = c.case_id AND t.status = 'open'),
        (SELECT count(*) FROM \(s).tasks t
          WHERE t.case_id = c.case_id AND t.status = 'open' AND t.due_on < $5::date)
      FROM \(s).cases c
      WHERE c.area = ANY($1::text[]) AND c.opened_recorded_at IS NOT NULL
        AND ($2::text IS NULL OR c.stage = $2)
        AND ($3::text IS NULL OR c.assigned_to = $3)
        AND ($4::text IS NULL OR upper(c.case_id) LIKE upper($4) || '%'
          OR upper(c.referral_id) LIKE upper($4) || '%')
      ORDER BY c.received_at DESC, c.case_id LIMIT 200
      """,
      [
        .textArray(areas), .optionalText(stage?.rawValue), .optionalText(assignedTo),
        .optionalText(search.map(Self.escapeLike)), .text(today.description),
      ]
    ).rows.map { row in
      Entry(
        caseId: try row.decode(0), area: try row.decode(1), stage: try row.decode(2),
        referralId: try row.decode(3), district: try row.decode(4),
        offenceCategory: try row.decode(5), receivedAt: try row.decode(6),
        assignedTo: try row.decode(7), openTasks: try row.decode(8),
        overdueTasks: try row.decode(9))
    }
  }

  /// `text` with LIKE's wildcards taken literally.
  static func escapeLike(_ text: String) -> String {
    text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
      .replacingOccurrences(of: "_", with: "\\_")
  }
}
