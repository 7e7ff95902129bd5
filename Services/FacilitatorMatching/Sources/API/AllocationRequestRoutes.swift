import AccessControl
import DurableMessaging
import EventContracts
import Foundation
import HubAreas
import Hummingbird
import PostgresClient
import ServiceRuntime

/// A case's requests for facilitators, as a supervisor reads and overrides them, behind the
/// ``AccessGate``:
///
/// - `GET /requests?caseId=C-1` and `GET /requests/{requestId}` (case workers, supervisors
///   and administrators of the case's area): each request's outcome, its explanation ("why
///   this pair, why not the others"), its offers and its open allocations.
/// - `POST /requests/{requestId}/override` `{"lead": "FAC-2", "coFacilitator": "FAC-7",
///   "reason": "…"}` (supervisors of the area): offers the named people instead of the
///   scores' choice. The hard rules still apply (409 naming the field and every rule it
///   fails); the parts replaced have their pending offers withdrawn and open allocations
///   released; the override (who, when) is in the explanation, the reason kept sealed, and
///   the audit trail records it. 400 for a missing reason, unknown fields' shapes or the
///   same person twice; 404 for no such request; 409 for a request whose case ended.
struct AllocationRequestRoutes: Sendable {
  let gate: AccessGate
  let desk: AllocationDesk
  let endings: AllocationEndings
  let personalData: RegisterPersonalData
  let accessLog: RegisterAccessLog
  let pool: PostgresConnectionPool
  let outbox: Outbox
  let clock: @Sendable () -> Date

  /// Roles that read requests.
  static let readers: Set<Role> = [.caseWorker, .supervisor, .administrator]
  /// Roles that override.
  static let overriders: Set<Role> = [.supervisor]

  init(
    schema: SchemaName, personalData: RegisterPersonalData, desk: AllocationDesk,
    gate: AccessGate, pool: PostgresConnectionPool, outbox: Outbox,
    clock: @escaping @Sendable () -> Date = Date.init
  ) {
    self.gate = gate
    self.desk = desk
    endings = AllocationEndings(schema: schema)
    self.personalData = personalData
    accessLog = RegisterAccessLog(schema: schema, chainKey: personalData.auditChainKey)
    self.pool = pool
    self.outbox = outbox
    self.clock = clock
  }

  /// Adds the routes to `router`.
  func register(on router: Router<BasicRequestContext>) {
    router.get("/requests") { request, _ in try await ofCase(request) }
    router.get("/requests/{requestId}") { request, context in
      try await one(request, context: context)
    }
    router.post("/requests/{requestId}/override") { request, context in
      try await override(request, context: context)
    }
  }

  /// A request as the API shows it.
  struct Shown: Encodable, Sendable {
    var requestId: String
    var caseId: String
    var area: String
    var outcome: String?
    var explanation: AllocationExplanation?
    var offers: [OfferRoutes.Shown]
    var allocations: [Allocation]

    struct Allocation: Encodable, Sendable {
      var allocationId: String
      var role: FacilitatorRole
      var facilitatorId: String
    }
  }

  /// `request` with its offers, allocations and override reason (opened).
  func shown(_ request: AllocationStore.Request, in session: PostgresSession) throws -> Shown {
    var explanation = request.explanation
    if explanation?.override != nil {
      let sealed = try session.query(
        "SELECT override_reason FROM \(desk.allocations.s).requests WHERE request_id = $1",
        [.text(request.requestId)]
      ).rows.first?.decode(0, as: String?.self)
      if let sealed {
        explanation?.override?.reason = try personalData.sealer.open(
          sealed, context: RegisterPersonalData.overrideReason.context(rowID: request.requestId))
        let sentences = explanation?.sentences() ?? []
        explanation?.summary = sentences
      }
    }
    let open = try desk.allocations.openAllocations(of: request.requestId, in: session)
    return Shown(
      requestId: request.requestId, caseId: request.caseId, area: request.area,
      outcome: request.outcome, explanation: explanation,
      offers: try desk.offers.offers(of: request.requestId, in: session).map {
        OfferRoutes.Shown($0, area: request.area)
      },
      allocations: FacilitatorRole.allCases.compactMap { role in
        open[role].map {
          Shown.Allocation(
            allocationId: $0.allocationId, role: role, facilitatorId: $0.facilitatorId)
        }
      })
  }

