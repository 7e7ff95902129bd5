import AccessControl
import DurableMessaging
import EventContracts
import Foundation
import Hummingbird
import Logging
import PostgresClient
import ServiceRuntime

/// Agencies answering the offers made to their facilitators, behind the ``AccessGate``:
///
/// - `GET /offers?area=norfolk`: the offers waiting for an answer in the area (a
///   facilitator sees their own only; a supervisor or administrator whose token names an
///   agency sees that agency's), soonest due first.
/// - `POST /offers/{offerId}/accept`: the agency accepts; the facilitator is allocated
///   (`facilitator.allocated.v1` and their notice) in the same transaction.
/// - `POST /offers/{offerId}/decline` `{"reason": "facilitator-unavailable"}`: the agency
///   declines with one of ``OfferDeclineReason`` (`allocation.declined.v1`), and the part is
///   offered to the next best facilitator (or announced unfilled) in the same transaction.
///
/// Who answers: the facilitator offered (role facilitator, their `facilitator_id`), or a
/// supervisor or administrator of the case's area acting for the agency (a token naming
/// another agency is refused). 400 naming `/reason`; 403; 404 for no such offer; 409 when
/// it was answered, lapsed or withdrawn already.
struct OfferRoutes: Sendable {
  let gate: AccessGate
  let desk: AllocationDesk
  let accessLog: RegisterAccessLog
  let pool: PostgresConnectionPool
  let outbox: Outbox
  let clock: @Sendable () -> Date

  /// Roles that answer offers.
  static let answerers: Set<Role> = [.facilitator, .supervisor, .administrator]

  /// Routes over `desk`'s offers, audited under `personalData`'s chain key.
  init(
    schema: SchemaName, personalData: RegisterPersonalData, desk: AllocationDesk,
    gate: AccessGate, pool: PostgresConnectionPool, outbox: Outbox,
    clock: @escaping @Sendable () -> Date = Date.init
  ) {
    self.gate = gate
    self.desk = desk
    accessLog = RegisterAccessLog(schema: schema, chainKey: personalData.auditChainKey)
    self.pool = pool
    self.outbox = outbox
    self.clock = clock
  }

  /// Adds the routes to `router`.
  func register(on router: Router<BasicRequestContext>) {
    router.get("/offers") { request, _ in try await pending(request) }
    router.post("/offers/{offerId}/accept") { request, context in
      try await answer(request, context: context, accepting: true)
    }
    router.post("/offers/{offerId}/decline") { request, context in
      try await answer(request, context: context, accepting: false)
    }
  }

  /// Whether `caller` may answer for `offer`'s agency in `area`.
  static func mayAnswer(_ caller: AccessToken, _ offer: OfferStore.Offer, area: String) -> Bool {
    if caller.roles.contains(.facilitator), caller.facilitatorId == offer.facilitatorId {
      return true
    }
    guard !caller.roles.isDisjoint(with: [.supervisor, .administrator]),
      caller.areas.contains(area)
    else { return false }
    return caller.agency == nil || caller.agency == offer.agency
  }

  /// An offer as the API shows it.
  struct Shown: Encodable, Sendable {
    var offerId: String
    var requestId: String
    var caseId: String
    var area: String
    var role: FacilitatorRole
    var facilitatorId: String
    var agency: String
    var status: String
    var offeredAt: Date
    var answerDue: Date
    var answeredAt: Date?
    var declineReason: String?
    var distanceKm: Int?

    init(_ offer: OfferStore.Offer, area: String) {
      offerId = offer.offerId
      requestId = offer.requestId
      caseId = offer.caseId
      self.area = area
      role = offer.role
      facilitatorId = offer.facilitatorId
      agency = offer.agency
      status = offer.status
      offeredAt = offer.offeredAt
      answerDue = offer.answerDue
      answeredAt = offer.answeredAt
      declineReason = offer.declineReason
      distanceKm = offer.distanceKm
    }
  }

