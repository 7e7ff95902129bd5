import AccessControl
import AuditTrail
import Foundation
import Hummingbird
import PostgresClient
import ServiceAssembly
import ServiceRuntime

/// The supervisors' view of the register's audit trail: who read or changed facilitators'
/// names and emails.
///
/// - `GET /audit?facilitatorId=F-1`: the entries about one facilitator, newest first (at most
///   100; `&before=<seq>` pages back): their own entry read or changed, and the listings of
///   the areas they cover now. 403 unless the caller shares an area with them.
/// - `GET /audit?subject=<user>`: one user's entries, newest first, limited to those about the
///   caller's areas (a listing of one of them, or a facilitator covering one of them).
///
/// Supervisors and administrators only. Entries name fields, never their values.
struct RegisterAuditRoutes: Sendable {
  let gate: AccessGate
  let log: AuditLog
  let facilitators: FacilitatorRegister
  let pool: PostgresConnectionPool

  /// Roles that may read the audit trail.
  static let readers: Set<Role> = [.supervisor, .administrator]

  /// The trail in `schema`, chained under `personalData`'s audit key.
  init(
    schema: SchemaName, personalData: RegisterPersonalData, gate: AccessGate,
    pool: PostgresConnectionPool
  ) {
    self.gate = gate
    log = AuditLog(schema: schema, chainKey: personalData.auditChainKey)
    facilitators = FacilitatorRegister(schema: schema, personalData: personalData)
    self.pool = pool
  }

  /// Adds the route to `router`.
  func register(on router: Router<BasicRequestContext>) {
    router.get("/audit") { request, _ in try await entries(request) }
  }

  func entries(_ request: Request) async throws -> Response {
    let caller = try await gate.authorize(request, roles: Self.readers)
    let query = try AuditQuery(
      parameters: request.uri.queryParameters, selectors: ["facilitatorId", "subject"])
    let records = try await pool.withTransaction { session in
      if query.selector == "facilitatorId" {
        let id = query.value
        guard let areas = try facilitators.areas(of: [id], in: session)[id] else {
          throw HTTPError(.notFound, message: "no facilitator \(id)")
        }
        guard !caller.areas.isDisjoint(with: areas) else {
          throw HTTPError(.forbidden, message: "the facilitator covers none of your areas")
        }
        return try log.entries(
          touchingAnyOf: RegisterAccessLog.fields(facilitatorId: id)
            + [RegisterAccessLog.allocationsField(facilitatorId: id)]
            + areas.flatMap { RegisterAccessLog.fields(area: $0) },
          limit: AuditQuery.limit, beforeSeq: query.before, in: session)
      }
      let all = try log.entries(
        subject: query.value, limit: AuditQuery.limit, beforeSeq: query.before, in: session)
      let ids = Set(all.flatMap { RegisterAccessLog.Subject(fields: $0.entry.fields).ids })
      let areasById = try facilitators.areas(of: Array(ids), in: session)
      return all.filter { record in
        let about = RegisterAccessLog.Subject(fields: record.entry.fields)
        let areas = about.areas + about.ids.flatMap { areasById[$0] ?? [] }
        return !caller.areas.isDisjoint(with: areas)
      }
    }
    return try JSONResponse.make(status: .ok, AuditListing(records))
  }
}
