import DurableMessaging
import EventContracts
import Foundation
import HubAreas
import Logging
import PostgresClient

/// Where requests become offers and offers become allocations, inside the caller's
/// transaction (an inbox batch, an agency's answer, the offer watch or an override), holding
/// the request's row and its candidates' rows locked (see ``AllocationStore`` for the order).
///
/// A decision (``PairSelection``) offers each chosen part to the facilitator's agency
/// (`allocation.offered.v1`); an agency with a standing agreement accepts at once, which
/// allocates (`facilitator.allocated.v1` and the facilitator's notice by email). A part
/// nobody can take is announced `allocation.unfilled.v1` with the rules that excluded
/// everyone, and retried when the register changes. Every event goes back to the caller to
/// commit with the transaction.
struct AllocationDesk: Sendable {
  let allocations: AllocationStore
  let offers: OfferStore
  let agencies: AgencyStore
  let settings: FacilitatorMatchingSettings
  let areas: HubAreaDirectory

  /// Works on `schema`, opening the chosen facilitators' contact details with `personalData`.
  init(
    schema: SchemaName, personalData: RegisterPersonalData,
    settings: FacilitatorMatchingSettings, areas: HubAreaDirectory
  ) {
    allocations = AllocationStore(schema: schema, personalData: personalData)
    offers = OfferStore(schema: schema)
    agencies = AgencyStore(schema: schema)
    self.settings = settings
    self.areas = areas
  }

  /// The facilitators of the request's area, locked, as of `now`.
  func lockCandidates(areas: [String], now: Date, in session: PostgresSession) throws
    -> [Candidate]
  {
    try allocations.lockCandidates(
      covering: areas, conferencesSince: LondonDay.of(now).adding(months: -12), in: session)
  }

  /// Decides every open part of `request` among `candidates` (updated with the loads it
  /// adds), offering and allocating as it goes; the events to commit. `override` records a
  /// supervisor's choice; `chosenBySupervisor` then names the people instead of the scores. A
  /// `fresh` request (just claimed) has no offers or allocations yet, so none are read;
  /// `answering` is the agencies that answer offers themselves, when the caller knows them.
  func decide(
    _ request: AllocationStore.Request, among candidates: inout [Candidate], origin: EventOrigin,
    now: Date, in session: PostgresSession, logger: Logger,
    override: AllocationExplanation.Override? = nil,
    chosenBySupervisor: [FacilitatorRole: String]? = nil, announceUnfilled: Bool = true,
    fresh: Bool = false, answering: Set<String>? = nil, writes: DecisionWrites? = nil
  ) throws -> [OutboxMessage] {
    let history = fresh ? [] : try offers.offers(of: request.requestId, in: session)
    var held: [FacilitatorRole: String] = [:]
    for offer in history where offer.status == "offered" {
      held[offer.role] = offer.facilitatorId
    }
    if !fresh {
      for (role, open) in try allocations.openAllocations(of: request.requestId, in: session) {
        held[role] = open.facilitatorId
      }
    }
    let declined = Set(
      history.filter { $0.status == "declined" || $0.status == "no-answer" }.map(\.facilitatorId))
    // Candidates locked for a batch may cover other areas; this request's are its area's.
    let local = candidates.filter { $0.covers(area: request.area) }
    var decision = PairSelection.choose(
      request.needs, among: local, on: LondonDay.of(now), distances: settings.distances,
      declined: chosenBySupervisor == nil ? declined : [], held: held)
    if let chosenBySupervisor {
      decision = PairSelection.named(
        chosenBySupervisor, among: local, for: request.needs, distances: settings.distances,
        replacing: decision)
    }
    // The sentences are written with the decision; again only when an override adds its own.
    if let kept = override ?? request.explanation?.override {
      decision.explanation.override = kept
      decision.explanation.summary = decision.explanation.sentences()
    }
    var messages: [OutboxMessage] = []
    let answeringAgencies =
      try answering
      ?? agencies.answeringOffers(Array(Set(local.map(\.agency))), in: session)
    var allAccepted = true
    for role in FacilitatorRole.allCases {
      guard let scored = decision.chosen[role] else { continue }
      let attempt = (history.filter { $0.role == role }.map(\.attempt).max() ?? 0) + 1
      let offer = makeOffer(request, role: role, scored: scored, attempt: attempt, now: now)
      let isStanding = !answeringAgencies.contains(offer.agency)
      if let writes {
        writes.offers.append((offer, isStanding))
      } else {
        try offers.create(offer, acceptedByStandingAgreement: isStanding, in: session)
      }
      messages.append(
        try origin.message(
          AllocationOffered(
            offerId: offer.offerId, requestId: offer.requestId, caseId: offer.caseId,
            facilitatorId: offer.facilitatorId, agency: offer.agency, role: role,
            offeredAt: now, answerDue: offer.answerDue, standing: isStanding),
          purpose: "offered:\(offer.offerId)"))
      guard let index = candidates.firstIndex(where: { $0.facilitatorId == scored.facilitatorId })
      else { continue }
      if isStanding {
        messages += try allocate(
          offer, kind: candidates[index].kind, contact: candidates[index].sealedContact,
          origin: origin, now: now, in: session, logger: logger, writes: writes)
        candidates[index].openAllocations += 1
      } else {
        candidates[index].pendingOffers += 1
        allAccepted = false
      }
    }
    for (role, exclusions) in decision.unfilled.sorted(by: { $0.key.rawValue < $1.key.rawValue })
    where announceUnfilled || !messages.isEmpty {
      let reason = exclusions.first?.rule ?? AllocationRule.noFacilitatorInArea
      messages.append(
        try origin.message(
          AllocationUnfilled(
            requestId: request.requestId, caseId: request.caseId, reason: reason,
            decidedAt: now, role: role, exclusions: exclusions),
          purpose: "unfilled:\(role.rawValue):\(history.count)"))
      logger.notice(
        "nobody could take a part of a case",
        metadata: [
          "case_id": "\(request.caseId)", "request_id": "\(request.requestId)",
          "role": "\(role.rawValue)", "reason": "\(reason)",
        ])
    }
    if fresh {
      // Nothing else is held for a fresh request: the decision alone says how it stands.
      let missing = FacilitatorRole.allCases.filter { decision.chosen[$0] == nil }
      let outcome = !missing.isEmpty ? "unfilled" : allAccepted ? "allocated" : "offered"
      let reason = missing.first.flatMap { decision.unfilled[$0]?.first?.rule }
      if let writes {
        writes.decisions.append(
          .init(
            requestId: request.requestId, outcome: outcome, unfilledReason: reason,
            explanation: try AllocationStore.json(decision.explanation), decidedAt: now))
      } else {
        try allocations.decide(
          request.requestId, outcome: outcome, unfilledReason: reason,
          explanation: decision.explanation, at: now, in: session)
      }
    } else {
      try settle(
        request.requestId, unfilled: decision.unfilled, explanation: decision.explanation,
        now: now, in: session)
    }
    return messages
  }

