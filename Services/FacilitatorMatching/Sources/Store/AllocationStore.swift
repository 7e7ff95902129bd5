import EventContracts
import Foundation
import PostgresClient

/// The requests for facilitators, their allocations, and the locking of candidates, always
/// inside the caller's (the inbox's) transaction.
///
/// Lock order, the same in every transaction so two replicas never deadlock: first the
/// requests' claims in request-id order, then the candidates' register rows in
/// facilitator-id order (one statement). A transaction holding a facilitator's row is the
/// only one allocating them until it commits, and it counts their open allocations after
/// taking the lock, so it sees everything committed before: capacity is never exceeded.
struct AllocationStore: Sendable {
  let s: String
  let personalData: RegisterPersonalData

  /// Works on the tables in `schema`, opening candidates' names with `personalData`.
  init(schema: SchemaName, personalData: RegisterPersonalData) {
    s = schema.sql
    self.personalData = personalData
  }

  /// Claims `requests` (at most one per request id) for this transaction, in request-id
  /// order, returning the ids it claimed. A request already claimed, by a committed
  /// transaction or one still running (this waits for it), is not returned: it is decided
  /// once.
  func claim(_ requests: [EventEnvelope<FacilitatorsRequested>], in session: PostgresSession)
    throws -> Set<String>
  {
    guard !requests.isEmpty else { return [] }
    let rows = try session.query(
      """
      INSERT INTO \(s).requests (request_id, case_id, area, requested_at)
      SELECT request_id, case_id, area, requested_at
      FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[])
        AS r (request_id, case_id, area, requested_at)
      ORDER BY request_id
      ON CONFLICT (request_id) DO NOTHING
      RETURNING request_id
      """,
      [
        .textArray(requests.map(\.data.requestId)), .textArray(requests.map(\.data.caseId)),
        .textArray(requests.map(\.area)), .timestampArray(requests.map(\.data.requestedAt)),
      ]
    ).rows
    return Set(try rows.map { try $0.decode(0, as: String.self) })
  }

  /// Every active facilitator covering any of `areas`, locked until the transaction ends
  /// (in facilitator-id order), with their open allocations counted once the locks are held.
  func lockCandidates(covering areas: [String], in session: PostgresSession) throws
    -> [Candidate]
  {
    let locked = try session.query(
      """
      SELECT \(FacilitatorRegistration.columns())
      FROM \(s).facilitators
      WHERE active AND areas && $1::text[]
      ORDER BY facilitator_id
      FOR UPDATE
      """, [.textArray(areas)]
    ).rows.map {
      Candidate(
        facilitator: try FacilitatorRegistration(row: $0, personalData: personalData),
        openAllocations: 0)
    }
    guard !locked.isEmpty else { return [] }
    // A statement of its own, so its snapshot is taken after the locks were granted.
    var open: [String: Int] = [:]
    for row in try session.query(
      """
      SELECT facilitator_id, count(*) FROM \(s).allocations
      WHERE status = 'open' AND facilitator_id = ANY ($1::text[])
      GROUP BY facilitator_id
      """, [.textArray(locked.map(\.facilitatorId))]
    ).rows {
      open[try row.decode(0, as: String.self)] = try row.decode(1, as: Int.self)
    }
    return locked.map { candidate in
      var candidate = candidate
      candidate.openAllocations = open[candidate.facilitatorId] ?? 0
      return candidate
    }
  }

  /// Records `facilitatorId` in `role` on request `requestId` of case `caseId` as allocation
  /// `allocationId`, open; false if the request already has someone in that role.
  func allocate(
    _ allocationId: String, requestId: String, caseId: String, facilitatorId: String,
    role: FacilitatorRole, at now: Date, in session: PostgresSession
  ) throws -> Bool {
    try session.execute(
      """
      INSERT INTO \(s).allocations (allocation_id, request_id, case_id, facilitator_id, role,
        allocated_at)
      VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT DO NOTHING
      """,
      [
        .text(allocationId), .text(requestId), .text(caseId), .text(facilitatorId),
        .text(role.rawValue), .timestamp(now),
      ]) == 1
  }

  /// Records how request `requestId` was decided: allocated, or unfilled for `reason`.
  func decide(
    _ requestId: String, unfilled reason: UnfilledReason?, at now: Date,
    in session: PostgresSession
  ) throws {
    try session.execute(
      """
      UPDATE \(s).requests SET outcome = $2, unfilled_reason = $3, decided_at = $4
      WHERE request_id = $1
      """,
      [
        .text(requestId), .text(reason == nil ? "allocated" : "unfilled"),
        reason.map { .text($0.rawValue) } ?? .null, .timestamp(now),
      ])
  }
}
