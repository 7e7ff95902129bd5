import DurableMessaging
import EventContracts
import Foundation
import HubAreas
import Logging
import PostgresClient
import ServiceLifecycle

/// Watches the journey's dates, every `interval`, on every replica (claims with SKIP LOCKED
/// keep them apart, and each claim commits with the events it causes):
///
/// - An open task past its due date is escalated once: the area's supervisors are notified
///   (`task-overdue`, ids and the date only) — the overdue list shows it either way.
/// - A case planned before the journey's participants existed gets them (its victim and
///   bereaved family members, as referred), so that it can be worked like any other.
/// - A six-month follow-up survey that has come due is asked for once: the victim is sent
///   it on their preferred channel where it is safe to write to them; otherwise a case
///   worker gets a follow-up-survey task (5 working days), flagged with why, to ask them.
/// - An outcome agreement item past its due date and still open raises, once, an
///   agreement-item-overdue task for a case worker (5 working days), which escalates like any
///   other task when it is overdue in turn; settling the item completes it.
struct JourneyDeadlineWatch: Service {
  let pool: PostgresConnectionPool
  let outbox: Outbox
  let stores: CaseWorkStores
  let areas: HubAreaDirectory
  let interval: Duration
  let logger: Logger
  let clock: @Sendable () -> Date

  var tasks: TaskStore { stores.tasks }
  var followUps: FollowUpSurveyStore { stores.followUps }
  var participants: ParticipantStore { stores.participants }

  /// Rows claimed per round.
  static let batchSize = 100

  func run() async throws {
    while !Task.isShuttingDownGracefully && !Task.isCancelled {
      do {
        let (escalated, asked) = try await round()
        if escalated + asked >= Self.batchSize { continue }
      } catch is CancellationError {
        break
      } catch {
        logger.warning(
          "journey deadline round failed; retrying", metadata: ["error": "\(type(of: error))"])
      }
      try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
    }
  }

  /// One round: escalates overdue tasks and asks for due follow-ups; how many of each.
  func round() async throws -> (escalated: Int, asked: Int) {
    let now = clock()
    let today = LondonDay.of(now)
    return try await pool.withTransaction { session in
      var messages: [OutboxMessage] = []
      let overdue = try tasks.claimOverdue(
        today: today, now: now, limit: Self.batchSize, in: session)
      for task in overdue {
        guard let message = try escalation(of: task, now: now) else { continue }
        messages.append(message)
      }
      // Cases planned before the journey had participants get theirs.
      let unpeopled = try stores.cases.plannedWithoutParticipants(
        limit: Self.batchSize, in: session)
      for arrived in unpeopled {
        try stores.arrivals.add(for: arrived, at: now, in: session)
      }
      let due = try followUps.claimDue(today: today, now: now, limit: Self.batchSize, in: session)
      for followUp in due {
        messages += try ask(followUp, now: now, today: today, in: session)
      }
      let items = try stores.agreements.claimOverdue(
        today: today, now: now, limit: Self.batchSize, in: session)
      for item in items {
        messages += try raiseTask(for: item, now: now, today: today, in: session)
      }
      try outbox.enqueue(messages, in: session)
      if !overdue.isEmpty || !due.isEmpty || !unpeopled.isEmpty || !items.isEmpty {
        logger.info(
          "journey deadlines acted on",
          metadata: [
            "overdue_tasks": "\(overdue.count)", "follow_up_surveys": "\(due.count)",
            "cases_given_participants": "\(unpeopled.count)",
            "overdue_agreement_items": "\(items.count)",
          ])
      }
      return (overdue.count, max(due.count, items.count))
    }
  }

