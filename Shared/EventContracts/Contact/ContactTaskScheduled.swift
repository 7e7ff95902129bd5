import Foundation

/// victim-contact scheduled a task with a deadline, such as sending the victim information
/// about RJ within the Victims' Code limit. Reporting judges timeliness against `dueOn`.
/// Routing key "contact.task-scheduled.v1".
public struct ContactTaskScheduled: EventPayload {
  /// "contact.task-scheduled".
  public static let eventType = "contact.task-scheduled"
  /// Version 1.
  public static let eventVersion = 1

  /// The task's id.
  public var taskId: String
  /// The hub's case id.
  public var caseId: String
  /// What must be done.
  public var kind: ContactTaskKind
  /// The last day it is on time, on the area's working-day calendar.
  public var dueOn: CalendarDate
  /// When it was scheduled.
  public var scheduledAt: Date

  /// Builds the payload.
  public init(
    taskId: String, caseId: String, kind: ContactTaskKind, dueOn: CalendarDate, scheduledAt: Date
  ) {
    self.taskId = taskId
    self.caseId = caseId
    self.kind = kind
    self.dueOn = dueOn
    self.scheduledAt = scheduledAt
  }
}

/// Tasks victim-contact schedules for a case (values may be added within version 1).
public enum ContactTaskKind: String, Codable, Sendable, CaseIterable {
  /// Acknowledge the referral to the referrer (1 working day).
  case acknowledgeReferrer = "acknowledge-referrer"
  /// Give the victim information about RJ (Victims' Code: 5 working days, 1 with enhanced
  /// rights).
  case informVictim = "inform-victim"
  /// Make first contact with the victim.
  case contactVictim = "contact-victim"
  /// Something a case worker set themselves for the case (what, in victim-contact).
  case caseAction = "case-action"
  /// Ask a victim for the distance-travelled survey six months after closure.
  case followUpSurvey = "follow-up-survey"
  /// Follow up an outcome agreement item that passed its due date unsettled.
  case agreementItemOverdue = "agreement-item-overdue"
}
