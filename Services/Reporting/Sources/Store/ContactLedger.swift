import EventContracts
import PostgresClient

/// Records scheduled and closed contact tasks and contact attempts (codes and dates only; the notes
/// never leave victim-contact), inside the caller's transaction.
struct ContactLedger: Sendable {
  let s: String

  /// A ledger over the tables of `schema`.
  init(schema: SchemaName) {
    s = schema.sql
  }

  /// Keeps a scheduled task with its due date, once per task id.
  func recordTask(_ task: ContactTaskScheduled, area: String, in session: PostgresSession)
    throws
  {
    try session.execute(
      """
      INSERT INTO \(s).contact_tasks (task_id, case_id, area, kind, due_on, scheduled_at)
      VALUES ($1, $2, $3, $4, $5::date, $6)
      ON CONFLICT (task_id) DO NOTHING
      """,
      [
        .text(task.taskId), .text(task.caseId), .text(area), .text(task.kind.rawValue),
        .text(task.dueOn.description), .timestamp(task.scheduledAt),
      ])
  }

  /// Keeps a task's closure (done or dropped, and when), once per task id; it may arrive
  /// before the task's scheduling.
  func recordTaskClosure(_ closed: ContactTaskClosed, area: String, in session: PostgresSession)
    throws
  {
    try session.execute(
      """
      INSERT INTO \(s).task_closures (task_id, case_id, area, outcome, closed_at)
      VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (task_id) DO NOTHING
      """,
      [
        .text(closed.taskId), .text(closed.caseId), .text(area), .text(closed.outcome.rawValue),
        .timestamp(closed.closedAt),
      ])
  }

  /// Keeps a contact attempt's participant, outcome, channel and time, once per attempt id.
  func recordAttempt(_ attempt: ContactRecorded, area: String, in session: PostgresSession)
    throws
  {
    try session.execute(
      """
      INSERT INTO \(s).contact_attempts (attempt_id, case_id, area, participant, outcome,
        channel, attempted_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (attempt_id) DO NOTHING
      """,
      [
        .text(attempt.attemptId), .text(attempt.caseId), .text(area),
        .text(attempt.participant.rawValue), .text(attempt.outcome.rawValue),
        .text(attempt.channel.rawValue), .timestamp(attempt.attemptedAt),
      ])
  }
}
