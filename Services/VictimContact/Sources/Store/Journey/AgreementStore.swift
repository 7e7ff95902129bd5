import EventContracts
import Foundation
import PostgresClient

/// An outcome agreement: items with who does what by when, each monitored to done or not
/// done.
struct CaseAgreement: Encodable, Sendable, Equatable {
  var agreementId: String
  var madeOn: CalendarDate
  var revision: Int
  var recordedAt: Date
  var recordedBy: String
  var items: [Item]

  /// One agreed item.
  struct Item: Encodable, Sendable, Equatable {
    var itemId: String
    var kind: AgreementItemKind
    /// The participant who does it.
    var responsible: String
    var dueOn: CalendarDate
    var status: AgreementItemStatus
    var settledOn: CalendarDate?
    /// What was agreed (personal data; staff only).
    var description: String?
  }
}

/// Reads and writes of `outcome_agreements` and `agreement_items`, inside the caller's
/// transaction.
struct AgreementStore: Sendable {
  let s: String
  let personalData: CasePersonalData

  init(schema: SchemaName, personalData: CasePersonalData) {
    s = schema.sql
    self.personalData = personalData
  }

  /// Records `agreement` of case `caseId` with its items.
  func make(_ agreement: CaseAgreement, caseId: String, in session: PostgresSession) throws {
    try session.execute(
      """
      INSERT INTO \(s).outcome_agreements (agreement_id, case_id, made_on, revision,
        recorded_at, recorded_by)
      VALUES ($1::uuid, $2, $3::date, 1, $4, $5)
      """,
      [
        .text(agreement.agreementId), .text(caseId), .text(agreement.madeOn.description),
        .timestamp(agreement.recordedAt), .text(agreement.recordedBy),
      ])
    for (position, item) in agreement.items.enumerated() {
      try session.execute(
        """
        INSERT INTO \(s).agreement_items (item_id, agreement_id, position, kind, responsible,
          due_on, status, description)
        VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6::date, 'open', $7)
        """,
        [
          .text(item.itemId), .text(agreement.agreementId), .int(Int64(position)),
          .text(item.kind.rawValue), .text(item.responsible), .text(item.dueOn.description),
          personalData.seal(item.description, JourneyColumn.itemDescription, rowID: item.itemId),
        ])
    }
  }

  /// An open agreement item past its due date, claimed to have its task raised.
  struct OverdueItem: Sendable, Equatable {
    var itemId: String
    var caseId: String
    var area: String
    var dueOn: CalendarDate
  }

  /// Claims up to `limit` open items due before `today` whose task was not raised yet,
  /// marking them raised at `now` (rows another replica holds are skipped), so each item
  /// raises its task once whatever the number of replicas.
  func claimOverdue(today: CalendarDate, now: Date, limit: Int, in session: PostgresSession)
    throws -> [OverdueItem]
  {
    try session.query(
      """
      WITH due AS (
        SELECT i.item_id FROM \(s).agreement_items i
        WHERE i.status = 'open' AND i.overdue_task_at IS NULL AND i.due_on < $1::date
        ORDER BY i.due_on, i.item_id LIMIT $3 FOR UPDATE SKIP LOCKED
      )
      UPDATE \(s).agreement_items i SET overdue_task_at = $2
      FROM due, \(s).outcome_agreements a, \(s).cases c
      WHERE i.item_id = due.item_id AND a.agreement_id = i.agreement_id AND c.case_id = a.case_id
      RETURNING i.item_id::text, a.case_id, c.area, i.due_on
      """, [.text(today.description), .timestamp(now), .int(Int64(limit))]
    ).rows.map {
      OverdueItem(
        itemId: try $0.decode(0), caseId: try $0.decode(1), area: try $0.decode(2),
        dueOn: try $0.decode(3, as: CalendarDate.self))
    }
  }

  /// The task an overdue item `itemId` of case `caseId` raises.
  static func overdueTaskId(caseId: String, itemId: String) -> String {
    "\(caseId)/agreement-item/\(itemId.lowercased())"
  }