  /// The offer of `role` on `request` to `scored`, lapsing after the offer timeout.
  func makeOffer(
    _ request: AllocationStore.Request, role: FacilitatorRole, scored: PairSelection.Scored,
    attempt: Int, now: Date
  ) -> OfferStore.Offer {
    let km = scored.candidate.travelsFrom.flatMap { from in
      request.needs.district.flatMap {
        settings.distances.kilometres(area: request.area, from: from, to: $0)
      }
    }
    return OfferStore.Offer(
      offerId: OfferStore.offerId(requestId: request.requestId, role: role, attempt: attempt),
      requestId: request.requestId, caseId: request.caseId, role: role, attempt: attempt,
      facilitatorId: scored.facilitatorId, agency: scored.candidate.agency, status: "offered",
      offeredAt: now, answerDue: answerDue(after: now, area: request.area), distanceKm: km)
  }

  /// When an offer made at `now` in `area` lapses.
  func answerDue(after now: Date, area: String) -> Date {
    switch settings.offerTimeout {
    case .duration(let duration):
      let (seconds, attoseconds) = duration.components
      return now.addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
    case .workingDays(let count):
      let day = areas.calendar(for: area).adding(workingDays: count, to: LondonDay.of(now))
      return LondonDay.start(of: day.adding(days: 1))
    }
  }

  /// Accepts pending `offer` for its agency (by `subject`): allocates the facilitator and asks
  /// for their notice; the events to commit (none when it was not pending).
  func accept(
    _ offer: OfferStore.Offer, kind: FacilitatorKind?, by subject: String, origin: EventOrigin,
    now: Date, in session: PostgresSession, logger: Logger
  ) throws -> [OutboxMessage] {
    guard
      try offers.answer(
        offer.offerId, status: "accepted", by: subject, reason: nil, at: now, in: session)
    else { return [] }
    return try allocate(
      offer, kind: kind, contact: nil, origin: origin, now: now, in: session, logger: logger)
  }

