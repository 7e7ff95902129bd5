import AccessControl
import DurableMessaging
import Foundation
import Hummingbird
import PostgresClient
import ServiceRuntime

/// Runs staff actions on cases: authorises the caller (case workers and supervisors, or the
/// roles given) for the case's area (404 when the case is unknown, 403 outside the caller's
/// areas), reads the body, and in one transaction locks the case, does the action, enqueues
/// its events and records it in the audit trail — all or nothing.
struct CaseActionRunner: Sendable {
  let gate: AccessGate
  let pool: PostgresConnectionPool
  let cases: CaseStore
  let outbox: Outbox
  let accessLog: PersonalDataAccessLog
  let clock: @Sendable () -> Date

  /// Roles that work cases.
  static let staff: Set<Role> = [.caseWorker, .supervisor]

  /// The largest request body accepted.
  static let maximumBodySize = 64 * 1024

  /// Runs `action` on the case named by the path's `{caseId}`, with the body read by `parse`
  /// first (a 400 lists every problem before anything is locked), and answers `status` with
  /// what `action` returns.
  func perform<Input: Sendable, Output: Encodable & Sendable>(
    _ request: Request, context: BasicRequestContext, audit: PersonalDataAccessLog.Action,
    roles: Set<Role> = staff, status: HTTPResponse.Status = .created,
    parse: ([UInt8]) throws -> Input,
    _ action: @escaping @Sendable (inout CaseAction, Input) throws -> Output
  ) async throws -> Response {
    let caller = try await gate.authorize(request, roles: roles)
    let caseId = try context.parameters.require("caseId")
    // The case and its area first, so a caller of another area learns nothing from the body's
    // problems; checked again under the lock below.
    let area = try await pool.withSession { try cases.area(of: caseId, in: $0) }
    guard let area else { throw HTTPError(.notFound, message: "no case \(caseId)") }
    try caller.requireArea(area)
    var request = request
    let body = try await request.collectBody(upTo: Self.maximumBodySize)
    let input = try parse(Array(body.readableBytesView))
    let role = caller.actingRole(among: roles) ?? .caseWorker
    let now = clock()
    let output: Output
    do {
      output = try await transaction(
        caseId: caseId, caller: caller, role: role, now: now, audit: audit, roles: roles,
        input: input, action)
    } catch let error where !(error is any HTTPResponseError) {
      context.logger.error(
        "case action failed",
        metadata: [
          "case_id": "\(caseId)", "action": "\(audit.rawValue)",
          "error": "\(ErrorRedaction.describe(error))",
        ])
      throw error
    }
    context.logger.info(
      "case action recorded",
      metadata: ["case_id": "\(caseId)", "action": "\(audit.rawValue)", "role": "\(role.rawValue)"]
    )
    return try JSONResponse.make(status: status, output)
  }

  /// The action's transaction.
  func transaction<Input: Sendable, Output: Encodable & Sendable>(
    caseId: String, caller: AccessToken, role: Role, now: Date,
    audit: PersonalDataAccessLog.Action, roles: Set<Role>, input: Input,
    _ action: @escaping @Sendable (inout CaseAction, Input) throws -> Output
  ) async throws -> Output {
    try await pool.withTransaction { session in
      guard let journey = try cases.lockJourney(caseId, in: session) else {
        throw HTTPError(.notFound, message: "no case \(caseId)")
      }
      try caller.requireArea(journey.area)
      var work = CaseAction(
        journey: journey, caller: caller, role: role, now: now, session: session)
      let output = try action(&work, input)
      try outbox.enqueue(work.messages, in: session)
      try accessLog.record(
        audit, by: caller, actingAs: roles, caseId: caseId, fields: work.touchedFields,
        in: session)
      return output
    }
  }

  /// A body-less action.
  static func noBody(_ body: [UInt8]) throws {}
}
