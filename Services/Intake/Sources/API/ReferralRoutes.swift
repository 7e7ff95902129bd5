import AccessControl
import AuditTrail
import DurableMessaging
import EventContracts
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PostgresClient
import ServiceRuntime

/// intake's HTTP API for partner agencies (`docs/openapi/intake.yaml`), behind the
/// ``AccessGate``; referrals go through the same ``ReferralReception`` as police systems', so
/// they yield the same events.
///
/// - `POST /referrals` (referrers whose token names their agency): the body is a
///   `referral.submitted.v1` document whose `sourceSystem` is the caller's agency and whose
///   area is one of the caller's. 201 with the acceptance when a case was opened; 200 when the
///   referral was linked to the open case of the same victim and crime, or was sent before;
///   422 with every error when it is rejected (the submission is kept either way). An
///   `Idempotency-Key` header makes a retried request one submission.
/// - `GET /referrals/{sourceSystem}/{referralId}` (the agency that sent it): how it was answered,
///   without personal data.
///
/// Each submission is audited (who, which personal fields) in its transaction.
struct ReferralRoutes: Sendable {
  let gate: AccessGate
  let reception: ReferralReception
  let status: ReferralStatusReader
  let auditLog: AuditLog
  let pool: PostgresConnectionPool
  let outbox: Outbox

  /// Roles that may submit and follow referrals.
  static let submitters: Set<Role> = [.referrer]
  /// The largest request body accepted.
  static let maximumBodySize = 256 * 1024

  /// Adds the routes to `router`.
  func register(on router: Router<BasicRequestContext>) {
    router.post("/referrals") { request, context in
      try await submit(request, context: context)
    }
    router.get("/referrals/{sourceSystem}/{referralId}") { request, context in
      try await follow(request, context: context)
    }
  }

  /// `POST /referrals`.
  func submit(_ request: Request, context: BasicRequestContext) async throws -> Response {
    let caller = try await gate.authorize(request, roles: Self.submitters)
    guard caller.agency != nil else {
      throw HTTPError(.forbidden, message: "a referrer's token must name its agency")
    }
    let submissionId = try Self.submissionId(request)
    var request = request
    let body = Array(
      try await request.collectBody(upTo: Self.maximumBodySize).readableBytesView)
    // Whom it claims to come from and where, checked before anything is kept.
    if let claimed = try? ReferralSubmission.decode(from: body) {
      if let source = claimed.sourceSystem { try caller.requireAgency(source) }
      if let area = claimed.area, reception.validator.areas.contains(area) {
        try caller.requireArea(area)
      }
    }
    let incoming = IncomingReferral(
      body: body, submissionId: submissionId, correlationId: nil, replyTo: nil, channel: .http)
    let logger = context.logger
    let received = try await pool.withTransaction { session in
      let received = try reception.receive(incoming, in: session, logger: logger)
      try outbox.enqueue(received.messages, in: session)
      try auditLog.record(
        Self.auditEntry(received, caller: caller), in: session)
      return received
    }
    return try received.response()
  }

  /// `GET /referrals/{sourceSystem}/{referralId}`.
  func follow(_ request: Request, context: BasicRequestContext) async throws -> Response {
    let caller = try await gate.authorize(request, roles: Self.submitters)
    let sourceSystem = try context.parameters.require("sourceSystem")
    let referralId = try context.parameters.require("referralId")
    try caller.requireAgency(sourceSystem)
    let found = try await pool.withSession { session in
      try status.status(sourceSystem: sourceSystem, referralId: referralId, in: session)
    }
    guard let found else {
      throw HTTPError(.notFound, message: "no referral \(referralId) from \(sourceSystem)")
    }
    return try JSONResponse.make(status: .ok, found)
  }

  /// The request's `Idempotency-Key` (1 to 100 letters, digits, `-` or `_`), else a fresh id.
  static func submissionId(_ request: Request) throws -> String {
    guard let name = HTTPField.Name("Idempotency-Key"),
      let key = request.headers[name]
    else { return UUID().uuidString.lowercased() }
    guard (1...100).contains(key.count),
      key.unicodeScalars.allSatisfy({
        $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_")
      })
    else {
      throw RequestValidationFailure(problems: [
        FieldProblem(
          path: "Idempotency-Key", code: "invalid-format",
          message: "1 to 100 letters, digits, - or _, e.g. a UUID")
      ])
    }
    return "http-\(key)"
  }

  /// The audit entry of a submission: the agency's user kept a referral's personal data (the
  /// raw body always; the referral's fields when it was stored).
  static func auditEntry(_ received: ReceivedReferral, caller: AccessToken) -> AuditEntry {
    switch received.answer {
    case .accepted(let answer):
      return AuditEntry(
        subject: caller.subject, role: Role.referrer.rawValue,
        action: "submit-referral-\(received.outcome.rawValue)", caseId: answer.data.caseId,
        fields: ["submission.raw-body", "referral.personal-data"])
    case .rejected:
      return AuditEntry(
        subject: caller.subject, role: Role.referrer.rawValue,
        action: "submit-referral-rejected", fields: ["submission.raw-body"])
    }
  }
}

extension ReceivedReferral {
  /// The HTTP answer: 201 with the acceptance when a case was opened, 200 when accepted into an
  /// existing case (linked, or sent before), 422 with every error when rejected.
  func response() throws -> Response {
    switch answer {
    case .accepted(let answer):
      return try JSONResponse.make(status: outcome == .accepted ? .created : .ok, answer.data)
    case .rejected(let answer):
      return try JSONResponse.make(status: .unprocessableContent, answer.data)
    }
  }
}
