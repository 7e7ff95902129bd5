import DurableMessaging
import EventContracts
import Foundation
import HubAreas
import Logging
import PostgresClient

/// victim-contact's handling of the events on `victim-contact.cases`, each inside the inbox
/// transaction (so a redelivered event is skipped, and a handler's writes and emitted events
/// commit together).
struct CaseEventHandlers: Sendable {
  let notifications: NotificationLedger
  let facilitators: FacilitatorStore
  let planner: FirstContactPlanner
  let linkedReferrals: LinkedReferralRecorder
  let stores: CaseWorkStores
  var cases: CaseStore { stores.cases }
  var tasks: TaskStore { stores.tasks }
  let clock: @Sendable () -> Date

  init(
    schema: SchemaName, personalData: CasePersonalData, deadlines: VictimsCodeDeadlines,
    clock: @escaping @Sendable () -> Date
  ) {
    stores = CaseWorkStores(schema: schema, personalData: personalData, deadlines: deadlines)
    notifications = NotificationLedger(schema: schema)
    facilitators = FacilitatorStore(schema: schema)
    planner = FirstContactPlanner(
      cases: stores.cases, tasks: stores.tasks, notifications: notifications,
      deadlines: deadlines, participants: stores.arrivals)
    linkedReferrals = LinkedReferralRecorder(
      linkedReferrals: LinkedReferralStore(schema: schema, personalData: personalData),
      notifications: notifications, personalData: personalData)
    self.clock = clock
  }

  /// The events `victim-contact.cases` is bound to and how each is handled: the queue's
  /// bindings are made from this table, so an event is bound exactly when it is handled.
  static let routes = EventRoutes<CaseEventHandlers>()
    .on(CaseOpened.self) { handlers, event, _, context in
      let now = handlers.clock()
      try handlers.cases.recordOpened(event.data, area: event.area, at: now, in: context.session)
      try handlers.planner.planIfArrived(
        event.data.caseId, cause: event, now: now, context: context)
    }
    .on(CaseContactDetails.self) { handlers, event, _, context in
      let now = handlers.clock()
      try handlers.cases.recordContactDetails(
        event.data, area: event.area, at: now, in: context.session)
      try handlers.planner.planIfArrived(
        event.data.caseId, cause: event, now: now, context: context)
    }
    .on(FacilitatorAllocated.self) { handlers, event, _, context in
      try handlers.facilitators.allocated(event.data, in: context.session)
      context.logger.info(
        "facilitator allocated",
        metadata: ["case_id": "\(event.data.caseId)", "role": "\(event.data.role.rawValue)"])
    }
    .on(AllocationUnfilled.self) { handlers, event, _, context in
      try handlers.facilitators.unfilled(event.data, in: context.session)
      context.logger.notice(
        "no facilitator could be allocated; a supervisor must act",
        metadata: ["case_id": "\(event.data.caseId)", "reason": "\(event.data.reason)"])
    }
    .on(CaseReferralLinked.self) { handlers, event, _, context in
      try handlers.linkedReferrals.record(event, now: handlers.clock(), context: context)
    }
    .on(CaseTransferredOut.self) { handlers, event, _, context in
      try handlers.transferredOut(event, context: context)
    }
    .on(NotificationSent.self) { handlers, event, _, context in
      try handlers.notificationSent(event, context: context)
    }
    .on(NotificationFailed.self) { handlers, event, _, context in
      try handlers.notificationFailed(event, context: context)
    }

  /// The router of ``routes`` with these handlers.
  func router() -> EventRouter { Self.routes.router(for: self) }

  /// A sent notification settles its task: the acknowledgement completes acknowledge-referrer,
  /// the RJ information inform-victim.
  func notificationSent(_ event: EventEnvelope<NotificationSent>, context: InboxContext) throws {
    guard let caseId = event.data.caseId else { return }
    try notifications.settle(
      event.data.notificationId, sent: true, reason: nil, at: event.data.sentAt,
      in: context.session)
    // A linked referral's acknowledgement has an id of its own and settles no first-contact
    // task.
    guard
      event.data.notificationId
        == PlannedNotification.id(caseId: caseId, purpose: event.data.purpose)
    else { return }
    let kind: ContactTaskKind
    switch event.data.purpose {
    case .referrerAcknowledgement: kind = .acknowledgeReferrer
    case .victimRJInformation: kind = .informVictim
    case .facilitatorAllocation, .taskOverdue, .followUpSurvey: return
    }
    try context.emit(
      closedTasks: tasks.complete(
        [PlannedTask.id(caseId: caseId, kind: kind)], at: event.data.sentAt, in: context.session),
      origin: EventOrigin(
        producer: VictimContactService.name, cause: event, caseId: caseId, now: clock()))
  }

