import AccessControl
import AuditTrail
import Foundation
import Hummingbird
import PostgresClient
import ServiceAssembly
import ServiceRuntime

/// The supervisors' view of the audit trail: who read or changed which case's personal data.
///
/// - `GET /audit?caseId=RJ-...`: the entries about one case, newest first (at most 100;
///   `&before=<seq>` pages back).
/// - `GET /audit?subject=<user>`: one user's entries, newest first, limited to the cases of
///   the caller's areas and to entries about no case (reading an area's complaints, a
///   complaint about the service).
///
/// Supervisors and administrators only; a case outside the caller's areas is 403. Entries
/// name fields, never their values, so the answer carries no personal data.
struct AuditRoutes: Sendable {
  let gate: AccessGate
  let log: AuditLog
  let cases: CaseStore
  let pool: PostgresConnectionPool

  /// Roles that may read the audit trail.
  static let readers: Set<Role> = [.supervisor, .administrator]

  init(
    schema: SchemaName, personalData: CasePersonalData, gate: AccessGate,
    pool: PostgresConnectionPool
  ) {
    self.gate = gate
    log = AuditLog(schema: schema, chainKey: personalData.auditChainKey)
    cases = CaseStore(schema: schema, personalData: personalData)
    self.pool = pool
  }

  /// Adds the route to `router`.
  func register(on router: Router<BasicRequestContext>) {
    router.get("/audit") { request, _ in try await entries(request) }
  }

  func entries(_ request: Request) async throws -> Response {
    let caller = try await gate.authorize(request, roles: Self.readers)
    let query = try AuditQuery(
      parameters: request.uri.queryParameters, selectors: ["caseId", "subject"])
    let records = try await pool.withTransaction { session in
      if query.selector == "caseId" {
        let caseId = query.value
        guard let area = try cases.area(of: caseId, in: session) else {
          throw HTTPError(.notFound, message: "no case \(caseId)")
        }
        try caller.requireArea(area)
        return try log.entries(
          caseId: caseId, limit: AuditQuery.limit, beforeSeq: query.before, in: session)
      }
      let all = try log.entries(
        subject: query.value, limit: AuditQuery.limit, beforeSeq: query.before, in: session)
      let areas = try cases.areas(of: Array(Set(all.compactMap(\.entry.caseId))), in: session)
      return all.filter { record in
        guard let caseId = record.entry.caseId else { return true }
        return areas[caseId].map(caller.areas.contains) ?? false
      }
    }
    return try JSONResponse.make(status: .ok, AuditListing(records))
  }
}
