import AccessControl
import AuditTrail
import DurableMessaging
import Foundation
import Hummingbird
import PostgresClient
import ServiceRuntime

/// `POST /cases/{caseId}/transfers` (`docs/openapi/intake.yaml`): case workers and supervisors
/// of the case's area transfer it to another area's hub, with `{"toArea", "reason"}`. 201 with
/// the `case.transferred-out.v1` data (and `receivingCaseId` when this deployment serves the
/// receiving area); 404 for an unknown case; 409 when it was transferred before; 400 naming
/// each wrong field (and each reason the receiving area refuses the case's referral). Audited: the case's referral is read and sent on.
struct CaseTransferRoutes: Sendable {
  let gate: AccessGate
  let transfers: CaseTransfers
  let auditLog: AuditLog
  let pool: PostgresConnectionPool
  let outbox: Outbox

  /// Roles that transfer cases.
  static let transferrers: Set<Role> = [.caseWorker, .supervisor]

  func register(on router: Router<BasicRequestContext>) {
    router.post("/cases/{caseId}/transfers") { request, context in
      let caller = try await gate.authorize(request, roles: Self.transferrers)
      let caseId = try context.parameters.require("caseId")
      var request = request
      let transfer = try CaseTransferRequest.decode(
        Array(try await request.collectBody(upTo: 16 * 1024).readableBytesView))
      let logger = context.logger
      let done = try await pool.withTransaction { session in
        let done = try transfers.transfer(
          caseId, transfer, caller: caller, in: session, logger: logger)
        try outbox.enqueue(done.messages, in: session)
        try auditLog.record(
          AuditEntry(
            subject: caller.subject,
            role: caller.actingRole(among: Self.transferrers)?.rawValue ?? "unknown",
            action: "transfer-case", caseId: caseId, fields: ["referral.personal-data"]),
          in: session)
        return done
      }
      return try JSONResponse.make(status: .created, done.event)
    }
  }
}
