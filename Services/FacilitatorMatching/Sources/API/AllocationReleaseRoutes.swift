import AccessControl
import DurableMessaging
import EventContracts
import Foundation
import Hummingbird
import PostgresClient
import ServiceRuntime

/// Releasing a facilitator from a case, behind the ``AccessGate``:
///
/// - `POST /allocations/{allocationId}/release` `{"reason": "facilitator-unavailable"}` (case
///   workers and supervisors of the case's area): ends the open allocation once, gives the
///   facilitator's capacity back and announces `allocation.ended.v1` (reason `released`, the
///   code as `releaseReason`) in the same transaction, audited. 200 with the ending; 400
///   naming `/reason` when it is missing or not one of ``AllocationReleaseReason``; 403 for
///   another role or area; 404 for no such allocation; 409 when it has ended already.
struct AllocationReleaseRoutes: Sendable {
  let gate: AccessGate
  let endings: AllocationEndings
  let accessLog: RegisterAccessLog
  let pool: PostgresConnectionPool
  let outbox: Outbox
  let clock: @Sendable () -> Date

  /// Roles that release facilitators: the people who work the case.
  static let releasers: Set<Role> = [.caseWorker, .supervisor]

  /// The largest request body accepted.
  static let maximumBodySize = 16 * 1024

  /// Routes over the allocations in `schema`, audited under `personalData`'s chain key.
  init(
    schema: SchemaName, personalData: RegisterPersonalData, gate: AccessGate,
    pool: PostgresConnectionPool, outbox: Outbox,
    clock: @escaping @Sendable () -> Date = Date.init
  ) {
    self.gate = gate
    endings = AllocationEndings(schema: schema)
    accessLog = RegisterAccessLog(schema: schema, chainKey: personalData.auditChainKey)
    self.pool = pool
    self.outbox = outbox
    self.clock = clock
  }

  /// Adds the route to `router`.
  func register(on router: Router<BasicRequestContext>) {
    router.post("/allocations/{allocationId}/release") { request, context in
      try await release(request, context: context)
    }
  }

  /// What a release answers.
  struct Release: Encodable, Sendable {
    var allocationId: String
    var caseId: String
    var facilitatorId: String
    var reason: AllocationEndReason
    var releaseReason: AllocationReleaseReason
    var endedAt: Date
  }

  /// `POST /allocations/{allocationId}/release`.
  func release(_ request: Request, context: BasicRequestContext) async throws -> Response {
    let caller = try await gate.authorize(request, roles: Self.releasers)
    let allocationId = try PathID.decoded("allocationId", in: context)
    var request = request
    let body = try await request.collectBody(upTo: Self.maximumBodySize)
    var fields = try RequestFields.parse(Array(body.readableBytesView))
    let reason = fields.choice("reason", AllocationReleaseReason.self)
    guard let reason, fields.problems.isEmpty else {
      throw RequestValidationFailure(problems: fields.problems)
    }
    let now = clock()
    let released = try await pool.withTransaction { session in
      guard let allocation = try endings.allocation(allocationId, in: session) else {
        throw HTTPError(.notFound, message: "no allocation \(allocationId)")
      }
      try caller.requireArea(allocation.area)
      guard let ended = try endings.release(allocationId, for: reason, at: now, in: session)
      else {
        throw HTTPError(.conflict, message: "the allocation has ended already")
      }
      let origin = EventOrigin(
        producer: FacilitatorMatchingService.name, area: ended.area, caseId: ended.caseId,
        now: now)
      try outbox.enqueue(
        [
          try origin.message(
            AllocationEnded(
              allocationId: ended.allocationId, caseId: ended.caseId,
              facilitatorId: ended.facilitatorId, role: ended.role, reason: .released,
              releaseReason: reason, endedAt: now),
            purpose: "released")
        ], in: session)
      try accessLog.recordCaseAction(
        by: caller, actingAs: Self.releasers, facilitatorId: ended.facilitatorId,
        caseId: ended.caseId, in: session)
      return ended
    }
    context.logger.info(
      "facilitator released from a case",
      metadata: [
        "case_id": "\(released.caseId)", "allocation_id": "\(released.allocationId)",
        "facilitator_id": "\(released.facilitatorId)", "release_reason": "\(reason.rawValue)",
      ])
    return try JSONResponse.make(
      status: .ok,
      Release(
        allocationId: released.allocationId, caseId: released.caseId,
        facilitatorId: released.facilitatorId, reason: .released, releaseReason: reason,
        endedAt: now))
  }
}
