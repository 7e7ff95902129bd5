import EventContracts

/// Who works a task.
enum TaskAssignee: String, Sendable, Codable, CaseIterable {
  /// Any case worker of the area.
  case caseWorker = "case-worker"
  /// A supervisor: the task needs a decision, e.g. how to reach a victim marked unsafe.
  case supervisor
}

/// Why a task needs particular care; shown to staff with the task.
enum TaskFlag: String, Sendable, Codable {
  /// The victim must not be written to or called as things stand (or nobody said they may).
  case unsafeToContact = "unsafe-to-contact"
  /// The victim prefers a phone call, so a case worker calls instead of a letter or email.
  case phonePreferred = "phone-preferred"
  /// The victim's preferred channel has no address or number to use.
  case noContactDetails = "no-contact-details"
  /// The referrer left neither an email nor a postal address for the acknowledgement.
  case noReferrerContact = "no-referrer-contact"
  /// The RJ information could not be delivered; a case worker must reach the victim.
  case notificationFailed = "notification-failed"
  /// The victim's language is not English: informing them needs an interpreter or translated
  /// material (``InterpreterNeed``).
  case interpreterNeeded = "interpreter-needed"
}

/// A task to schedule for a case, with its deadline.
struct PlannedTask: Sendable, Equatable {
  /// Deterministic: `<caseId>/<kind>`, so scheduling twice finds the same task.
  var taskId: String
  /// What must be done.
  var kind: ContactTaskKind
  /// The last day it is on time.
  var dueOn: CalendarDate
  /// Who works it.
  var assignee: TaskAssignee
  /// Why it needs care, if it does.
  var flag: TaskFlag?

  /// A task of `kind` for case `caseId`, with its deterministic id.
  init(
    caseId: String, kind: ContactTaskKind, dueOn: CalendarDate, assignee: TaskAssignee,
    flag: TaskFlag? = nil
  ) {
    self.taskId = Self.id(caseId: caseId, kind: kind)
    self.kind = kind
    self.dueOn = dueOn
    self.assignee = assignee
    self.flag = flag
  }

  /// The id of case `caseId`'s task of `kind`.
  static func id(caseId: String, kind: ContactTaskKind) -> String { "\(caseId)/\(kind.rawValue)" }
}

/// A notification to request for a case.
struct PlannedNotification: Sendable, Equatable {
  /// Deterministic: `<caseId>/<purpose>`, so notifications sends it at most once.
  var notificationId: String
  /// What it is for.
  var purpose: NotificationPurpose
  /// How to send it.
  var channel: PreferredContact
  /// Who receives it (personal data).
  var recipient: NotificationRequested.Recipient
  /// The language to write in.
  var language: String?
  /// The template's values (no personal data).
  var values: [String: String]

  /// The id of case `caseId`'s notification for `purpose`.
  static func id(caseId: String, purpose: NotificationPurpose) -> String {
    "\(caseId)/\(purpose.rawValue)"
  }
}
