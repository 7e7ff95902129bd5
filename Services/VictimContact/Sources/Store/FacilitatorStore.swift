import EventContracts
import Foundation
import PostgresClient

/// The facilitators asked for a case and those allocated to it (register ids only).
struct FacilitatorStore: Sendable {
  let s: String

  init(schema: SchemaName) {
    s = schema.sql
  }

  /// Records that facilitators were requested for case `caseId` as `requestId`.
  func requested(
    _ requestId: String, caseId: String, at now: Date, in session: PostgresSession
  ) throws {
    try session.execute(
      """
      INSERT INTO \(s).facilitator_requests (request_id, case_id, requested_at, status)
      VALUES ($1, $2, $3, 'requested')
      ON CONFLICT (request_id) DO UPDATE SET requested_at = EXCLUDED.requested_at
      """, [.text(requestId), .text(caseId), .timestamp(now)])
  }

  /// Records an allocation (once) and marks its request allocated.
  func allocated(_ allocation: FacilitatorAllocated, in session: PostgresSession) throws {
    try session.execute(
      """
      INSERT INTO \(s).facilitator_allocations (allocation_id, request_id, case_id,
        facilitator_id, agency, role, allocated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (allocation_id) DO NOTHING
      """,
      [
        .text(allocation.allocationId), .text(allocation.requestId), .text(allocation.caseId),
        .text(allocation.facilitatorId), .text(allocation.agency),
        .text(allocation.role.rawValue), .timestamp(allocation.allocatedAt),
      ])
    try session.execute(
      """
      INSERT INTO \(s).facilitator_requests (request_id, case_id, status, decided_at)
      VALUES ($1, $2, 'allocated', $3)
      ON CONFLICT (request_id) DO UPDATE SET status = 'allocated', unfilled_reason = NULL,
        decided_at = EXCLUDED.decided_at
      """,
      [.text(allocation.requestId), .text(allocation.caseId), .timestamp(allocation.allocatedAt)])
  }

  /// Marks a request unfilled with its reason code, unless someone was allocated meanwhile.
  func unfilled(_ unfilled: AllocationUnfilled, in session: PostgresSession) throws {
    try session.execute(
      """
      INSERT INTO \(s).facilitator_requests (request_id, case_id, status, unfilled_reason,
        decided_at)
      VALUES ($1, $2, 'unfilled', $3, $4)
      ON CONFLICT (request_id) DO UPDATE SET status = 'unfilled',
        unfilled_reason = EXCLUDED.unfilled_reason, decided_at = EXCLUDED.decided_at
      WHERE \(s).facilitator_requests.status <> 'allocated'
      """,
      [
        .text(unfilled.requestId), .text(unfilled.caseId), .text(unfilled.reason),
        .timestamp(unfilled.decidedAt),
      ])
  }

  /// Whether facilitator `facilitatorId` is allocated to case `caseId`.
  func isAllocated(_ facilitatorId: String, to caseId: String, in session: PostgresSession)
    throws -> Bool
  {
    try !session.query(
      """
      SELECT 1 FROM \(s).facilitator_allocations WHERE case_id = $1 AND facilitator_id = $2
      LIMIT 1
      """, [.text(caseId), .text(facilitatorId)]
    ).rows.isEmpty
  }

  /// Case `caseId`'s facilitator requests, oldest first.
  func requests(of caseId: String, in session: PostgresSession) throws
    -> [CaseSummary.FacilitatorRequest]
  {
    try session.query(
      """
      SELECT request_id, status, unfilled_reason, requested_at, decided_at
      FROM \(s).facilitator_requests WHERE case_id = $1 ORDER BY requested_at, request_id
      """, [.text(caseId)]
    ).rows.map { row in
      CaseSummary.FacilitatorRequest(
        requestId: try row.decode(0), status: try row.decode(1), unfilledReason: try row.decode(2),
        requestedAt: try row.decode(3), decidedAt: try row.decode(4))
    }
  }

  /// Case `caseId`'s allocated facilitators, in allocation order.
  func allocations(of caseId: String, in session: PostgresSession) throws
    -> [CaseSummary.Facilitator]
  {
    try session.query(
      """
      SELECT facilitator_id, role, agency, allocated_at
      FROM \(s).facilitator_allocations WHERE case_id = $1 ORDER BY allocated_at, allocation_id
      """, [.text(caseId)]
    ).rows.map { row in
      CaseSummary.Facilitator(
        facilitatorId: try row.decode(0), role: try row.decode(1), agency: try row.decode(2),
        allocatedAt: try row.decode(3))
    }
  }
}