  /// The notification telling `task`'s area's supervisors it is overdue; nil when the area
  /// has no address for them (the task stays in the overdue list).
  func escalation(of task: TaskStore.Overdue, now: Date) throws -> OutboxMessage? {
    let area = areas[task.area]
    guard let email = area?.supervisorsEmail ?? area?.contact.email else {
      logger.notice(
        "overdue task not notified: the area has no supervisors' email",
        metadata: ["case_id": "\(task.caseId)", "area": "\(task.area)"])
      return nil
    }
    let notificationId = "\(task.taskId)/task-overdue"
    return try message(
      NotificationRequested(
        notificationId: notificationId, caseId: task.caseId, purpose: .taskOverdue,
        channel: .email,
        recipient: .init(name: "\(area?.name ?? task.area) supervisors", email: email),
        values: [
          "caseId": task.caseId, "taskId": task.taskId, "taskKind": task.kind,
          "dueOn": task.dueOn,
        ],
        requestedAt: now), area: task.area, caseId: task.caseId, key: notificationId, now: now)
  }

  /// The request for `followUp`: a notification to the victim where it is safe, else a task.
  func ask(
    _ followUp: FollowUpSurveyStore.Due, now: Date, today: CalendarDate,
    in session: PostgresSession
  ) throws -> [OutboxMessage] {
    let participant = try participants.participant(
      followUp.participantId, of: followUp.caseId, in: session)
    let key = "\(followUp.participantId)/follow-up-survey"
    if let participant, let channel = FollowUpSurveyRule.safeWrittenChannel(for: participant),
      let contact = participant.contact
    {
      return [
        try message(
          NotificationRequested(
            notificationId: "\(followUp.caseId)/follow-up-survey/\(followUp.participantId)",
            caseId: followUp.caseId, purpose: .followUpSurvey, channel: channel,
            recipient: .init(
              name: contact.name, email: contact.email, address: contact.address),
            language: participant.language, values: ["caseId": followUp.caseId],
            requestedAt: now), area: followUp.area, caseId: followUp.caseId, key: key, now: now)
      ]
    }
    let task = FollowUpSurveyRule.task(
      caseId: followUp.caseId, participantId: followUp.participantId, participant: participant,
      today: today, calendar: stores.calendar(for: followUp.area))
    return try tasks.schedule([task], caseId: followUp.caseId, at: now, in: session).map {
      try message(
        ContactTaskScheduled(
          taskId: $0.taskId, caseId: followUp.caseId, kind: $0.kind, dueOn: $0.dueOn,
          scheduledAt: now), area: followUp.area, caseId: followUp.caseId, key: key, now: now)
    }
  }

  /// The case worker's task for overdue agreement `item`: follow it up (5 working days).
  func raiseTask(
    for item: AgreementStore.OverdueItem, now: Date, today: CalendarDate,
    in session: PostgresSession
  ) throws -> [OutboxMessage] {
    var task = PlannedTask(
      caseId: item.caseId, kind: .agreementItemOverdue,
      dueOn: stores.calendar(for: item.area).adding(
        workingDays: FollowUpSurveyRule.caseWorkerDays, to: today),
      assignee: .caseWorker)
    task.taskId = AgreementStore.overdueTaskId(caseId: item.caseId, itemId: item.itemId)
    return try tasks.schedule([task], caseId: item.caseId, at: now, in: session).map {
      try message(
        ContactTaskScheduled(
          taskId: $0.taskId, caseId: item.caseId, kind: $0.kind, dueOn: $0.dueOn,
          scheduledAt: now), area: item.area, caseId: item.caseId, key: $0.taskId, now: now)
    }
  }

  /// `data` as an outbox message whose id is derived from `key` (one id per thing asked).
  func message<P: EventPayload>(
    _ data: P, area: String, caseId: String, key: String, now: Date
  ) throws -> OutboxMessage {
    // A watch's event starts its own conversation: its correlation id is its own id.
    let base = UUID(uuidString: "6f1c0a4e-8d2b-4b7a-9e3f-5a6b7c8d9e0f")!
    return try EventOrigin(
      producer: VictimContactService.name, area: area, caseId: caseId,
      correlationId: DerivedMessageID.make(from: base, purpose: key), idBase: base, now: now
    ).message(data, purpose: key)
  }
}
