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

  /// Handlers writing to the tables of `schema`.
  init(schema: SchemaName) {
    referrals = ReferralLedger(schema: schema)
    cases = CaseLedger(schema: schema)
    contacts = ContactLedger(schema: schema)
    notifications = NotificationOutcomes(schema: schema)
    allocations = AllocationLedger(schema: schema)
    journey = JourneyLedger(schema: schema)
  }

  /// The router for every event type the queue is bound to.
  func router() -> EventRouter {
    var router = EventRouter()
    router.on(ReferralAccepted.self) { event, _, context in
      try referrals.recordAccepted(event.data, area: event.area, in: context.session)
      recorded(event, context)
    }
    router.on(ReferralRejected.self) { event, _, context in
      // The submission's message id (the rejection's cause) tells apart submissions that
      // had no readable reference; the event's own id stands in when there is none.
      try referrals.recordRejected(
        event.data, area: event.area, submissionId: event.causationId ?? event.id,
        in: context.session)
      recorded(event, context)
    }
    router.on(CaseOpened.self) { event, _, context in
      try cases.recordOpened(event.data, area: event.area, in: context.session)
      recorded(event, context)
    }
    router.on(CaseStageChanged.self) { event, _, context in
      try cases.recordStage(event.data, in: context.session)
      try journey.recordClosure(event.data, area: event.area, in: context.session)
      try journey.recordStageChange(event.data, in: context.session)
      recorded(event, context)
    }
    router.on(ConsentWithdrawn.self) { event, _, context in
      try journey.recordWithdrawal(event.data, area: event.area, in: context.session)
      recorded(event, context)
    }
    router.on(InterventionRecorded.self) { event, _, context in
      try journey.recordIntervention(event.data, area: event.area, in: context.session)
      recorded(event, context)
    }
    router.on(SurveyAnswered.self) { event, _, context in
      try journey.recordSurvey(event.data, area: event.area, in: context.session)
      recorded(event, context)
    }
    router.on(ComplaintRecorded.self) { event, _, context in
      try journey.recordComplaint(event.data, area: event.area, in: context.session)
      recorded(event, context)
    }
    router.on(ContactTaskScheduled.self) { event, _, context in
      try contacts.recordTask(event.data, area: event.area, in: context.session)
      recorded(event, context)
    }
    router.on(ContactTaskClosed.self) { event, _, context in
      try contacts.recordTaskClosure(event.data, area: event.area, in: context.session)
      recorded(event, context)
    }
    router.on(ContactRecorded.self) { event, _, context in
      try contacts.recordAttempt(event.data, area: event.area, in: context.session)
      recorded(event, context)
    }
    router.on(FacilitatorAllocated.self) { event, _, context in
      try allocations.recordAllocated(event.data, area: event.area, in: context.session)
      recorded(event, context)
    }
    router.on(AllocationEnded.self) { event, _, context in
      try allocations.recordEnded(event.data, area: event.area, in: context.session)
      recorded(event, context)
    }
    router.on(AllocationUnfilled.self) { event, _, context in
      try allocations.recordUnfilled(event.data, area: event.area, in: context.session)
      recorded(event, context)
    }
    router.on(NotificationSent.self) { event, _, context in
      // Notifications about no case (none today) count in no figure.
      guard let caseId = event.data.caseId else { return }
      try notifications.recordSent(
        event.data, caseId: caseId, area: event.area, in: context.session)
      recorded(event, context)
    }
    router.on(NotificationFailed.self) { event, _, context in
      guard let caseId = event.data.caseId else { return }
      try notifications.recordFailed(
        event.data, caseId: caseId, area: event.area, in: context.session)
      recorded(event, context)
    }
    return router
  }

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
