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
  let participants: ParticipantStore

  /// Plans first contact for case `caseId` if this transaction completed its arrival.
  func planIfArrived<P: EventPayload>(
    _ caseId: String, cause: EventEnvelope<P>, now: Date, context: InboxContext
  ) throws {
    guard let arrived = try cases.completeArrival(caseId, at: now, in: context.session) else {
      return
    }
    try addParticipants(arrived, at: now, in: context.session)
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

  /// The case's first participants: the victim (their details as referred, or none, and
  /// the safe-contact rules the referral gave: unknown counts as unsafe), and each bereaved
  /// family member (not known to be safe until a case worker says so).
  func addParticipants(_ arrived: ArrivedCase, at now: Date, in session: PostgresSession) throws {
    let safe = arrived.victimSafeToContact == true
    let victim = arrived.victim
    try participants.add(
      CaseParticipant(
        participantId: ParticipantStore.victimId(caseId: arrived.caseId), role: .victim,
        safeToWrite: safe, safeToCall: safe, preferredChannel: arrived.victimPreferredContact,
        language: arrived.victimLanguage, interpreterNeeded: false, addedAt: now,
        addedBy: VictimContactService.name,
        contact: victim.map {
          .init(name: $0.name, email: $0.email, phone: $0.phone, address: $0.address)
        }), caseId: arrived.caseId, in: session)
    for (index, member) in try cases.family(of: arrived.caseId, in: session).enumerated() {
      try participants.add(
        CaseParticipant(
          participantId: "\(arrived.caseId).family-\(index + 1)", role: .bereavedFamilyMember,
          safeToWrite: false, safeToCall: false, preferredChannel: nil, language: nil,
          interpreterNeeded: false, addedAt: now, addedBy: VictimContactService.name,
          contact: .init(
            name: member.name, email: member.email, phone: member.phone, address: member.address)),
        caseId: arrived.caseId, in: session)
    }
  }
}
