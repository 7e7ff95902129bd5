import DurableMessaging
import EventContracts
import Foundation
import Logging
import PostgresClient

/// facilitator-matching's handling of `facilitators.requested.v1`, a batch at a time inside
/// the inbox transaction: each request is claimed (so it is decided once, whatever message id
/// it came under), the candidates of the whole batch are locked at once (see
/// ``AllocationStore`` for the lock order), and each request in delivery order gets a lead
/// (``LeadSelection``) or an `allocation.unfilled.v1` with the reason. An allocation emits
/// `facilitator.allocated.v1` and asks notifications to email the facilitator, in the same
/// transaction.
struct FacilitatorRequestHandler: Sendable {
  let allocations: AllocationStore
  let endings: CaseEndingHandler
  let settings: FacilitatorMatchingSettings
  let clock: @Sendable () -> Date

  /// Works on `schema` (personal data sealed with `personalData`), judging sensitivity by
  /// `settings`, stamping decisions with `clock`.
  init(
    schema: SchemaName, personalData: RegisterPersonalData, settings: FacilitatorMatchingSettings,
    clock: @escaping @Sendable () -> Date
  ) {
    allocations = AllocationStore(schema: schema, personalData: personalData)
    endings = CaseEndingHandler(endings: AllocationEndings(schema: schema), clock: clock)
    self.settings = settings
    self.clock = clock
  }

  /// The events `facilitator-matching.requests` is bound to and how each is handled: the queue's
  /// bindings are made from this table, so an event is bound exactly when it is handled.
  static let routes = EventRoutes<FacilitatorRequestHandler>()
    .onBatch(FacilitatorsRequested.self) { handlers, batch, context in
      try handlers.handle(batch.map(\.event), context: context)
    }
    .on(CaseStageChanged.self) { handlers, event, _, context in
      try handlers.endings.handle(event, context: context)
    }

  /// The router of ``routes`` with these handlers.
  func router() -> EventRouter { Self.routes.router(for: self) }

  /// The allocation id of request `requestId`'s `role`: derived from the request, so a
  /// request can only ever have one.
  static func allocationId(requestId: String, role: FacilitatorRole) -> String {
    "\(requestId)/\(role.rawValue)"
  }

  /// The notification id of the allocation notice to `facilitatorId` about case `caseId`.
  static func notificationId(caseId: String, facilitatorId: String) -> String {
    "\(caseId)/\(NotificationPurpose.facilitatorAllocation.rawValue)/\(facilitatorId)"
  }

  /// Decides every request of `events` not decided before.
  func handle(_ events: [EventEnvelope<FacilitatorsRequested>], context: InboxContext) throws {
    var seen = Set<String>()
    let distinct = events.filter { seen.insert($0.data.requestId).inserted }
    let claimed = try allocations.claim(distinct, in: context.session)
    for event in distinct where !claimed.contains(event.data.requestId) {
      context.logger.info(
        "request for facilitators already decided; ignored",
        metadata: ["case_id": "\(event.data.caseId)", "request_id": "\(event.data.requestId)"])
    }
    let now = clock()
    let claimedNow = distinct.filter { claimed.contains($0.data.requestId) }
    // A closure or transfer that overtook its case's request: nobody is allocated.
    let ended = try endings.endings.casesEnded(before: claimedNow, in: context.session)
    for event in claimedNow where ended.contains(event.data.requestId) {
      try endings.endings.decideCaseEnded(event.data.requestId, at: now, in: context.session)
      context.logger.info(
        "request for facilitators arrived after its case ended; nobody allocated",
        metadata: ["case_id": "\(event.data.caseId)", "request_id": "\(event.data.requestId)"])
    }
    let fresh = claimedNow.filter { !ended.contains($0.data.requestId) }
    guard !fresh.isEmpty else { return }
    var candidates = try allocations.lockCandidates(
      covering: Set(fresh.map(\.area)).sorted(), in: context.session)
    for event in fresh {
      switch LeadSelection.choose(requirements(of: event), among: candidates) {
      case .lead(let lead):
        try allocate(lead, to: event, now: now, context: context)
        if let index = candidates.firstIndex(where: { $0.facilitatorId == lead.facilitatorId }) {
          candidates[index].openAllocations += 1
        }
      case .unfilled(let reason):
        try leaveUnfilled(event, reason: reason, now: now, context: context)
      }
    }
  }