  /// `GET /offers?area=...`.
  func pending(_ request: Request) async throws -> Response {
    let caller = try await gate.authorize(request, roles: Self.answerers)
    var query = QueryFields(request.uri.queryParameters)
    let area = query.string("area", required: true, expecting: "required: the area")
    try query.finish()
    guard let area else { throw RequestValidationFailure(problems: query.problems) }
    try caller.requireArea(area)
    let offers = try await pool.withSession { session in
      try desk.offers.pending(inArea: area, in: session)
    }
    let visible = offers.filter { Self.mayAnswer(caller, $0, area: area) }
    struct Listing: Encodable { var area: String, offers: [Shown] }
    return try JSONResponse.make(
      status: .ok, Listing(area: area, offers: visible.map { Shown($0, area: area) }))
  }

  /// `POST /offers/{offerId}/accept` and `/decline`.
  func answer(_ request: Request, context: BasicRequestContext, accepting: Bool) async throws
    -> Response
  {
    let caller = try await gate.authorize(request, roles: Self.answerers)
    let offerId = try PathID.decoded("offerId", in: context)
    var request = request
    let body = try await request.collectBody(upTo: 16 * 1024)
    var declined: OfferDeclineReason?
    if !accepting {
      var fields = try RequestFields.parse(Array(body.readableBytesView))
      declined = fields.choice("reason", OfferDeclineReason.self)
      guard declined != nil, fields.problems.isEmpty else {
        throw RequestValidationFailure(problems: fields.problems)
      }
    }
    let reason = declined
    let now = clock()
    let shown = try await pool.withTransaction { session in
      // Lock order: the request, then its offer, then the candidates.
      guard let known = try desk.offers.offer(offerId, in: session),
        let held = try desk.allocations.lockRequest(known.requestId, in: session),
        let offer = try desk.offers.lock(offerId, in: session)
      else { throw HTTPError(.notFound, message: "no offer \(offerId)") }
      guard Self.mayAnswer(caller, offer, area: held.area) else {
        throw HTTPError(.forbidden, message: "not authorised to answer for this offer")
      }
      guard offer.status == "offered" else {
        throw HTTPError(.conflict, message: "the offer is \(offer.status) already")
      }
      let origin = EventOrigin(
        producer: FacilitatorMatchingService.name, area: held.area, caseId: held.caseId,
        now: now)
      var messages: [OutboxMessage] = []
      if accepting {
        let kind = try desk.allocations.kind(of: offer.facilitatorId, in: session)
        messages += try desk.accept(
          offer, kind: kind, by: caller.subject, origin: origin, now: now, in: session,
          logger: context.logger)
        try desk.settle(held.requestId, explanation: nil, now: now, in: session)
      } else {
        if let message = try desk.decline(
          offer, outcome: .declined, reason: reason, by: caller.subject, origin: origin, now: now,
          in: session)
        {
          messages.append(message)
        }
        var candidates = try desk.lockCandidates(areas: [held.area], now: now, in: session)
        messages += try desk.decide(
          held, among: &candidates, origin: origin, now: now, in: session, logger: context.logger)
      }
      try outbox.enqueue(messages, in: session)
      try accessLog.recordCaseAction(
        .answerOffer, by: caller, actingAs: Self.answerers, facilitatorId: offer.facilitatorId,
        caseId: offer.caseId, in: session)
      return Shown(try desk.offers.offer(offerId, in: session) ?? offer, area: held.area)
    }
    context.logger.info(
      accepting ? "offer accepted" : "offer declined",
      metadata: [
        "case_id": "\(shown.caseId)", "offer_id": "\(shown.offerId)",
        "facilitator_id": "\(shown.facilitatorId)",
        "decline_reason": "\(reason?.rawValue ?? "-")",
      ])
    return try JSONResponse.make(status: .ok, shown)
  }
}
