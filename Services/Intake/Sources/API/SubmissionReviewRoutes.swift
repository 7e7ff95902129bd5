import AccessControl
import AuditTrail
import DurableMessaging
import EventContracts
import Foundation
import Hummingbird
import Logging
import PostgresClient
import ServiceRuntime

/// The hub's review queue over intake's kept submissions (`docs/openapi/intake.yaml`), for
/// case workers and supervisors of the submission's area, and administrators (who alone see
/// submissions with no area the hub serves, listed under `area=unknown`):
///
/// - `GET /submissions?area=…` lists submissions newest first, without personal data; filters
///   `outcome`, `from`, `to` (dates or date-times), `referralId`, `crimeReference`, and
///   `victimName` with `victimDateOfBirth` (matched by keyed hash, never stored or compared in
///   clear); `before` (the `receivedAt` of the last one seen) pages back; `limit` 1–200.
/// - `GET /submissions/{submissionId}` opens one, with its errors and the body as sent.
/// - `POST /submissions/{submissionId}/corrections` sends a corrected body for a rejected
///   submission through the same pipeline as every referral: accepted, linked or rejected
///   again, answered like `POST /referrals`, and the correction names what it corrects.
///
/// Searches by personal fields, views and corrections are audited in their transaction.
struct SubmissionReviewRoutes: Sendable {
  let gate: AccessGate
  let review: SubmissionReview
  let reception: ReferralReception
  let auditLog: AuditLog
  let pool: PostgresConnectionPool
  let outbox: Outbox

  /// Roles that review submissions.
  static let reviewers: Set<Role> = [.caseWorker, .supervisor, .administrator]

  func register(on router: Router<BasicRequestContext>) {
    router.get("/submissions") { request, _ in try await list(request) }
    router.get("/submissions/{submissionId}") { request, context in
      try await view(request, id: try context.parameters.require("submissionId"))
    }
    router.post("/submissions/{submissionId}/corrections") { request, context in
      try await correct(
        request, id: try context.parameters.require("submissionId"), logger: context.logger)
    }
    router.post("/submissions/{submissionId}/review") { request, context in
      try await check(request, id: try context.parameters.require("submissionId"))
    }
  }

  /// `GET /submissions`.
  func list(_ request: Request) async throws -> Response {
    let caller = try await gate.authorize(request, roles: Self.reviewers)
    let query = try SubmissionQuery(
      request.uri.queryParameters, servedAreas: review.servedAreas, sealer: review.sealer)
    if let area = query.filter.area {
      try caller.requireArea(area)
    } else {
      try Self.requireAdministrator(caller)
    }
    let found = try await pool.withTransaction { session in
      let found = try review.list(query.filter, in: session)
      if !query.personalFields.isEmpty {
        try auditLog.record(
          AuditEntry(
            subject: caller.subject, role: Self.role(of: caller), action: "search-submissions",
            fields: query.personalFields), in: session)
      }
      return found
    }
    return try JSONResponse.make(status: .ok, ["submissions": found])
  }

  /// `GET /submissions/{submissionId}`.
  func view(_ request: Request, id: String) async throws -> Response {
    let caller = try await gate.authorize(request, roles: Self.reviewers)
    let detail = try await pool.withTransaction { session in
      guard let detail = try review.detail(id, in: session) else {
        throw HTTPError(.notFound, message: "no submission \(id)")
      }
      try authorize(caller, for: detail.summary)
      try auditLog.record(
        AuditEntry(
          subject: caller.subject, role: Self.role(of: caller), action: "read-submission",
          caseId: detail.summary.caseId, fields: ["submission.raw-body"]), in: session)
      return detail
    }
    return try JSONResponse.make(status: .ok, detail)
  }

