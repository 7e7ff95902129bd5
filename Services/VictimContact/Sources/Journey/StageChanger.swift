import EventContracts
import Foundation
import HubAreas
import PostgresClient

/// Moves a case through its journey: asks ``StageMachine`` with the recorded facts, and when
/// the move is allowed records it (who, when, why), updates the case and returns the
/// `case.stage-changed` event (and any `contact.task-closed`) to publish with the caller's
/// other writes. A closure also
/// schedules the six-month follow-up survey of each victim who answered a start survey; a
/// reopening cancels those not asked yet; a transfer drops the case's open tasks.
struct StageChanger: Sendable {
  let cases: CaseStore
  let changes: StageChangeStore
  let facts: JourneyFactsReader
  let followUps: FollowUpSurveyStore
  let tasks: TaskStore

  /// What a move asks for.
  struct Request: Sendable, Equatable {
    /// The stage to move to.
    var to: CaseStage
    /// Why the case is closed, for a closure (transfers are closed as transferred).
    var closureReason: ClosureReason?
    /// Why it is unsuitable, for a closure as unsuitable.
    var unsuitableReason: UnsuitableReason?
    /// Why, in words (personal data; needed for a closure as `other`).
    var reason: String?
  }

  /// Who moves the case.
  struct Actor: Sendable, Equatable {
    /// Their subject (or the service, for moves made by an event).
    var subject: String
    /// The role they act in.
    var role: String
  }

  /// A move made: the events to publish with the caller's other writes.
  struct Moved: Sendable {
    /// The `case.stage-changed` event.
    var change: CaseStageChanged
    /// The `contact.task-closed` events of the tasks the move dropped (a transfer's).
    var droppedTasks: [ContactTaskClosed] = []

    /// The outbox purpose of a stage change (its message id is derived from the cause and
    /// it), the same whether a case worker's request or an event moved the case.
    static func purpose(_ change: CaseStageChanged) -> String { "stage-\(change.sequence)" }

    /// The outbox purpose of a task's closure, whatever closed it.
    static func purpose(_ closed: ContactTaskClosed) -> String { "task-closed:\(closed.taskId)" }
  }

  /// The day the six-month follow-up survey of a case closed at `closedAt` is due: the first
  /// working day on `calendar` on or after the same London day six months later (the last
  /// day of the month when that month is shorter).
  static func followUpSurveyDue(closedAt: Date, calendar: WorkingDayCalendar) -> CalendarDate {
    calendar.workingDay(onOrAfter: LondonDay.of(closedAt).adding(months: 6))
  }

  /// Moves `journey` as `request` asks, at `now`, on `calendar` (for the follow-up date).
  /// - Throws: ``StageMachine/Refusal`` naming the rule when the move is not allowed.
  func move(
    _ journey: CaseJourney, _ request: Request, by actor: Actor, at now: Date,
    calendar: WorkingDayCalendar, in session: PostgresSession
  ) throws -> Moved {
    var facts = try facts.facts(of: journey, in: session)
    facts.closureReason = request.to == .transferred ? .transferred : request.closureReason
    facts.closureExplained = request.reason != nil
    facts.unsuitableReason = request.unsuitableReason
    facts.supervisorExplained = actor.role == "supervisor" && request.reason != nil
    let move = try StageMachine.decide(from: journey.stage, to: request.to, facts: facts).get()
    let closure: ClosureReason? =
      switch move {
      case .close: request.closureReason
      case .transfer: .transferred
      default: nil
      }
    let unsuitable = closure == .unsuitable ? request.unsuitableReason : nil
    let sequence = journey.stageSequence + 1
    try changes.record(
      StageChangeStore.Change(
        sequence: sequence, from: journey.stage, to: request.to, move: move, changedAt: now,
        changedBy: actor.subject, role: actor.role, closureReason: closure,
        unsuitableReason: unsuitable, reason: request.reason),
      caseId: journey.caseId, in: session)
    try cases.moveStage(
      journey.caseId, to: request.to, sequence: sequence, at: now,
      pausedFrom: move == .pause ? journey.stage : nil, closureReason: closure, in: session)
    var moved = Moved(
      change: CaseStageChanged(
        caseId: journey.caseId, stage: request.to, previousStage: journey.stage,
        sequence: sequence, changedAt: now, move: move, closureReason: closure,
        unsuitableReason: unsuitable))
    switch move {
    case .close:
      let due = Self.followUpSurveyDue(closedAt: now, calendar: calendar)
      try followUps.schedule(caseId: journey.caseId, dueOn: due, in: session)
    case .reopen:
      try followUps.cancelUnasked(caseId: journey.caseId, in: session)
    case .transfer:
      // The receiving area works the case now: nothing stays open, or overdue, here.
      moved.droppedTasks = try tasks.dropOpen(
        of: journey.caseId, by: actor.subject, at: now, in: session)
    default:
      break
    }
    return moved
  }
}
