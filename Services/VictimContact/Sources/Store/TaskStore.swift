import EventContracts
import Foundation
import PostgresClient

/// A case's tasks: scheduled once each (their ids are deterministic), closed once; each
/// closing method returns the `contact.task-closed` events of the tasks it closed.
struct TaskStore: Sendable {
  let s: String

  init(schema: SchemaName) {
    s = schema.sql
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
    ).rows.first.map { try $0.decode(0, as: CalendarDate.self) }
  }

  /// Completes the open tasks among `taskIds`; returns the `contact.task-closed` events of
  /// those it completed.
  func complete(_ taskIds: [String], at now: Date, in session: PostgresSession) throws
    -> [ContactTaskClosed]
  {
    guard !taskIds.isEmpty else { return [] }
    return try closed(
      session.query(
        """
        UPDATE \(s).tasks SET status = 'completed', completed_at = $2
        WHERE task_id = ANY($1::text[]) AND status = 'open'
        RETURNING \(Self.closedColumns)
        """, [.textArray(taskIds), .timestamp(now)]))
  }

  /// What a closing statement returns for ``closed(_:)``.
  private static let closedColumns = "task_id, case_id, kind, status, completed_at"

  /// The `contact.task-closed` events of the tasks a closing statement returned, by task id.
  private func closed(_ result: PostgresResult) throws -> [ContactTaskClosed] {
    try result.rows.map { row in
      ContactTaskClosed(
        taskId: try row.decode(0, as: String.self), caseId: try row.decode(1, as: String.self),
        kind: try row.decodeCode(2, as: ContactTaskKind.self),
        outcome: try row.decodeCode(3, as: TaskOutcome.self),
        closedAt: try row.decode(4, as: Date.self))
    }.sorted { $0.taskId < $1.taskId }
  }

  /// Adds case action `task` (what to do sealed as `description` with `personalData`).
  func addCaseAction(
    _ task: PlannedTask, caseId: String, description: String?, at now: Date,
    personalData: CasePersonalData, in session: PostgresSession
  ) throws {
    try session.execute(
      """
      INSERT INTO \(s).tasks (task_id, case_id, kind, due_on, assignee_role, scheduled_at,
        description)
      VALUES ($1, $2, $3, $4::date, $5, $6, $7)
      """,
      [
        .text(task.taskId), .text(caseId), .text(task.kind.rawValue),
        .text(task.dueOn.description), .text(task.assignee.rawValue), .timestamp(now),
        personalData.seal(description, JourneyColumn.taskDescription, rowID: task.taskId),
      ])
  }

  /// Whether case `caseId` has a task `taskId`, open or not.
  func exists(_ taskId: String, of caseId: String, in session: PostgresSession) throws -> Bool {
    try !session.query(
      "SELECT 1 FROM \(s).tasks WHERE task_id = $1 AND case_id = $2",
      [.text(taskId), .text(caseId)]
    ).rows.isEmpty
  }

  /// Closes open task `taskId` of case `caseId` as `outcome` (with `reason` sealed); its
  /// `contact.task-closed` event, or nil when it was not open.
  func close(
    _ taskId: String, of caseId: String, as outcome: TaskOutcome, reason: String?,
    by subject: String, at now: Date, personalData: CasePersonalData,
    in session: PostgresSession
  ) throws -> ContactTaskClosed? {
    try closed(
      session.query(
        """
        UPDATE \(s).tasks SET status = $3, completed_at = $4, closed_by = $5, drop_reason = $6
        WHERE task_id = $1 AND case_id = $2 AND status = 'open'
        RETURNING \(Self.closedColumns)
        """,
        [
          .text(taskId), .text(caseId), .text(outcome.rawValue), .timestamp(now), .text(subject),
          personalData.seal(reason, JourneyColumn.taskDropReason, rowID: taskId),
        ])
    ).first
  }

  /// Drops every open task of case `caseId`, recording who (a transfer: the case is worked
  /// elsewhere now); the `contact.task-closed` events of those it dropped.
  func dropOpen(of caseId: String, by subject: String, at now: Date, in session: PostgresSession)
    throws -> [ContactTaskClosed]
  {
    try closed(
      session.query(
        """
        UPDATE \(s).tasks SET status = 'dropped', completed_at = $2, closed_by = $3
        WHERE case_id = $1 AND status = 'open'
        RETURNING \(Self.closedColumns)
        """, [.text(caseId), .timestamp(now), .text(subject)]))
  }

  /// One overdue task.
  struct Overdue: Encodable, Sendable, Equatable {
    var taskId: String
    var caseId: String
    var area: String
    var kind: String
    var dueOn: String
    var assignee: String
    var escalatedAt: Date?
  }

  /// Claims up to `limit` open tasks due before `today` that were not escalated yet, marking
  /// them escalated at `now`; rows another replica is claiming are skipped. Tasks of closed
  /// or transferred cases are not escalated, but for the follow-up surveys of closed ones.
  func claimOverdue(today: CalendarDate, now: Date, limit: Int, in session: PostgresSession)
    throws -> [Overdue]
  {
    try session.query(
      """
      WITH due AS (
        SELECT t.task_id FROM \(s).tasks t JOIN \(s).cases c ON c.case_id = t.case_id
        WHERE t.status = 'open' AND t.escalated_at IS NULL AND t.due_on < $1::date
          AND (c.stage NOT IN ('closed', 'transferred') OR t.kind = 'follow-up-survey')
        ORDER BY t.due_on LIMIT $3 FOR UPDATE OF t SKIP LOCKED
      )
      UPDATE \(s).tasks t SET escalated_at = $2 FROM due, \(s).cases c
      WHERE t.task_id = due.task_id AND c.case_id = t.case_id
      RETURNING t.task_id, t.case_id, c.area, t.kind, t.due_on::text, t.assignee_role,
        t.escalated_at
      """, [.text(today.description), .timestamp(now), .int(Int64(limit))]
    ).rows.map(Self.overdue)
  }

  /// The open tasks of `areas` due before `today`, earliest due first.
  func overdue(in areas: [String], today: CalendarDate, in session: PostgresSession) throws
    -> [Overdue]
  {
    try session.query(
      """
      SELECT t.task_id, t.case_id, c.area, t.kind, t.due_on::text, t.assignee_role,
        t.escalated_at
      FROM \(s).tasks t JOIN \(s).cases c ON c.case_id = t.case_id
      WHERE t.status = 'open' AND t.due_on < $1::date AND c.area = ANY($2::text[])
        AND (c.stage NOT IN ('closed', 'transferred') OR t.kind = 'follow-up-survey')
      ORDER BY t.due_on, t.task_id
      """, [.text(today.description), .textArray(areas)]
    ).rows.map(Self.overdue)
  }

  static func overdue(_ row: PostgresRow) throws -> Overdue {
    Overdue(
      taskId: try row.decode(0), caseId: try row.decode(1), area: try row.decode(2),
      kind: try row.decode(3), dueOn: try row.decode(4), assignee: try row.decode(5),
      escalatedAt: try row.decode(6))
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
