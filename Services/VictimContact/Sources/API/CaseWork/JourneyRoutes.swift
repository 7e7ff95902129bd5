import AccessControl
import EventContracts
import Foundation
import HubAreas
import Hummingbird
import PostgresClient
import ServiceRuntime

/// Moving a case along its journey, assigning it, and finding cases:
///
/// - `POST /cases/{caseId}/stage` `{stage, closureReason?, unsuitableReason?, reason?}`: the
///   move ``StageMachine`` allows (201 with the change), or 409 naming the rule that blocks
///   it. Transfers go through intake's `POST /cases/{caseId}/transfers`.
/// - `POST /cases/{caseId}/assignment` `{caseWorker}`: a supervisor assigns anyone; a case
///   worker only themselves.
/// - `GET /cases?area=&assignedTo=me&stage=&q=`: the caller's areas' cases (or one area's),
///   newest first, at most 200, without personal data; `q` matches the start of a case id or
///   referral id.
struct JourneyRoutes: Sendable {
  let runner: CaseActionRunner
  let stores: CaseWorkStores
  let reader: CaseListReader

  func register(on router: Router<BasicRequestContext>) {
    router.post("/cases/{caseId}/stage") { request, context in
      try await runner.perform(
        request, context: context, audit: .changeStage, parse: StageRequest.parse
      ) { action, move in
        try changeStage(&action, move)
      }
    }
    router.post("/cases/{caseId}/assignment") { request, context in
      try await runner.perform(
        request, context: context, audit: .assignCase, status: .ok,
        parse: { body in
          var fields = try RequestFields.parse(body)
          let worker = fields.text("caseWorker", required: true)
          try fields.finish()
          return worker ?? ""
        }
      ) { action, worker in
        if !action.caller.roles.contains(.supervisor) && worker != action.caller.subject {
          throw HTTPError(.forbidden, message: "a case worker may assign a case only to themselves")
        }
        try stores.cases.assign(action.caseId, to: worker, in: action.session)
        return ["caseId": action.caseId, "assignedTo": worker]
      }
    }
    router.get("/cases") { request, context in
      try await listCases(request, context: context)
    }
  }

  /// What `POST /cases/{caseId}/stage` asks.
  struct StageRequest {
    var move: StageChanger.Request

    static func parse(_ body: [UInt8]) throws -> StageRequest {
      var fields = try RequestFields.parse(body)
      let stage = fields.choice("stage", CaseStage.self)
      let closure = fields.choice("closureReason", ClosureReason.self, required: false)
      let unsuitable = fields.choice("unsuitableReason", UnsuitableReason.self, required: false)
      let reason = fields.text("reason")
      if stage == .transferred {
        fields.problem(
          "stage", "invalid-value",
          "a case is transferred through intake's POST /cases/{caseId}/transfers")
      }
      if closure != nil && stage != .closed {
        fields.problem("closureReason", "invalid-value", "only for a move to closed")
      }
      if unsuitable != nil && closure != .unsuitable {
        fields.problem("unsuitableReason", "invalid-value", "only for a closure as unsuitable")
      }
      try fields.finish()
      return StageRequest(
        move: StageChanger.Request(
          to: stage ?? .closed, closureReason: closure, unsuitableReason: unsuitable,
          reason: reason))
    }
  }

  func changeStage(_ action: inout CaseAction, _ request: StageRequest) throws
    -> StageChangeStore.Change
  {
    let moved: StageChanger.Moved
    do {
      moved = try stores.stages.move(
        action.journey, request.move,
        by: StageChanger.Actor(subject: action.caller.subject, role: action.role.rawValue),
        at: action.now, calendar: stores.calendar(for: action.journey.area),
        in: action.session)
    } catch let refusal as StageMachine.Refusal {
      throw CaseRuleRefusal(refusal)
    }
    try action.emit(moved)
    let changed = moved.change
    if request.move.reason != nil { action.touchedFields.append("stage-change.reason") }
    return StageChangeStore.Change(
      sequence: changed.sequence, from: changed.previousStage, to: changed.stage,
      move: changed.move ?? .advance, changedAt: changed.changedAt,
      changedBy: action.caller.subject, role: action.role.rawValue,
      closureReason: changed.closureReason, unsuitableReason: changed.unsuitableReason,
      reason: request.move.reason)
  }

  func listCases(_ request: Request, context: BasicRequestContext) async throws -> Response {
    let caller = try await runner.gate.authorize(request, roles: CaseActionRunner.staff)
    var query = QueryFields(request.uri.queryParameters)
    var areas = caller.areas.sorted()
    if let area = query.string("area") {
      try caller.requireArea(area)
      areas = [area]
    }
    var stage: CaseStage?
    if let text = query.string("stage") {
      stage = CaseStage(rawValue: text)
      if stage == nil { query.problem("stage", "invalid-value", "must be a case stage") }
    }
    let assignee = query.string("assignedTo").map { $0 == "me" ? caller.subject : $0 }
    let search = query.string("q")
    if let search, search.count > 100 {
      query.problem("q", "too-long", "must be at most 100 characters")
    }
    try query.finish()
    let today = LondonDay.of(runner.clock())
    let (chosenAreas, chosenStage, chosenAssignee) = (areas, stage, assignee)
    let cases = try await runner.pool.withSession { session in
      try reader.cases(
        in: chosenAreas, stage: chosenStage, assignedTo: chosenAssignee, search: search,
        today: today,
        in: session)
    }
    return try JSONResponse.make(status: .ok, ["cases": cases])
  }
}