  /// The body of `GET /requests`.
  struct Listing: Encodable, Sendable {
    var caseId: String
    var requests: [Shown]
  }

  /// `GET /requests?caseId=...`.
  func ofCase(_ request: Request) async throws -> Response {
    let caller = try await gate.authorize(request, roles: Self.readers)
    var query = QueryFields(request.uri.queryParameters)
    let caseId = query.string("caseId", required: true, expecting: "required: the case id")
    try query.finish()
    guard let caseId else { throw RequestValidationFailure(problems: query.problems) }
    let listed = try await pool.withSession { session in
      let requests = try desk.allocations.requests(ofCase: caseId, in: session)
      for request in requests { try caller.requireArea(request.area) }
      return try requests.map { try shown($0, in: session) }
    }
    return try JSONResponse.make(status: .ok, Listing(caseId: caseId, requests: listed))
  }

  /// `GET /requests/{requestId}`.
  func one(_ request: Request, context: BasicRequestContext) async throws -> Response {
    let caller = try await gate.authorize(request, roles: Self.readers)
    let requestId = try PathID.decoded("requestId", in: context)
    let found = try await pool.withSession { session in
      guard let found = try desk.allocations.request(requestId, in: session) else {
        throw HTTPError(.notFound, message: "no request \(requestId)")
      }
      try caller.requireArea(found.area)
      return try shown(found, in: session)
    }
    return try JSONResponse.make(status: .ok, found)
  }

