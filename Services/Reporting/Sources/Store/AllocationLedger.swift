import EventContracts
import PostgresClient

/// Records facilitator allocations made and ended, and requests left unfilled, inside the caller's
/// transaction. The facilitator's register id is not kept: no figure needs it (the offer an
/// allocation accepted is, for partnership engagement).
struct AllocationLedger: Sendable {
  let s: String

  /// A ledger over the tables of `schema`.
  init(schema: SchemaName) {
    s = schema.sql
  }

  /// Keeps an allocation (agency, role and the offer it accepted), once per allocation id.
  func recordAllocated(_ allocated: FacilitatorAllocated, area: String, in session: PostgresSession)
    throws
  {
    try session.execute(
      """
      INSERT INTO \(s).facilitator_allocations (allocation_id, request_id, case_id, area, agency,
        role, allocated_at, offer_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT (allocation_id) DO NOTHING
      """,
      [
        .text(allocated.allocationId), .text(allocated.requestId), .text(allocated.caseId),
        .text(area), .text(allocated.agency), .text(allocated.role.rawValue),
        .timestamp(allocated.allocatedAt), .optionalText(allocated.offerId),
      ])
  }

  /// Keeps an allocation's ending (its reason code), once per allocation id.
  func recordEnded(_ ended: AllocationEnded, area: String, in session: PostgresSession) throws {
    try session.execute(
      """
      INSERT INTO \(s).allocation_endings (allocation_id, case_id, area, reason, release_reason,
        ended_at)
      VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (allocation_id) DO NOTHING
      """,
      [
        .text(ended.allocationId), .text(ended.caseId), .text(area), .text(ended.reason.rawValue),
        ended.releaseReason.map { .text($0.rawValue) } ?? .null, .timestamp(ended.endedAt),
      ])
  }

  /// Keeps a request that could not be filled (its reason code), once per request id.
  func recordUnfilled(_ unfilled: AllocationUnfilled, area: String, in session: PostgresSession)
    throws
  {
    try session.execute(
      """
      INSERT INTO \(s).unfilled_allocations (request_id, case_id, area, reason, decided_at)
      VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (request_id) DO NOTHING
      """,
      [
        .text(unfilled.requestId), .text(unfilled.caseId), .text(area), .text(unfilled.reason),
        .timestamp(unfilled.decidedAt),
      ])
  }
}
