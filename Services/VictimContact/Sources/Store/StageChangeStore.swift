import EventContracts
import Foundation
import PostgresClient

/// A case's stage changes, each with who made it, when and why: the journey's history, from
/// which time in each stage is derived (``StageHistory``).
struct StageChangeStore: Sendable {
  let s: String
  let personalData: CasePersonalData

  init(schema: SchemaName, personalData: CasePersonalData) {
    s = schema.sql
    self.personalData = personalData
  }

  /// One recorded change.
  struct Change: Encodable, Sendable, Equatable {
    var sequence: Int
    var from: CaseStage
    var to: CaseStage
    var move: StageMove
    var changedAt: Date
    /// Who (their subject, never a name) and in which role.
    var changedBy: String
    var role: String
    var closureReason: ClosureReason?
    var unsuitableReason: UnsuitableReason?
    /// Why, in words (personal data, sealed at rest).
    var reason: String?
  }

  /// Records `change` of case `caseId`.
  func record(_ change: Change, caseId: String, in session: PostgresSession) throws {
    try session.execute(
      """
      INSERT INTO \(s).case_stage_changes (case_id, sequence, from_stage, to_stage, move,
        changed_at, changed_by, acting_role, closure_reason, unsuitable_reason, reason)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
      """,
      [
        .text(caseId), .int(Int64(change.sequence)), .text(change.from.rawValue),
        .text(change.to.rawValue), .text(change.move.rawValue), .timestamp(change.changedAt),
        .text(change.changedBy), .text(change.role),
        .optionalText(change.closureReason?.rawValue),
        .optionalText(change.unsuitableReason?.rawValue),
        personalData.seal(
          change.reason, JourneyColumn.stageReason, rowID: "\(caseId)/\(change.sequence)"),
      ])
  }

  /// Case `caseId`'s changes, oldest first, reasons opened only `withReasons`.
  func changes(of caseId: String, withReasons: Bool, in session: PostgresSession) throws
    -> [Change]
  {
    try session.query(
      """
      SELECT sequence, from_stage, to_stage, move, changed_at, changed_by, acting_role,
        closure_reason, unsuitable_reason, reason
      FROM \(s).case_stage_changes WHERE case_id = $1 ORDER BY sequence
      """, [.text(caseId)]
    ).rows.map { row in
      let sequence = try row.decode(0, as: Int.self)
      return Change(
        sequence: sequence, from: try row.decodeCode(1), to: try row.decodeCode(2),
        move: try row.decodeCode(3), changedAt: try row.decode(4), changedBy: try row.decode(5),
        role: try row.decode(6), closureReason: try row.decodeOptionalCode(7),
        unsuitableReason: try row.decodeOptionalCode(8),
        reason: withReasons
          ? try personalData.open(
            row.decode(9), JourneyColumn.stageReason, rowID: "\(caseId)/\(sequence)") : nil)
    }
  }
}