  /// `POST /submissions/{submissionId}/corrections`.
  func correct(_ request: Request, id: String, logger: Logger) async throws -> Response {
    let caller = try await gate.authorize(request, roles: Self.reviewers)
    var request = request
    let body = Array(
      try await request.collectBody(upTo: ReferralRoutes.maximumBodySize).readableBytesView)
    let incoming = IncomingReferral(
      body: body, submissionId: "correction-\(UUID().uuidString.lowercased())",
      correlationId: nil, replyTo: nil, channel: .review, corrects: id)
    let received = try await pool.withTransaction { session in
      guard let original = try review.summary(id, in: session) else {
        throw HTTPError(.notFound, message: "no submission \(id)")
      }
      try authorize(caller, for: original)
      guard original.outcome == ReceivedReferral.Outcome.rejected.rawValue else {
        throw HTTPError(
          .conflict,
          message: "only a rejected submission can be corrected; this one was \(original.outcome)")
      }
      let received = try reception.receive(incoming, in: session, logger: logger)
      try outbox.enqueue(received.messages, in: session)
      var caseId: String?
      if case .accepted(let answer) = received.answer { caseId = answer.data.caseId }
      try auditLog.record(
        AuditEntry(
          subject: caller.subject, role: Self.role(of: caller),
          action: "correct-submission-\(received.outcome.rawValue)", caseId: caseId,
          fields: ["submission.raw-body", "referral.personal-data"]), in: session)
      return received
    }
    return try received.response()
  }

  /// `POST /submissions/{submissionId}/review`: a case worker's check of a flagged referral,
  /// `{"decision": "confirmed"}` (the case stands on its own) or `{"decision": "duplicate",
  /// "duplicateOf": "<one of its possibleDuplicateOf>"}`; recorded once, audited.
  func check(_ request: Request, id: String) async throws -> Response {
    let caller = try await gate.authorize(request, roles: Self.reviewers)
    var request = request
    let body = Array(try await request.collectBody(upTo: 16 * 1024).readableBytesView)
    let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    let decision = object?["decision"] as? String
    let duplicateOf = object?["duplicateOf"] as? String
    let reviewed = try await pool.withTransaction { session in
      guard let summary = try review.summary(id, in: session) else {
        throw HTTPError(.notFound, message: "no submission \(id)")
      }
      try authorize(caller, for: summary)
      var problems: [FieldProblem] = []
      switch decision {
      case "confirmed"?:
        if duplicateOf != nil {
          problems.append(
            FieldProblem(
              path: "/duplicateOf", code: "invalid-value",
              message: "only with decision duplicate"))
        }
      case "duplicate"?:
        if duplicateOf.map(summary.possibleDuplicateOf.contains) != true {
          problems.append(
            FieldProblem(
              path: "/duplicateOf", code: duplicateOf == nil ? "required" : "invalid-value",
              message:
                "one of the cases it may repeat: \(summary.possibleDuplicateOf.joined(separator: ", "))"
            ))
        }
      default:
        problems.append(
          FieldProblem(
            path: "/decision", code: decision == nil ? "required" : "invalid-value",
            message: "confirmed (the case stands on its own) or duplicate"))
      }
      guard problems.isEmpty else { throw RequestValidationFailure(problems: problems) }
      guard
        try review.recordReview(
          id, decision: decision ?? "", duplicateOf: duplicateOf, by: caller.subject, at: Date(),
          in: session)
      else {
        throw HTTPError(
          .conflict, message: "only a flagged referral not yet checked can be checked")
      }
      try auditLog.record(
        AuditEntry(
          subject: caller.subject, role: Self.role(of: caller),
          action: "check-flagged-referral-\(decision ?? "")", caseId: summary.caseId),
        in: session)
      return try review.summary(id, in: session)
    }
    return try JSONResponse.make(status: .ok, reviewed)
  }

  /// A submission is reviewed in its area; one without a served area by administrators only.
  func authorize(_ caller: AccessToken, for summary: SubmissionSummary) throws {
    if let area = review.reviewArea(of: summary) {
      try caller.requireArea(area)
    } else {
      try Self.requireAdministrator(caller)
    }
  }

  static func requireAdministrator(_ caller: AccessToken) throws {
    guard caller.roles.contains(.administrator) else {
      throw HTTPError(
        .forbidden, message: "submissions with no area the hub serves are for administrators")
    }
  }

  static func role(of caller: AccessToken) -> String {
    caller.actingRole(among: reviewers)?.rawValue ?? "unknown"
  }
}
