import EventContracts
import Foundation
import HubAreas
import PostgresClient

/// The requests for facilitators, their allocations, and the locking of candidates, always
/// inside the caller's transaction.
///
/// Lock order, the same in every transaction so two replicas never deadlock: first the
/// requests (claimed or locked in request-id order), then their offers, then the allocation
/// locks of the areas involved (advisory, in key order, one statement). A transaction holding
/// an area's lock is the only one offering or allocating its facilitators until it commits,
/// and it counts their open allocations and pending offers after taking the lock, so it sees
/// everything committed before: capacity is never exceeded.
struct AllocationStore: Sendable {
  let s: String
  let personalData: RegisterPersonalData

  /// Works on the tables in `schema`, opening chosen facilitators' names with `personalData`.
  init(schema: SchemaName, personalData: RegisterPersonalData) {
    s = schema.sql
    self.personalData = personalData
  }

  /// A request as a decision needs it.
  struct Request: Sendable, Equatable {
    var requestId: String
    var caseId: String
    var area: String
    var needs: PairRequirements
    var outcome: String?
    var explanation: AllocationExplanation?
  }

  /// Claims `requests` (at most one per request id) for this transaction with their `needs`,
  /// in request-id order, returning the ids it claimed. A request already claimed, by a
  /// committed transaction or one still running (this waits for it), is not returned: it is
  /// decided once.
  func claim(
    _ requests: [(event: EventEnvelope<FacilitatorsRequested>, needs: PairRequirements)],
    in session: PostgresSession
  ) throws -> Set<String> {
    guard !requests.isEmpty else { return [] }
    let rows = try session.query(
      """
      INSERT INTO \(s).requests (request_id, case_id, area, requested_at, needs)
      SELECT request_id, case_id, area, requested_at, needs
      FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[])
        AS r (request_id, case_id, area, requested_at, needs)
      ORDER BY request_id
      ON CONFLICT (request_id) DO NOTHING
      RETURNING request_id
      """,
      [
        .textArray(requests.map(\.event.data.requestId)),
        .textArray(requests.map(\.event.data.caseId)), .textArray(requests.map(\.event.area)),
        .timestampArray(requests.map(\.event.data.requestedAt)),
        .textArray(try requests.map { try Self.json($0.needs) }),
      ]
    ).rows
    return Set(try rows.map { try $0.decode(0, as: String.self) })
  }

  /// Request `requestId`, locked until the transaction ends; nil when unknown, or when
  /// `skipLocked` and another transaction holds it.
  func lockRequest(_ requestId: String, skipLocked: Bool = false, in session: PostgresSession)
    throws -> Request?
  {
    try session.query(
      """
      SELECT request_id, case_id, area, needs, outcome, explanation FROM \(s).requests
      WHERE request_id = $1 FOR UPDATE\(skipLocked ? " SKIP LOCKED" : "")
      """, [.text(requestId)]
    ).rows.first.map(Self.request)
  }

  /// Request `requestId` as stored, not locked; nil when unknown.
  func request(_ requestId: String, in session: PostgresSession) throws -> Request? {
    try session.query(
      """
      SELECT request_id, case_id, area, needs, outcome, explanation FROM \(s).requests
      WHERE request_id = $1
      """, [.text(requestId)]
    ).rows.first.map(Self.request)
  }

  /// The requests of case `caseId`, oldest first.
  func requests(ofCase caseId: String, in session: PostgresSession) throws -> [Request] {
    try session.query(
      """
      SELECT request_id, case_id, area, needs, outcome, explanation FROM \(s).requests
      WHERE case_id = $1 ORDER BY requested_at, request_id
      """, [.text(caseId)]
    ).rows.map(Self.request)
  }

  /// Unfilled requests whose area's register changed after they were decided (someone may
  /// serve them now), oldest decision first.
  func unfilledToRetry(limit: Int, in session: PostgresSession) throws -> [String] {
    try session.query(
      """
      SELECT r.request_id FROM \(s).requests r
      WHERE r.outcome = 'unfilled' AND EXISTS (
        SELECT 1 FROM \(s).facilitators f
        WHERE r.area = ANY (f.areas) AND f.updated_at > r.decided_at)
      ORDER BY r.decided_at LIMIT $1
      """, [.int(Int64(limit))]
    ).rows.map { try $0.decode(0) }
  }