  /// A failed notification is recorded; when the victim's RJ information failed, a case
  /// worker gets a contact-victim task (due when the information is) to reach them safely.
  func notificationFailed(_ event: EventEnvelope<NotificationFailed>, context: InboxContext)
    throws
  {
    guard let caseId = event.data.caseId else { return }
    try notifications.settle(
      event.data.notificationId, sent: false, reason: event.data.reason,
      at: event.data.failedAt, in: context.session)
    context.logger.warning(
      "notification failed",
      metadata: [
        "case_id": "\(caseId)", "purpose": "\(event.data.purpose.rawValue)",
        "reason": "\(event.data.reason)",
      ])
    let now = clock()
    let task: PlannedTask
    switch event.data.purpose {
    case .victimRJInformation:
      guard
        let dueOn = try tasks.dueOn(
          PlannedTask.id(caseId: caseId, kind: .informVictim), in: context.session)
      else { return }
      task = PlannedTask(
        caseId: caseId, kind: .contactVictim, dueOn: dueOn, assignee: .caseWorker,
        flag: .notificationFailed)
    case .followUpSurvey:
      // The six-month survey could not be sent: a case worker asks the victim instead.
      let prefix = "\(caseId)/follow-up-survey/"
      guard event.data.notificationId.hasPrefix(prefix) else { return }
      var followUp = FollowUpSurveyRule.task(
        caseId: caseId, participantId: String(event.data.notificationId.dropFirst(prefix.count)),
        participant: nil, today: LondonDay.of(now), calendar: stores.calendar(for: event.area))
      followUp.flag = .notificationFailed
      task = followUp
    case .referrerAcknowledgement, .facilitatorAllocation, .taskOverdue:
      return
    }
    for scheduled in try tasks.schedule([task], caseId: caseId, at: now, in: context.session) {
      try context.emit(
        EventOrigin(
          producer: VictimContactService.name, cause: event, caseId: caseId, now: now
        ).envelope(
          ContactTaskScheduled(
            taskId: scheduled.taskId, caseId: caseId, kind: scheduled.kind,
            dueOn: scheduled.dueOn, scheduledAt: now), purpose: "task:\(scheduled.taskId)"),
        to: EventExchange.events)
    }
  }

  /// A case intake transferred to another area stops here: it moves to transferred (closed
  /// as transferred to another area), unless it is closed or transferred already.
  func transferredOut(_ event: EventEnvelope<CaseTransferredOut>, context: InboxContext) throws {
    let caseId = event.data.caseId
    guard let journey = try cases.lockJourney(caseId, in: context.session) else {
      // Its case.opened has not arrived yet: retried (and dead-lettered, with the reason, if it
      // never does) rather than lost.
      throw TransferBeforeArrival(caseId: caseId)
    }
    let now = clock()
    do {
      let moved = try stores.stages.move(
        journey, StageChanger.Request(to: .transferred),
        by: StageChanger.Actor(subject: event.producer, role: "service"), at: now,
        calendar: stores.calendar(for: journey.area), in: context.session)
      try context.emit(
        moved,
        origin: EventOrigin(
          producer: VictimContactService.name, cause: event, caseId: caseId, now: now))
    } catch let refusal as StageMachine.Refusal {
      context.logger.notice(
        "transfer not applied to the journey",
        metadata: ["case_id": "\(caseId)", "rule": "\(refusal.rule.rawValue)"])
    }
  }
}

/// A transfer of a case whose `case.opened` has not arrived here yet.
struct TransferBeforeArrival: RedactedError {
  var caseId: String
  var redactedDescription: String { "transfer of case \(caseId) before the case arrived" }
}