  /// `POST /requests/{requestId}/override`.
  func override(_ request: Request, context: BasicRequestContext) async throws -> Response {
    let caller = try await gate.authorize(request, roles: Self.overriders)
    let requestId = try PathID.decoded("requestId", in: context)
    var request = request
    let body = try await request.collectBody(upTo: 16 * 1024)
    var fields = try RequestFields.parse(Array(body.readableBytesView))
    let idPattern = "^[A-Za-z0-9][A-Za-z0-9._-]*$"
    var named: [FacilitatorRole: String] = [:]
    for (field, role) in [("lead", FacilitatorRole.lead), ("coFacilitator", .coFacilitator)]
    where fields.object[field] != nil {
      named[role] = fields.formatted(
        field, pattern: idPattern, maxLength: 64, expected: "a facilitator's register id")
    }
    let reason = fields.text("reason", required: true)
    if fields.object["lead"] == nil && fields.object["coFacilitator"] == nil {
      fields.problem("lead", "required", "required: lead, coFacilitator or both")
    }
    if let lead = named[.lead], lead == named[.coFacilitator] {
      fields.problem(
        "coFacilitator", "same-person", "must not be the lead: never the same person twice")
    }
    guard fields.problems.isEmpty, let reason else {
      throw RequestValidationFailure(problems: fields.problems)
    }
    let names = named
    let now = clock()
    let result = try await pool.withTransaction { session in
      guard let held = try desk.allocations.lockRequest(requestId, in: session) else {
        throw HTTPError(.notFound, message: "no request \(requestId)")
      }
      try caller.requireArea(held.area)
      guard held.outcome != "case-ended" else {
        throw HTTPError(.conflict, message: "the case has ended")
      }
      let origin = EventOrigin(
        producer: FacilitatorMatchingService.name, area: held.area, caseId: held.caseId, now: now)
      var candidates = try desk.lockCandidates(areas: [held.area], now: now, in: session)
      let offers = try desk.offers.offers(of: requestId, in: session)
      let open = try desk.allocations.openAllocations(of: requestId, in: session)
      var problems: [FieldProblem] = []
      for (field, role) in [("lead", FacilitatorRole.lead), ("coFacilitator", .coFacilitator)] {
        guard let id = names[role] else { continue }
        guard let candidate = candidates.first(where: { $0.facilitatorId == id }) else {
          problems.append(
            FieldProblem(
              path: "/\(field)", code: "not-in-area",
              message: "\(id) is not an active facilitator of \(held.area)"))
          continue
        }
        let other: FacilitatorRole = role == .lead ? .coFacilitator : .lead
        let partner =
          names[other] ?? open[other]?.facilitatorId
          ?? offers.first { $0.role == other && $0.status == "offered" }?.facilitatorId
        // Their own current part (offer or allocation) does not count against them.
        var judged = candidate
        if open[role]?.facilitatorId == id { judged.openAllocations -= 1 }
        if offers.contains(where: {
          $0.role == role && $0.status == "offered" && $0.facilitatorId == id
        }) {
          judged.pendingOffers -= 1
        }
        let rules = HardRules.refusals(
          judged, as: role, for: held.needs, on: LondonDay.of(now), partner: partner)
        if !rules.isEmpty {
          problems.append(
            FieldProblem(
              path: "/\(field)", code: rules[0].rawValue,
              message: rules.map { "\($0.rawValue): \($0.sentence(judged, held.needs))" }
                .joined(separator: " ")))
        }
      }
      guard problems.isEmpty else { throw AllocationRuleRefusal(problems: problems) }
      var messages: [OutboxMessage] = []
      for role in names.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
        for offer in offers where offer.role == role && offer.status == "offered" {
          if let message = try desk.decline(
            offer, outcome: .withdrawn, reason: nil, by: caller.subject, origin: origin, now: now,
            in: session)
          {
            messages.append(message)
          }
          if let index = candidates.firstIndex(where: { $0.facilitatorId == offer.facilitatorId }) {
            candidates[index].pendingOffers -= 1
          }
        }
        if let current = open[role],
          let ended = try endings.release(current.allocationId, for: .other, at: now, in: session)
        {
          messages.append(
            try origin.message(
              AllocationEnded(
                allocationId: ended.allocationId, caseId: ended.caseId,
                facilitatorId: ended.facilitatorId, role: ended.role, reason: .released,
                releaseReason: .other, endedAt: now),
              purpose: "overridden:\(ended.allocationId)"))
          if let index = candidates.firstIndex(where: { $0.facilitatorId == ended.facilitatorId }) {
            candidates[index].openAllocations -= 1
          }
        }
      }
      try desk.allocations.recordOverride(
        requestId, by: caller.subject, reason: reason, in: session)
      messages += try desk.decide(
        held, among: &candidates, origin: origin, now: now, in: session, logger: context.logger,
        override: .init(by: caller.subject, at: now), chosenBySupervisor: names)
      try outbox.enqueue(messages, in: session)
      for id in Set(names.values).sorted() {
        try accessLog.recordCaseAction(
          .override, by: caller, actingAs: Self.overriders, facilitatorId: id,
          caseId: held.caseId, in: session)
      }
      guard let after = try desk.allocations.request(requestId, in: session) else {
        throw HTTPError(.internalServerError, message: "the request was not stored")
      }
      return try shown(after, in: session)
    }
    context.logger.notice(
      "allocation overridden by a supervisor",
      metadata: [
        "case_id": "\(result.caseId)", "request_id": "\(requestId)",
        "lead": "\(names[.lead] ?? "-")", "co_facilitator": "\(names[.coFacilitator] ?? "-")",
      ])
    return try JSONResponse.make(status: .ok, result)
  }
}

/// A supervisor's choice the hard rules refuse: answered 409 with each field and the rules it
/// fails, in the same problem shape as a validation failure.
struct AllocationRuleRefusal: Error, HTTPResponseError {
  var problems: [FieldProblem]
  var status: HTTPResponse.Status { .conflict }

  func response(from request: Request, context: some RequestContext) throws -> Response {
    try JSONResponse.make(status: .conflict, Body(errors: problems))
  }

  /// The response body, as a validation failure's.
  struct Body: Encodable {
    var errors: [FieldProblem]
  }
}
