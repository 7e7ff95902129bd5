import DurableMessaging
import EventContracts
import Foundation
import Logging
import PostgresClient

/// Acts on a case once both of its halves have arrived, exactly once: schedules its tasks,
/// requests its notifications and announces both, in the transaction that completed the pair.
struct FirstContactPlanner: Sendable {
  let cases: CaseStore
  let tasks: TaskStore
  let notifications: NotificationLedger
  let deadlines: VictimsCodeDeadlines
  let participants: ArrivalParticipants

  /// Plans first contact for case `caseId` if this transaction completed its arrival.
  func planIfArrived<P: EventPayload>(
    _ caseId: String, cause: EventEnvelope<P>, now: Date, context: InboxContext
  ) throws {
    guard let arrived = try cases.completeArrival(caseId, at: now, in: context.session) else {
      return
    }
    try participants.add(for: arrived, at: now, in: context.session)
    let plan = FirstContactPlan(for: arrived, deadlines: deadlines)
    var origin = EventOrigin(
      producer: VictimContactService.name, cause: cause, caseId: caseId, now: now)
    origin.area = arrived.area
    let scheduled = try tasks.schedule(plan.tasks, caseId: caseId, at: now, in: context.session)
    for task in scheduled {
      try context.emit(
        origin.envelope(
          ContactTaskScheduled(
            taskId: task.taskId, caseId: caseId, kind: task.kind, dueOn: task.dueOn,
            scheduledAt: now), purpose: "task:\(task.taskId)"),
        to: EventExchange.events)
    }
    for notification in plan.notifications {
      guard try notifications.requested(notification, caseId: caseId, at: now, in: context.session)
      else { continue }
      try context.emit(
        origin.envelope(
          NotificationRequested(
            notificationId: notification.notificationId, caseId: caseId,
            purpose: notification.purpose, channel: notification.channel,
            recipient: notification.recipient, language: notification.language,
            values: notification.values, requestedAt: now),
          purpose: "notification:\(notification.notificationId)"),
        to: EventExchange.events)
    }
    let beyondCalendar = plan.tasks.filter {
      !deadlines.calendar(for: arrived.area).covers($0.dueOn)
    }
    if !beyondCalendar.isEmpty {
      context.logger.warning(
        "deadline beyond the bank holidays the calendar knows; only weekends skipped",
        metadata: ["case_id": "\(caseId)", "due_on": "\(beyondCalendar[0].dueOn)"])
    }
    context.logger.info(
      "first contact planned",
      metadata: [
        "case_id": "\(caseId)", "tasks": "\(plan.tasks.map(\.kind.rawValue))",
        "notifications": "\(plan.notifications.map(\.purpose.rawValue))",
        "flags": "\(plan.tasks.compactMap(\.flag?.rawValue))",
      ])
  }
}