  /// Every active facilitator covering any of `areas`, with their open allocations, pending
  /// offers, and conferences since `yearBefore`, read once this transaction holds the
  /// allocation lock of each area involved (``lockAreas(_:in:)``): the requests' areas and every
  /// other area their facilitators cover, since capacity is shared across areas. Names and
  /// emails are not opened.
  func lockCandidates(
    covering areas: [String], conferencesSince yearBefore: CalendarDate,
    in session: PostgresSession
  ) throws -> [Candidate] {
    let shared = try session.query(
      """
      SELECT DISTINCT a FROM \(s).facilitators f, unnest(f.areas) a
      WHERE f.active AND f.areas && $1::text[]
      """, [.textArray(areas)]
    ).rows.map { try $0.decode(0, as: String.self) }
    try lockAreas(Set(areas + shared).sorted(), in: session)
    let locked = try session.query(
      """
      SELECT \(FacilitatorRegistration.columns())
      FROM \(s).facilitators
      WHERE active AND areas && $1::text[]
      ORDER BY facilitator_id
      """, [.textArray(areas)]
    ).rows.map {
      Candidate(
        facilitator: try FacilitatorRegistration(row: $0, personalData: nil), openAllocations: 0,
        sealedContact: .init(name: try $0.decode(1), email: try $0.decode(2)))
    }
    guard !locked.isEmpty else { return [] }
    // Statements of their own, their snapshots taken after the locks were granted.
    var open: [String: Int] = [:]
    var pending: [String: Int] = [:]
    var conferences: [String: Int] = [:]
    for row in try session.query(
      """
      SELECT 'open', facilitator_id, count(*) FROM \(s).allocations
      WHERE status = 'open' AND facilitator_id = ANY ($1::text[]) GROUP BY facilitator_id
      UNION ALL
      SELECT 'pending', facilitator_id, count(*) FROM \(s).offers
      WHERE status = 'offered' AND facilitator_id = ANY ($1::text[]) GROUP BY facilitator_id
      UNION ALL
      SELECT 'conferences', f, count(*) FROM \(s).conferences c, unnest(c.facilitator_ids) f
      WHERE c.delivered_on >= $2::date AND c.facilitator_ids && $1::text[]
        AND f = ANY ($1::text[])
      GROUP BY f
      """, [.textArray(locked.map(\.facilitatorId)), .text(yearBefore.description)]
    ).rows {
      let id = try row.decode(1, as: String.self)
      let count = try row.decode(2, as: Int.self)
      switch try row.decode(0, as: String.self) {
      case "open": open[id] = count
      case "pending": pending[id] = count
      default: conferences[id] = count
      }
    }
    return locked.map { candidate in
      var candidate = candidate
      candidate.openAllocations = open[candidate.facilitatorId] ?? 0
      candidate.pendingOffers = pending[candidate.facilitatorId] ?? 0
      candidate.conferencesInYear = conferences[candidate.facilitatorId] ?? 0
      return candidate
    }
  }

  /// Takes the allocation lock of each of `areas` until the transaction ends, in one order
  /// (by key) so two transactions never deadlock: whoever holds an area's lock is the only one
  /// deciding who in that area is offered or allocated, so loads counted after taking it stay
  /// true until commit. An advisory lock, not row locks: taking it writes nothing.
  func lockAreas(_ areas: [String], in session: PostgresSession) throws {
    guard !areas.isEmpty else { return }
    _ = try session.query(
      """
      SELECT pg_advisory_xact_lock(k)
      FROM (SELECT DISTINCT hashtextextended('rjhub.allocation:' || a, 0) AS k
            FROM unnest($1::text[]) a ORDER BY k) keys
      """, [.textArray(areas)])
  }

  /// Facilitator `facilitatorId`'s name and email, opened, for their allocation notice.
  func contact(of facilitatorId: String, in session: PostgresSession) throws
    -> (name: String, email: String)?
  {
    try session.query(
      "SELECT display_name, email FROM \(s).facilitators WHERE facilitator_id = $1",
      [.text(facilitatorId)]
    ).rows.first.map {
      try personalData.opened(
        name: try $0.decode(0), email: try $0.decode(1), facilitatorId: facilitatorId)
    }
  }

