import EventContracts
import Foundation
import PostgresClient

/// Ending allocations, always inside the caller's transaction: each ends once (a conditional
/// update, so two replicas, or a redelivered event, cannot both end it), and its facilitator's
/// capacity is free again the moment the transaction commits (only open allocations count).
struct AllocationEndings: Sendable {
  let s: String

  /// Works on the tables in `schema`.
  init(schema: SchemaName) {
    s = schema.sql
  }

  /// An allocation that has just ended.
  struct Ended: Sendable, Equatable {
    var allocationId: String
    var caseId: String
    var facilitatorId: String
    var role: FacilitatorRole
    var area: String
  }

  /// Keeps `change` as case `change.caseId`'s latest stage when it is newer than the one
  /// kept; false when an equal or newer change was seen already (a duplicate, or one that
  /// arrived out of order), which must then change nothing.
  func recordStage(_ change: CaseStageChanged, in session: PostgresSession) throws -> Bool {
    try session.execute(
      """
      INSERT INTO \(s).case_stages (case_id, sequence, stage, changed_at)
      VALUES ($1, $2, $3, $4)
      ON CONFLICT (case_id) DO UPDATE
        SET sequence = EXCLUDED.sequence, stage = EXCLUDED.stage,
          changed_at = EXCLUDED.changed_at
        WHERE \(s).case_stages.sequence < EXCLUDED.sequence
      """,
      [
        .text(change.caseId), .int(Int64(change.sequence)), .text(change.stage.rawValue),
        .timestamp(change.changedAt),
      ]) == 1
  }

  /// The requests of `requests` whose case had already closed or been transferred when they
  /// arrive (the stage change overtook them): they must not be allocated.
  func casesEnded(
    before requests: [EventEnvelope<FacilitatorsRequested>], in session: PostgresSession
  ) throws -> Set<String> {
    guard !requests.isEmpty else { return [] }
    return Set(
      try session.query(
        """
        SELECT r.request_id
        FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS r (request_id, case_id, at)
        JOIN \(s).case_stages c ON c.case_id = r.case_id
        WHERE c.stage IN ('closed', 'transferred') AND c.changed_at >= r.at
        """,
        [
          .textArray(requests.map(\.data.requestId)), .textArray(requests.map(\.data.caseId)),
          .timestampArray(requests.map(\.data.requestedAt)),
        ]
      ).rows.map { try $0.decode(0, as: String.self) })
  }

  /// Records request `requestId` as decided without an allocation: its case had ended.
  func decideCaseEnded(_ requestId: String, at now: Date, in session: PostgresSession) throws {
    try session.execute(
      "UPDATE \(s).requests SET outcome = 'case-ended', decided_at = $2 WHERE request_id = $1",
      [.text(requestId), .timestamp(now)])
  }

  /// Ends, for `reason`, every open allocation of case `caseId` made at or before
  /// `madeBy` (the stage change's instant: an allocation made after it, for the case reopened
  /// since, is not the closed case's), at `now`.
  func endOpen(
    caseId: String, madeBy: Date, reason: AllocationEndReason, at now: Date,
    in session: PostgresSession
  ) throws -> [Ended] {
    try end(
      where: "a.case_id = $4 AND a.allocated_at <= $5",
      [.text(caseId), .timestamp(madeBy)], reason: reason, releaseReason: nil, at: now,
      in: session)
  }

  /// Ends open allocation `allocationId` as released for `releaseReason`, at `now`; nil when
  /// it is not open (never made, or ended already).
  func release(
    _ allocationId: String, for releaseReason: AllocationReleaseReason, at now: Date,
    in session: PostgresSession
  ) throws -> Ended? {
    try end(
      where: "a.allocation_id = $4", [.text(allocationId)], reason: .released,
      releaseReason: releaseReason, at: now, in: session
    ).first
  }

  /// Allocation `allocationId`'s case area and whether it is still open; nil when unknown.
  func allocation(_ allocationId: String, in session: PostgresSession) throws
    -> (area: String, open: Bool)?
  {
    try session.query(
      """
      SELECT r.area, a.status = 'open' FROM \(s).allocations a
      JOIN \(s).requests r USING (request_id) WHERE a.allocation_id = $1
      """, [.text(allocationId)]
    ).rows.first.map { (try $0.decode(0), try $0.decode(1)) }
  }

  /// The one statement that ends allocations: open ones matching `condition` (on `a`, the
  /// allocation, with its parameters from `$4`).
  private func end(
    where condition: String, _ parameters: [PostgresBind], reason: AllocationEndReason,
    releaseReason: AllocationReleaseReason?, at now: Date, in session: PostgresSession
  ) throws -> [Ended] {
    try session.query(
      """
      UPDATE \(s).allocations a
      SET status = 'closed', closed_at = $1, end_reason = $2, release_reason = $3
      FROM \(s).requests r
      WHERE r.request_id = a.request_id AND a.status = 'open' AND \(condition)
      RETURNING a.allocation_id, a.case_id, a.facilitator_id, a.role, r.area
      """,
      [.timestamp(now), .text(reason.rawValue), releaseReason.map { .text($0.rawValue) } ?? .null]
        + parameters
    ).rows.map {
      Ended(
        allocationId: try $0.decode(0), caseId: try $0.decode(1), facilitatorId: try $0.decode(2),
        role: FacilitatorRole(rawValue: try $0.decode(3)) ?? .lead, area: try $0.decode(4))
    }.sorted { $0.allocationId < $1.allocationId }
  }
}
