import EventContracts
import Foundation
import PostgresClient

/// A case's tasks: scheduled once each (their ids are deterministic), completed once.
struct TaskStore: Sendable {
  let s: String

  init(schema: String) throws {
    s = try PostgresIdentifier.quoted(schema)
  }

  /// Schedules `tasks` for case `caseId`; returns those that did not exist yet (only they are
  /// announced).
  func schedule(
    _ tasks: [PlannedTask], caseId: String, at now: Date, in session: PostgresSession
  ) throws -> [PlannedTask] {
    try tasks.filter { task in
      try session.execute(
        """
        INSERT INTO \(s).tasks (task_id, case_id, kind, due_on, assignee_role, flag, scheduled_at)
        VALUES ($1, $2, $3, $4::date, $5, $6, $7)
        ON CONFLICT (task_id) DO NOTHING
        """,
        [
          .text(task.taskId), .text(caseId), .text(task.kind.rawValue),
          .text(task.dueOn.description), .text(task.assignee.rawValue),
          .optionalText(task.flag?.rawValue), .timestamp(now),
        ]) == 1
    }
  }

  /// The due date of task `taskId`, if it exists.
  func dueOn(_ taskId: String, in session: PostgresSession) throws -> CalendarDate? {
    try session.query(
      "SELECT due_on::text FROM \(s).tasks WHERE task_id = $1", [.text(taskId)]
    ).rows.first.flatMap { CalendarDate(try $0.decode(0, as: String.self)) }
  }

  /// Completes the open tasks among `taskIds`; returns how many it completed.
  @discardableResult
  func complete(_ taskIds: [String], at now: Date, in session: PostgresSession) throws -> Int {
    guard !taskIds.isEmpty else { return 0 }
    return try session.execute(
      """
      UPDATE \(s).tasks SET status = 'completed', completed_at = $2
      WHERE task_id = ANY($1::text[]) AND status = 'open'
      """, [.textArray(taskIds), .timestamp(now)])
  }

  /// Case `caseId`'s tasks, earliest due first.
  func tasks(of caseId: String, in session: PostgresSession) throws -> [CaseSummary.Task] {
    try session.query(
      """
      SELECT task_id, kind, due_on::text, assignee_role, flag, status, scheduled_at, completed_at
      FROM \(s).tasks WHERE case_id = $1 ORDER BY due_on, task_id
      """, [.text(caseId)]
    ).rows.map { row in
      CaseSummary.Task(
        taskId: try row.decode(0), kind: try row.decode(1), dueOn: try row.decode(2),
        assignee: try row.decode(3), flag: try row.decode(4), status: try row.decode(5),
        scheduledAt: try row.decode(6), completedAt: try row.decode(7))
    }
  }
}