  /// Allocates the facilitator of accepted `offer` and asks for their notice (their name and
  /// email opened from `contact`, the sealed columns read with the candidates, or read now);
  /// the events to commit.
  func allocate(
    _ offer: OfferStore.Offer, kind: FacilitatorKind?, contact: Candidate.SealedContact?,
    origin: EventOrigin, now: Date, in session: PostgresSession, logger: Logger,
    writes: DecisionWrites? = nil
  ) throws -> [OutboxMessage] {
    let allocationId = FacilitatorRequestHandler.allocationId(
      requestId: offer.requestId, role: offer.role, attempt: offer.attempt)
    if let writes {
      writes.allocations.append(
        .init(
          allocationId: allocationId, requestId: offer.requestId, caseId: offer.caseId,
          facilitatorId: offer.facilitatorId, role: offer.role, allocatedAt: now))
    } else {
      guard
        try allocations.allocate(
          allocationId, requestId: offer.requestId, caseId: offer.caseId,
          facilitatorId: offer.facilitatorId, role: offer.role, at: now, in: session)
      else { return [] }
    }
    var messages = [
      try origin.message(
        FacilitatorAllocated(
          allocationId: allocationId, requestId: offer.requestId, caseId: offer.caseId,
          facilitatorId: offer.facilitatorId, agency: offer.agency, role: offer.role,
          allocatedAt: now, offerId: offer.offerId, facilitatorKind: kind?.rawValue,
          distanceKm: offer.distanceKm),
        purpose: "facilitator-allocated:\(allocationId)")
    ]
    let opened =
      try contact.map {
        try allocations.personalData.opened(
          name: $0.name, email: $0.email, facilitatorId: offer.facilitatorId)
      } ?? allocations.contact(of: offer.facilitatorId, in: session)
    if let opened {
      let notificationId = FacilitatorRequestHandler.notificationId(
        caseId: offer.caseId, facilitatorId: offer.facilitatorId)
      messages.append(
        try origin.message(
          NotificationRequested(
            notificationId: notificationId, caseId: offer.caseId,
            purpose: .facilitatorAllocation, channel: .email,
            recipient: .init(name: opened.name, email: opened.email),
            values: ["caseId": offer.caseId, "area": origin.area, "role": offer.role.rawValue],
            requestedAt: now),
          purpose: "notification:\(notificationId)"))
    }
    logger.info(
      "facilitator allocated",
      metadata: [
        "case_id": "\(offer.caseId)", "request_id": "\(offer.requestId)",
        "facilitator_id": "\(offer.facilitatorId)", "role": "\(offer.role.rawValue)",
        "offer_id": "\(offer.offerId)",
      ])
    return messages
  }

  /// Declines pending `offer` as `outcome` (an agency's decline, no answer, or withdrawn),
  /// with the agency's `reason`; the event to commit, nil when it was not pending.
  func decline(
    _ offer: OfferStore.Offer, outcome: OfferDeclineOutcome, reason: OfferDeclineReason?,
    by subject: String?, origin: EventOrigin, now: Date, in session: PostgresSession
  ) throws -> OutboxMessage? {
    guard
      try offers.answer(
        offer.offerId, status: outcome == .declined ? "declined" : outcome.rawValue, by: subject,
        reason: reason?.rawValue, at: now, in: session)
    else { return nil }
    return try origin.message(
      AllocationDeclined(
        offerId: offer.offerId, requestId: offer.requestId, caseId: offer.caseId,
        facilitatorId: offer.facilitatorId, agency: offer.agency, role: offer.role,
        outcome: outcome, reason: reason, declinedAt: now),
      purpose: "declined:\(offer.offerId)")
  }

  /// Records how request `requestId` stands now: unfilled while a part has nobody, allocated
  /// when every part is, offered otherwise.
  func settle(
    _ requestId: String, unfilled: [FacilitatorRole: [AllocationExclusion]]? = nil,
    explanation: AllocationExplanation?, now: Date, in session: PostgresSession
  ) throws {
    let live = try offers.offers(of: requestId, in: session).filter { $0.status == "offered" }
    let open = try allocations.openAllocations(of: requestId, in: session)
    let missing = FacilitatorRole.allCases.filter { role in
      open[role] == nil && !live.contains { $0.role == role }
    }
    let outcome: String
    if !missing.isEmpty {
      outcome = "unfilled"
    } else if FacilitatorRole.allCases.allSatisfy({ open[$0] != nil }) {
      outcome = "allocated"
    } else {
      outcome = "offered"
    }
    let reason = missing.first.flatMap { unfilled?[$0]?.first?.rule }
    try allocations.decide(
      requestId, outcome: outcome, unfilledReason: reason, explanation: explanation, at: now,
      in: session)
  }
}
