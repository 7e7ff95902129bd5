import AccessControl
import AuditTrail
import DurableMessaging
import EventContracts
import Foundation
import HubAreas
import Hummingbird
import PostgresClient
import ServiceRuntime

/// Complaints about a case or the service, answered within 28 days:
///
/// - `POST /complaints` `{area, caseId?, receivedAt?, summary}`: logs one (201); its response
///   is due 28 days after the London day it was received.
/// - `GET /complaints?area=&open=true`: the area's complaints, oldest first, each marked
///   overdue when not answered by its date.
/// - `POST /complaints/{complaintId}/acknowledgement`: acknowledged (201).
/// - `POST /complaints/{complaintId}/response` `{outcome, response}`: answered (201; 409
///   `complaint-answered`).
struct ComplaintRoutes: Sendable {
  let runner: CaseActionRunner
  let stores: CaseWorkStores

  /// Days a complainant waits at most for a response.
  static let responseDays = 28

  func register(on router: Router<BasicRequestContext>) {
    router.post("/complaints") { request, context in
      try await log(request, context: context)
    }
    router.get("/complaints") { request, context in
      let caller = try await runner.gate.authorize(request, roles: CaseActionRunner.staff)
      var query = QueryFields(request.uri.queryParameters)
      let area = query.string("area", required: true, expecting: "required: the area")
      let openOnly = query.string("open") == "true"
      try query.finish()
      guard let area else { throw RequestValidationFailure(problems: query.problems) }
      try caller.requireArea(area)
      let today = LondonDay.of(runner.clock())
      let complaints = try await runner.pool.withTransaction { session in
        let list = try stores.complaints.complaints(
          area: area, openOnly: openOnly, today: today, withPersonalData: true, in: session)
        try audit(
          .readComplaints, caller, caseId: nil,
          fields: ["complaint.summary", "complaint.response"],
          session)
        return list
      }
      return try JSONResponse.make(status: .ok, ["complaints": complaints])
    }
    router.post("/complaints/{complaintId}/acknowledgement") { request, context in
      try await update(request, context: context) { complaint, _, now, session in
        guard complaint.status == .received else {
          throw CaseRuleRefusal(
            path: "", rule: "complaint-acknowledged", message: "acknowledged already")
        }
        try stores.complaints.acknowledge(complaint.complaintId, at: now, in: session)
      }
    }
    router.post("/complaints/{complaintId}/response") { request, context in
      try await update(request, context: context) { complaint, body, now, session in
        guard complaint.status != .responded else {
          throw CaseRuleRefusal(path: "", rule: "complaint-answered", message: "answered already")
        }
        var fields = try RequestFields.parse(body)
        let outcome = fields.choice("outcome", ComplaintOutcome.self)
        let response = fields.text("response", required: true)
        try fields.finish()
        try stores.complaints.respond(
          complaint.complaintId, outcome: outcome ?? .notUpheld, response: response, at: now,
          in: session)
      }
    }
  }

  func log(_ request: Request, context: BasicRequestContext) async throws -> Response {
    let caller = try await runner.gate.authorize(request, roles: CaseActionRunner.staff)
    var request = request
    let body = try await request.collectBody(upTo: CaseActionRunner.maximumBodySize)
    var fields = try RequestFields.parse(Array(body.readableBytesView))
    let area = fields.text("area", required: true)
    let caseId = fields.text("caseId")
    let receivedAt = fields.instant("receivedAt", required: false)
    let summary = fields.text("summary", required: true)
    try fields.finish()
    guard let area, let summary else { throw RequestValidationFailure(problems: fields.problems) }
    try caller.requireArea(area)
    let now = runner.clock()
    let received = receivedAt ?? now
    let complaint = CaseComplaint(
      complaintId: UUID().uuidString.lowercased(), area: area, caseId: caseId,
      about: caseId == nil ? "service" : "case", receivedAt: received,
      respondBy: LondonDay.of(received).adding(days: Self.responseDays), status: .received,
      revision: 1, recordedBy: caller.subject, summary: summary)
    try await runner.pool.withTransaction { session in
      if let caseId {
        guard try stores.cases.area(of: caseId, in: session) == area else {
          throw RequestValidationFailure(problems: [
            FieldProblem(
              path: "/caseId", code: "invalid-value", message: "no such case in the area")
          ])
        }
      }
      try stores.complaints.log(complaint, in: session)
      try publish(complaint, now: now, in: session)
      try audit(.recordComplaint, caller, caseId: caseId, fields: ["complaint.summary"], session)
    }
    return try JSONResponse.make(status: .created, complaint)
  }

  /// Locks complaint `{complaintId}` of an area of the caller's, applies `change` and
  /// publishes the complaint as it then stands.
  func update(
    _ request: Request, context: BasicRequestContext,
    _ change: @escaping @Sendable (CaseComplaint, [UInt8], Date, PostgresSession) throws -> Void
  ) async throws -> Response {
    let caller = try await runner.gate.authorize(request, roles: CaseActionRunner.staff)
    let id = try context.parameters.require("complaintId")
    var request = request
    let body = try await request.collectBody(upTo: CaseActionRunner.maximumBodySize)
    let now = runner.clock()
    let today = LondonDay.of(now)
    let updated = try await runner.pool.withTransaction { session in
      guard let complaint = try stores.complaints.lock(id, today: today, in: session) else {
        throw HTTPError(.notFound, message: "no complaint \(id)")
      }
      try caller.requireArea(complaint.area)
      try change(complaint, Array(body.readableBytesView), now, session)
      guard let updated = try stores.complaints.lock(id, today: today, in: session) else {
        throw HTTPError(.notFound, message: "no complaint \(id)")
      }
      try publish(updated, now: now, in: session)
      try audit(
        .recordComplaint, caller, caseId: updated.caseId, fields: ["complaint.response"], session)
      return updated
    }
    return try JSONResponse.make(status: .created, updated)
  }

  func publish(_ complaint: CaseComplaint, now: Date, in session: PostgresSession) throws {
    let id = UUID(uuidString: complaint.complaintId) ?? UUID()
    try runner.outbox.enqueue(
      [
        try EventOrigin(
          producer: VictimContactService.name, area: complaint.area, caseId: complaint.caseId,
          correlationId: id, idBase: id, now: now
        ).message(complaint.event, purpose: "complaint-\(complaint.revision)")
      ], in: session)
  }

  func audit(
    _ action: PersonalDataAccessLog.Action, _ caller: AccessToken, caseId: String?,
    fields: [String], _ session: PostgresSession
  ) throws {
    try runner.accessLog.record(
      action, by: caller, actingAs: CaseActionRunner.staff, caseId: caseId, fields: fields,
      in: session)
  }
}
