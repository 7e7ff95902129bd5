import Foundation

/// victim-contact closed a task: done (by a case worker, or by what the task asked for
/// happening, such as the victim's RJ information being sent), or dropped (by a case worker
/// with a reason, or with every open task of a case transferred to another area). With
/// ``ContactTaskScheduled`` it tells reporting which tasks are open, and overdue, on any day.
/// Why a task was dropped is free text and stays in victim-contact.
/// Routing key "contact.task-closed.v1".
public struct ContactTaskClosed: EventPayload {
  /// "contact.task-closed".
  public static let eventType = "contact.task-closed"
  /// Version 1.
  public static let eventVersion = 1

  /// The task's id, as in its `contact.task-scheduled`.
  public var taskId: String
  /// The hub's case id.
  public var caseId: String
  /// What the task asked for.
  public var kind: ContactTaskKind
  /// Done or dropped.
  public var outcome: TaskOutcome
  /// When it was closed.
  public var closedAt: Date

  /// Builds the payload.
  public init(
    taskId: String, caseId: String, kind: ContactTaskKind, outcome: TaskOutcome, closedAt: Date
  ) {
    self.taskId = taskId
    self.caseId = caseId
    self.kind = kind
    self.outcome = outcome
    self.closedAt = closedAt
  }
}

/// How a task was closed.
public enum TaskOutcome: String, Codable, Sendable, CaseIterable {
  /// What it asked for was done.
  case completed
  /// It will not be done: a case worker dropped it (with a reason kept in victim-contact), or
  /// the case went to another area.
  case dropped
}