  /// What settling an item found.
  enum Settlement: Sendable, Equatable {
    case settled, alreadySettled, unknown
  }

  /// Settles open item `itemId` of agreement `agreementId` of case `caseId` as `status` on
  /// `day`, raising the agreement's revision.
  func settle(
    item itemId: String, of agreementId: String, caseId: String, as status: AgreementItemStatus,
    on day: CalendarDate, in session: PostgresSession
  ) throws -> Settlement {
    guard UUID(uuidString: itemId) != nil, UUID(uuidString: agreementId) != nil else {
      return .unknown
    }
    let current = try session.query(
      """
      SELECT i.status FROM \(s).agreement_items i
      JOIN \(s).outcome_agreements a ON a.agreement_id = i.agreement_id
      WHERE i.item_id = $1::uuid AND a.agreement_id = $2::uuid AND a.case_id = $3
      FOR UPDATE OF i
      """, [.text(itemId), .text(agreementId), .text(caseId)]
    ).rows.first.map { try $0.decode(0, as: String.self) }
    guard let current else { return .unknown }
    guard current == AgreementItemStatus.open.rawValue else { return .alreadySettled }
    try session.execute(
      """
      UPDATE \(s).agreement_items SET status = $2, settled_on = $3::date
      WHERE item_id = $1::uuid
      """, [.text(itemId), .text(status.rawValue), .text(day.description)])
    try session.execute(
      "UPDATE \(s).outcome_agreements SET revision = revision + 1 WHERE agreement_id = $1::uuid",
      [.text(agreementId)])
    return .settled
  }

  /// Agreement `agreementId` of case `caseId`, descriptions only `withPersonalData`.
  func agreement(
    _ agreementId: String, of caseId: String, withPersonalData: Bool,
    in session: PostgresSession
  ) throws -> CaseAgreement? {
    guard UUID(uuidString: agreementId) != nil else { return nil }
    return try read(
      "case_id = $1 AND agreement_id = $2::uuid", [.text(caseId), .text(agreementId)],
      withPersonalData, in: session
    ).first
  }

  /// Case `caseId`'s agreements, oldest first.
  func agreements(of caseId: String, withPersonalData: Bool, in session: PostgresSession) throws
    -> [CaseAgreement]
  {
    try read("case_id = $1", [.text(caseId)], withPersonalData, in: session)
  }

  private func read(
    _ condition: String, _ binds: [PostgresBind], _ withPersonalData: Bool,
    in session: PostgresSession
  ) throws -> [CaseAgreement] {
    try session.query(
      """
      SELECT agreement_id::text, made_on::text, revision, recorded_at, recorded_by
      FROM \(s).outcome_agreements WHERE \(condition) ORDER BY recorded_at, agreement_id
      """, binds
    ).rows.map { row in
      let id = try row.decode(0, as: String.self)
      return CaseAgreement(
        agreementId: id, madeOn: try row.decode(1, as: CalendarDate.self),
        revision: try row.decode(2),
        recordedAt: try row.decode(3), recordedBy: try row.decode(4),
        items: try items(of: id, withPersonalData: withPersonalData, in: session))
    }
  }

  private func items(of agreementId: String, withPersonalData: Bool, in session: PostgresSession)
    throws -> [CaseAgreement.Item]
  {
    try session.query(
      """
      SELECT item_id::text, kind, responsible, due_on::text, status, settled_on::text,
        description
      FROM \(s).agreement_items WHERE agreement_id = $1::uuid ORDER BY position
      """, [.text(agreementId)]
    ).rows.map { row in
      let id = try row.decode(0, as: String.self)
      return CaseAgreement.Item(
        itemId: id, kind: try row.decodeCode(1), responsible: try row.decode(2),
        dueOn: try row.decode(3, as: CalendarDate.self), status: try row.decodeCode(4),
        settledOn: try row.decode(5, as: String?.self).flatMap(CalendarDate.init),
        description: withPersonalData
          ? try personalData.open(row.decode(6), JourneyColumn.itemDescription, rowID: id) : nil)
    }
  }
}