  /// What request `event` needs of its lead.
  func requirements(of event: EventEnvelope<FacilitatorsRequested>) -> LeadRequirements {
    let language = event.data.language?.trimmingCharacters(in: .whitespaces) ?? ""
    return LeadRequirements(
      area: event.area, district: event.data.district,
      language: language.isEmpty ? LanguageTag.english : language,
      sensitive: settings.isSensitive(
        offenceCategory: event.data.offenceCategory, bereavedFamily: event.data.bereavedFamily,
        sensitivity: event.data.sensitivity))
  }

  /// Allocates `lead` to request `event`, announces it and asks for the facilitator's notice.
  func allocate(
    _ lead: Candidate, to event: EventEnvelope<FacilitatorsRequested>, now: Date,
    context: InboxContext
  ) throws {
    let request = event.data
    let allocationId = Self.allocationId(requestId: request.requestId, role: .lead)
    guard
      try allocations.allocate(
        allocationId, requestId: request.requestId, caseId: request.caseId,
        facilitatorId: lead.facilitatorId, role: .lead, at: now, in: context.session)
    else { return }
    try allocations.decide(request.requestId, unfilled: nil, at: now, in: context.session)
    let origin = EventOrigin(
      producer: FacilitatorMatchingService.name, cause: event, caseId: request.caseId, now: now)
    try context.emit(
      origin.envelope(
        FacilitatorAllocated(
          allocationId: allocationId, requestId: request.requestId, caseId: request.caseId,
          facilitatorId: lead.facilitatorId, agency: lead.agency, role: .lead, allocatedAt: now),
        purpose: "facilitator-allocated:\(allocationId)"),
      to: EventExchange.events)
    let notificationId = Self.notificationId(
      caseId: request.caseId, facilitatorId: lead.facilitatorId)
    try context.emit(
      origin.envelope(
        NotificationRequested(
          notificationId: notificationId, caseId: request.caseId,
          purpose: .facilitatorAllocation, channel: .email,
          recipient: .init(name: lead.displayName, email: lead.email),
          values: [
            "caseId": request.caseId, "area": event.area, "role": FacilitatorRole.lead.rawValue,
          ], requestedAt: now),
        purpose: "notification:\(notificationId)"),
      to: EventExchange.events)
    context.logger.info(
      "facilitator allocated",
      metadata: [
        "case_id": "\(request.caseId)", "request_id": "\(request.requestId)",
        "facilitator_id": "\(lead.facilitatorId)", "role": "\(FacilitatorRole.lead.rawValue)",
        "open_allocations": "\(lead.openAllocations + 1)", "capacity": "\(lead.capacity)",
      ])
  }

  /// Records that nobody could lead request `event`, and says why.
  func leaveUnfilled(
    _ event: EventEnvelope<FacilitatorsRequested>, reason: UnfilledReason, now: Date,
    context: InboxContext
  ) throws {
    let request = event.data
    try allocations.decide(request.requestId, unfilled: reason, at: now, in: context.session)
    try context.emit(
      EventOrigin(
        producer: FacilitatorMatchingService.name, cause: event, caseId: request.caseId, now: now
      ).envelope(
        AllocationUnfilled(
          requestId: request.requestId, caseId: request.caseId, reason: reason.rawValue,
          decidedAt: now), purpose: "allocation-unfilled"),
      to: EventExchange.events)
    context.logger.notice(
      "no facilitator could be allocated",
      metadata: [
        "case_id": "\(request.caseId)", "request_id": "\(request.requestId)",
        "reason": "\(reason.rawValue)",
      ])
  }
}
