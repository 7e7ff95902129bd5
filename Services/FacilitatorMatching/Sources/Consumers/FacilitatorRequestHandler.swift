import DurableMessaging
import EventContracts
import Foundation
import HubAreas
import Logging
import PostgresClient

/// facilitator-matching's handling of its queue, a batch at a time inside the inbox
/// transaction:
///
/// - `facilitators.requested.v1`: each request is claimed with its needs (so it is decided
///   once, whatever message id it came under), the candidates of the whole batch are locked at
///   once (see ``AllocationStore`` for the lock order), and each request in delivery order is
///   decided by the ``AllocationDesk``: a pair offered (and allocated at once where the agency
///   has a standing agreement), or `allocation.unfilled.v1` with the rules that excluded
///   everyone.
/// - `case.stage-changed.v1`: a closed or transferred case's allocations end
///   (``CaseEndingHandler``) and its pending offers are withdrawn.
/// - `intervention.recorded.v1`: delivered conferences are counted per facilitator, for the
///   volunteers' score and the pool's health.
struct FacilitatorRequestHandler: Sendable {
  let desk: AllocationDesk
  let endings: CaseEndingHandler
  let settings: FacilitatorMatchingSettings
  let clock: @Sendable () -> Date
  var allocations: AllocationStore { desk.allocations }

  /// Works on `schema` (personal data sealed with `personalData`), judging sensitivity by
  /// `settings`, counting working days by `areas`, stamping decisions with `clock`.
  init(
    schema: SchemaName, personalData: RegisterPersonalData, settings: FacilitatorMatchingSettings,
    areas: HubAreaDirectory, clock: @escaping @Sendable () -> Date
  ) {
    desk = AllocationDesk(
      schema: schema, personalData: personalData, settings: settings, areas: areas)
    endings = CaseEndingHandler(
      endings: AllocationEndings(schema: schema), offers: OfferStore(schema: schema),
      clock: clock)
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
    .on(InterventionRecorded.self) { handlers, event, _, context in
      guard event.data.kind == .conference else { return }
      try handlers.allocations.recordConference(event.data, in: context.session)
    }

  /// The router of ``routes`` with these handlers.
  func router() -> EventRouter { Self.routes.router(for: self) }

  /// The allocation id of the `attempt`th offer of `role` on request `requestId`: derived
  /// from the request, so a part is allocated once per offer (the first keeps the shorter
  /// `<requestId>/<role>` of earlier allocations).
  static func allocationId(requestId: String, role: FacilitatorRole, attempt: Int = 1) -> String {
    attempt == 1 ? "\(requestId)/\(role.rawValue)" : "\(requestId)/\(role.rawValue)/\(attempt)"
  }

  /// The notification id of the allocation notice to `facilitatorId` about case `caseId`.
  static func notificationId(caseId: String, facilitatorId: String) -> String {
    "\(caseId)/\(NotificationPurpose.facilitatorAllocation.rawValue)/\(facilitatorId)"
  }

  /// Decides every request of `events` not decided before.
  func handle(_ events: [EventEnvelope<FacilitatorsRequested>], context: InboxContext) throws {
    var seen = Set<String>()
    let distinct = events.filter { seen.insert($0.data.requestId).inserted }
    let claimed = try allocations.claim(
      distinct.map { ($0, requirements(of: $0)) }, in: context.session)
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
    var candidates = try desk.lockCandidates(
      areas: Set(fresh.map(\.area)).sorted(), now: now, in: context.session)
    let answering = try desk.agencies.answeringOffers(
      Array(Set(candidates.map(\.agency))), in: context.session)
    let writes = DecisionWrites()
    for event in fresh {
      let request = AllocationStore.Request(
        requestId: event.data.requestId, caseId: event.data.caseId, area: event.area,
        needs: requirements(of: event), outcome: nil, explanation: nil)
      let origin = EventOrigin(
        producer: FacilitatorMatchingService.name, cause: event, caseId: request.caseId, now: now)
      for message in try desk.decide(
        request, among: &candidates, origin: origin, now: now, in: context.session,
        logger: context.logger, fresh: true, answering: answering, writes: writes)
      {
        context.emit(message)
      }
    }
    try writes.flush(schema: allocations.s, in: context.session)
  }

  /// What request `event` needs of its pair.
  func requirements(of event: EventEnvelope<FacilitatorsRequested>) -> PairRequirements {
    let request = event.data
    var languages = (request.participantLanguages ?? []).filter { !$0.isEmpty }
    let victim = request.language?.trimmingCharacters(in: .whitespaces) ?? ""
    if !victim.isEmpty {
      languages.removeAll { $0 == victim }
      languages.insert(victim, at: 0)
    }
    if languages.isEmpty { languages = [LanguageTag.english] }
    return PairRequirements(
      area: event.area, district: request.district,
      caseTypes: settings.caseTypes(
        offenceCategory: request.offenceCategory, bereavedFamily: request.bereavedFamily,
        sensitivity: request.sensitivity, youth: request.youth ?? false),
      languages: languages, culturalNeeds: request.culturalNeeds ?? [],
      marks: Set(request.participantMarks ?? []))
  }
}
