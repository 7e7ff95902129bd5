import DurableMessaging
import EventContracts
import Foundation
import PostgresClient

/// intake's record of which cases are still worked, from victim-contact's
/// `case.stage-changed.v1`: the latest stage of each case (by the change's `sequence`, so a
/// change delivered twice or late never overwrites a newer one). A referral whose matching
/// case is closed or transferred opens a new case linked to it (``ReferralStore/caseMatch(for:keys:in:)``).
struct CaseStageRecorder: Sendable {
  let s: String

  /// Records into the tables of `schema`.
  init(schema: SchemaName) {
    s = schema.sql
  }

  /// The stages after which a case is no longer worked in its area, so a new referral of its
  /// victim and crime is a new case: `closed` and `transferred`.
  static let endedStages: [CaseStage] = [.closed, .transferred]

  /// The events `intake.case-stages` is bound to and how each is handled: the queue's
  /// bindings are made from this table, so an event is bound exactly when it is handled.
  static let routes = EventRoutes<CaseStageRecorder>()
    .onBatch(CaseStageChanged.self) { handlers, batch, context in
      let recorded = try handlers.record(batch.map(\.event.data), in: context.session)
      context.logger.debug(
        "case stages recorded", metadata: ["changes": "\(batch.count)", "newer": "\(recorded)"])
    }

  /// The router of ``routes`` with these handlers.
  func router() -> EventRouter { Self.routes.router(for: self) }

  /// Keeps each case's latest stage among `changes` and those seen before, in one statement;
  /// returns how many rows changed.
  @discardableResult
  func record(_ changes: [CaseStageChanged], in session: PostgresSession) throws -> Int {
    guard !changes.isEmpty else { return 0 }
    return try session.execute(
      """
      INSERT INTO \(s).case_stages (case_id, sequence, stage)
      SELECT DISTINCT ON (case_id) case_id, sequence, stage
      FROM unnest($1::text[], $2::int[], $3::text[]) AS c (case_id, sequence, stage)
      ORDER BY case_id, sequence DESC
      ON CONFLICT (case_id) DO UPDATE SET sequence = EXCLUDED.sequence, stage = EXCLUDED.stage
        WHERE \(s).case_stages.sequence < EXCLUDED.sequence
      """,
      [
        .textArray(changes.map(\.caseId)), .intArray(changes.map { Int64($0.sequence) }),
        .textArray(changes.map(\.stage.rawValue)),
      ])
  }
}
