import EventContracts
import Foundation
import HubAreas
import Hummingbird
import ServiceRuntime

/// A case's tasks, and the overdue ones of an area:
///
/// - `POST /cases/{caseId}/tasks` `{description, dueInWorkingDays | dueOn, assignee?}`: a case
///   action, due a number of working days ahead on the area's calendar, or on a date (moved
///   to the next working day) (201).
/// - `POST /cases/{caseId}/task-closures` `{taskId, status: completed | dropped, reason}`:
///   closes an open task (task ids hold slashes, so the id travels in the body); dropping one
///   needs a reason (201; 404 for a task the case does not have; 409 `task-closed`);
///   publishes `contact.task-closed` (without the reason).
/// - `GET /tasks/overdue?area=`: open tasks past their due date in the caller's areas (or
///   one), earliest first, with when each was escalated to the area's supervisors.
struct TaskRoutes: Sendable {
  let runner: CaseActionRunner
  let stores: CaseWorkStores

  func register(on router: Router<BasicRequestContext>) {
    router.post("/cases/{caseId}/tasks") { request, context in
      try await runner.perform(
        request, context: context, audit: .recordTask, parse: TaskRequest.parse
      ) { action, task in
        try add(&action, task)
      }
    }
    router.post("/cases/{caseId}/task-closures") { request, context in
      try await runner.perform(
        request, context: context, audit: .recordTask,
        parse: { body in
          var fields = try RequestFields.parse(body)
          let taskId = fields.text("taskId", required: true)
          let status = fields.text("status", required: true)
          let reason = fields.text("reason")
          if let status, !["completed", "dropped"].contains(status) {
            fields.problem("status", "invalid-value", "must be one of completed, dropped")
          }
          if status == "dropped" && reason == nil {
            fields.problem("reason", "required", "required to drop a task: why")
          }
          try fields.finish()
          return (taskId ?? "", TaskOutcome(rawValue: status ?? "") ?? .completed, reason)
        }
      ) { action, close in
        let (taskId, status, reason) = close
        guard
          let closed = try stores.tasks.close(
            taskId, of: action.caseId, as: status, reason: reason, by: action.caller.subject,
            at: action.now, personalData: stores.personalData, in: action.session)
        else {
          guard try stores.tasks.exists(taskId, of: action.caseId, in: action.session) else {
            throw HTTPError(.notFound, message: "case \(action.caseId) has no such task")
          }
          throw CaseRuleRefusal(
            path: "/taskId", rule: "task-closed", message: "the task is closed already")
        }
        try action.emit(closedTasks: [closed])
        if reason != nil { action.touchedFields = ["task.drop-reason"] }
        return ["taskId": taskId, "status": status.rawValue]
      }
    }
    router.get("/tasks/overdue") { request, context in
      let caller = try await runner.gate.authorize(request, roles: CaseActionRunner.staff)
      var query = QueryFields(request.uri.queryParameters)
      var areas = caller.areas.sorted()
      if let area = query.string("area") {
        try caller.requireArea(area)
        areas = [area]
      }
      try query.finish()
      let today = LondonDay.of(runner.clock())
      let chosen = areas
      let tasks = try await runner.pool.withSession { session in
        try stores.tasks.overdue(in: chosen, today: today, in: session)
      }
      return try JSONResponse.make(status: .ok, ["tasks": tasks])
    }
  }

  func add(_ action: inout CaseAction, _ request: TaskRequest) throws -> [String: String] {
    try stores.requireOpen(action)
    let calendar = stores.calendar(for: action.journey.area)
    let dueOn: CalendarDate
    if let days = request.dueInWorkingDays {
      dueOn = calendar.adding(workingDays: days, to: LondonDay.of(action.now))
    } else {
      dueOn = calendar.workingDay(onOrAfter: request.dueOn ?? LondonDay.of(action.now))
    }
    let taskId = "\(action.caseId)/case-action/\(UUID().uuidString.prefix(8).lowercased())"
    var task = PlannedTask(
      caseId: action.caseId, kind: .caseAction, dueOn: dueOn, assignee: request.assignee)
    task.taskId = taskId
    try stores.tasks.addCaseAction(
      task, caseId: action.caseId, description: request.description, at: action.now,
      personalData: stores.personalData, in: action.session)
    try action.emit(
      ContactTaskScheduled(
        taskId: taskId, caseId: action.caseId, kind: .caseAction, dueOn: dueOn,
        scheduledAt: action.now), purpose: "task")
    action.touchedFields = ["task.description"]
    return ["taskId": taskId, "dueOn": dueOn.description, "assignee": request.assignee.rawValue]
  }
}

/// The body of a case action.
struct TaskRequest {
  var description: String
  var dueInWorkingDays: Int?
  var dueOn: CalendarDate?
  var assignee: TaskAssignee

  static func parse(_ body: [UInt8]) throws -> TaskRequest {
    var fields = try RequestFields.parse(body)
    let description = fields.text("description", required: true)
    let days = fields.integer("dueInWorkingDays", in: 0...260)
    let dueOn = fields.date("dueOn", required: false)
    if (days == nil) == (dueOn == nil) {
      fields.problem("dueInWorkingDays", "required", "exactly one of dueInWorkingDays, dueOn")
    }
    let assignee = fields.choice("assignee", TaskAssignee.self, required: false)
    try fields.finish()
    return TaskRequest(
      description: description ?? "", dueInWorkingDays: days, dueOn: dueOn,
      assignee: assignee ?? .caseWorker)
  }
}
