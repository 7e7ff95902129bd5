import EventContracts
import HubAreas

/// How the six-month follow-up survey is asked for: in writing where it is safe and there is an
/// address, otherwise by a case worker's task flagged with why. Used when the survey falls due
/// (the deadline watch) and when a written request fails (the notification outcome).
enum FollowUpSurveyRule {
  /// Working days a case worker has to follow something up themselves: ask a victim for their
  /// survey, or chase an overdue agreement item.
  static let caseWorkerDays = 5

  /// The case worker's task of asking `participant` (of case `caseId`) for their six-month
  /// survey, when the hub cannot write to them (or writing failed), flagged with why.
  static func task(
    caseId: String, participantId: String, participant: CaseParticipant?, today: CalendarDate,
    calendar: WorkingDayCalendar
  ) -> PlannedTask {
    let flag: TaskFlag =
      if participant?.safeToWrite != true {
        .unsafeToContact
      } else if participant?.preferredChannel == .phone {
        .phonePreferred
      } else {
        .noContactDetails
      }
    var task = PlannedTask(
      caseId: caseId, kind: .followUpSurvey,
      dueOn: calendar.adding(workingDays: caseWorkerDays, to: today), assignee: .caseWorker,
      flag: flag)
    task.taskId = "\(caseId)/follow-up-survey/\(participantId)"
    return task
  }

  /// The channel to write to `participant` on: their preferred one (email or letter) when
  /// they may be written to and it has an address; nil otherwise.
  static func safeWrittenChannel(for participant: CaseParticipant) -> PreferredContact? {
    guard participant.safeToWrite, let contact = participant.contact else { return nil }
    switch participant.preferredChannel {
    case .email where contact.email.isPresent: return .email
    case .letter where contact.address.isPresent: return .letter
    default: return nil
    }
  }
}
