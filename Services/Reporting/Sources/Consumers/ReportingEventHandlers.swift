import DurableMessaging
import EventContracts
import PostgresClient

/// reporting's handling of the events on `reporting.events`, each inside the inbox
/// transaction. Every handler is an upsert keyed by the natural id of what it records, so a
/// redelivery, a duplicate under a new message id, or events arriving out of order all leave
/// the same figures. Only codes, ids, dates and the envelope's area are kept.
struct ReportingEventHandlers: Sendable {
  let referrals: ReferralLedger
  let cases: CaseLedger
  let contacts: ContactLedger
  let notifications: NotificationOutcomes
  let allocations: AllocationLedger
  let journey: JourneyLedger
  let facilitation: FacilitationLedger

  /// Handlers writing to the tables of `schema`.
  init(schema: SchemaName) {
    referrals = ReferralLedger(schema: schema)
    cases = CaseLedger(schema: schema)
    contacts = ContactLedger(schema: schema)
    notifications = NotificationOutcomes(schema: schema)
    allocations = AllocationLedger(schema: schema)
    journey = JourneyLedger(schema: schema)
    facilitation = FacilitationLedger(schema: schema)
  }

  /// The events `reporting.events` is bound to and how each is handled: the queue's
  /// bindings are made from this table, so an event is bound exactly when it is handled.
  static let routes = EventRoutes<ReportingEventHandlers>()
    .on(ReferralAccepted.self) { handlers, event, _, context in
      try handlers.referrals.recordAccepted(event.data, area: event.area, in: context.session)
      handlers.recorded(event, context)
    }
    .on(ReferralRejected.self) { handlers, event, _, context in
      // The submission's message id (the rejection's cause) tells apart submissions that
      // had no readable reference; the event's own id stands in when there is none.
      try handlers.referrals.recordRejected(
        event.data, area: event.area, submissionId: event.causationId ?? event.id,
        in: context.session)
      handlers.recorded(event, context)
    }
    .on(CaseOpened.self) { handlers, event, _, context in
      try handlers.cases.recordOpened(event.data, area: event.area, in: context.session)
      handlers.recorded(event, context)
    }
    .on(CaseStageChanged.self) { handlers, event, _, context in
      try handlers.cases.recordStage(event.data, in: context.session)
      try handlers.journey.recordClosure(event.data, area: event.area, in: context.session)
      try handlers.journey.recordStageChange(event.data, in: context.session)
      handlers.recorded(event, context)
    }
    .on(ConsentWithdrawn.self) { handlers, event, _, context in
      try handlers.journey.recordWithdrawal(event.data, area: event.area, in: context.session)
      handlers.recorded(event, context)
    }
    .on(InterventionRecorded.self) { handlers, event, _, context in
      try handlers.journey.recordIntervention(event.data, area: event.area, in: context.session)
      handlers.recorded(event, context)
    }
    .on(SurveyAnswered.self) { handlers, event, _, context in
      try handlers.journey.recordSurvey(event.data, area: event.area, in: context.session)
      handlers.recorded(event, context)
    }
    .on(ComplaintRecorded.self) { handlers, event, _, context in
      try handlers.journey.recordComplaint(event.data, area: event.area, in: context.session)
      handlers.recorded(event, context)
    }
    .on(ContactTaskScheduled.self) { handlers, event, _, context in
      try handlers.contacts.recordTask(event.data, area: event.area, in: context.session)
      handlers.recorded(event, context)
    }
    .on(ContactTaskClosed.self) { handlers, event, _, context in
      try handlers.contacts.recordTaskClosure(event.data, area: event.area, in: context.session)
      handlers.recorded(event, context)
    }
    .on(ContactRecorded.self) { handlers, event, _, context in
      try handlers.contacts.recordAttempt(event.data, area: event.area, in: context.session)
      handlers.recorded(event, context)
    }
    .on(FacilitatorAllocated.self) { handlers, event, _, context in
      try handlers.allocations.recordAllocated(event.data, area: event.area, in: context.session)
      handlers.recorded(event, context)
    }
    .on(AllocationEnded.self) { handlers, event, _, context in
      try handlers.allocations.recordEnded(event.data, area: event.area, in: context.session)
      handlers.recorded(event, context)
    }
    .on(AllocationUnfilled.self) { handlers, event, _, context in
      try handlers.allocations.recordUnfilled(event.data, area: event.area, in: context.session)
      handlers.recorded(event, context)
    }
    .on(AllocationOffered.self) { handlers, event, _, context in
      try handlers.facilitation.recordOffered(event.data, area: event.area, in: context.session)
      handlers.recorded(event, context)
    }
    .on(AllocationDeclined.self) { handlers, event, _, context in
      try handlers.facilitation.recordDeclined(event.data, area: event.area, in: context.session)
      handlers.recorded(event, context)
    }
    .on(FacilitatorRegistered.self) { handlers, event, _, context in
      try handlers.facilitation.recordRegistered(event.data, in: context.session)
      handlers.recorded(event, context)
    }
    .on(NotificationSent.self) { handlers, event, _, context in
      // Notifications about no case (none today) count in no figure.
      guard let caseId = event.data.caseId else { return }
      try handlers.notifications.recordSent(
        event.data, caseId: caseId, area: event.area, in: context.session)
      handlers.recorded(event, context)
    }
    .on(NotificationFailed.self) { handlers, event, _, context in
      guard let caseId = event.data.caseId else { return }
      try handlers.notifications.recordFailed(
        event.data, caseId: caseId, area: event.area, in: context.session)
      handlers.recorded(event, context)
    }

  /// The router of ``routes`` with these handlers.
  func router() -> EventRouter { Self.routes.router(for: self) }

  /// Notes at debug level that `event` was taken into the figures (type, case and area
  /// only: nothing else an event carries is logged).
  func recorded<P: EventPayload>(_ event: EventEnvelope<P>, _ context: InboxContext) {
    context.logger.debug(
      "event recorded for figures",
      metadata: [
        "event_type": "\(event.type)", "case_id": "\(event.caseId ?? "-")",
        "area": "\(event.area)",
      ])
  }
}