  /// Facilitator `facilitatorId`'s kind; nil when unknown.
  func kind(of facilitatorId: String, in session: PostgresSession) throws -> FacilitatorKind? {
    try session.query(
      "SELECT kind FROM \(s).facilitators WHERE facilitator_id = $1", [.text(facilitatorId)]
    ).rows.first.flatMap { FacilitatorKind(rawValue: try $0.decode(0)) }
  }

  /// Records `facilitatorId` in `role` on request `requestId` of case `caseId` as allocation
  /// `allocationId`, open; false if that part is open already.
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

  /// The open allocations of request `requestId`: part → (allocation id, facilitator).
  func openAllocations(of requestId: String, in session: PostgresSession) throws
    -> [FacilitatorRole: (allocationId: String, facilitatorId: String)]
  {
    var parts: [FacilitatorRole: (String, String)] = [:]
    for row in try session.query(
      """
      SELECT role, allocation_id, facilitator_id FROM \(s).allocations
      WHERE request_id = $1 AND status = 'open'
      """, [.text(requestId)]
    ).rows {
      if let role = FacilitatorRole(rawValue: try row.decode(0)) {
        parts[role] = (try row.decode(1), try row.decode(2))
      }
    }
    return parts
  }

  /// Records how request `requestId` stands (`offered`, `allocated` or `unfilled`) and why.
  func decide(
    _ requestId: String, outcome: String, unfilledReason: String?,
    explanation: AllocationExplanation?, at now: Date, in session: PostgresSession
  ) throws {
    try session.execute(
      """
      UPDATE \(s).requests SET outcome = $2, unfilled_reason = $3, decided_at = $4,
        explanation = coalesce($5, explanation)
      WHERE request_id = $1
      """,
      [
        .text(requestId), .text(outcome), unfilledReason.map { .text($0) } ?? .null,
        .timestamp(now), try explanation.map { .text(try Self.json($0)) } ?? .null,
      ])
  }

  /// Keeps a supervisor's override of request `requestId`: who, and their reason sealed.
  func recordOverride(
    _ requestId: String, by subject: String, reason: String, in session: PostgresSession
  ) throws {
    try session.execute(
      "UPDATE \(s).requests SET overridden_by = $2, override_reason = $3 WHERE request_id = $1",
      [
        .text(requestId), .text(subject),
        .text(
          personalData.sealer.seal(
            reason, context: RegisterPersonalData.overrideReason.context(rowID: requestId))),
      ])
  }

  /// Keeps the highest revision of a conference (an intervention of kind conference), with
  /// its facilitators and the day it was delivered (none unless delivered).
  func recordConference(_ intervention: InterventionRecorded, in session: PostgresSession)
    throws
  {
    let delivered =
      intervention.status == .delivered
      ? (intervention.deliveredAt ?? intervention.plannedFor) : nil
    try session.execute(
      """
      INSERT INTO \(s).conferences (intervention_id, case_id, facilitator_ids, delivered_on,
        revision)
      VALUES ($1, $2, $3::text[], $4::date, $5)
      ON CONFLICT (intervention_id) DO UPDATE SET facilitator_ids = EXCLUDED.facilitator_ids,
        delivered_on = EXCLUDED.delivered_on, revision = EXCLUDED.revision
      WHERE \(s).conferences.revision < EXCLUDED.revision
      """,
      [
        .text(intervention.interventionId), .text(intervention.caseId),
        .textArray(intervention.facilitatorIds),
        delivered.map { .text(LondonDay.of($0).description) } ?? .null,
        .int(Int64(intervention.revision)),
      ])
  }

  static func request(_ row: PostgresRow) throws -> Request {
    let needs = try row.decode(3, as: String?.self)
    let explanation = try row.decode(5, as: String?.self)
    return Request(
      requestId: try row.decode(0), caseId: try row.decode(1), area: try row.decode(2),
      needs: try needs.map { try Self.decode(PairRequirements.self, $0) }
        ?? PairRequirements(
          area: try row.decode(2), district: nil, caseTypes: [], languages: ["en"],
          culturalNeeds: [], marks: []),
      outcome: try row.decode(4, as: String?.self),
      explanation: try explanation.map { try Self.decode(AllocationExplanation.self, $0) })
  }

  static func json(_ value: some Encodable) throws -> String {
    String(decoding: try EventCoding.encoder.encode(value), as: UTF8.self)
  }

  static func decode<T: Decodable>(_: T.Type, _ text: String) throws -> T {
    try EventCoding.decoder.decode(T.self, from: Data(text.utf8))
  }
}
