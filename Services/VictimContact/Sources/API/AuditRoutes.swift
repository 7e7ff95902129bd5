import AccessControl
import AuditTrail
import Foundation
import Hummingbird
import PostgresClient
import ServiceRuntime

/// The supervisors' view of the audit trail: who read or changed which case's personal data.
///
/// - `GET /audit?caseId=RJ-...`: the entries about one case, newest first (at most 100;
///   `&before=<seq>` pages back).
/// - `GET /audit?subject=<user>`: one user's entries, newest first, limited to the cases of
///   the caller's areas.
///
/// Supervisors and administrators only; a case outside the caller's areas is 403. Entries
/// name fields, never their values, so the answer carries no personal data.
struct AuditRoutes: Sendable {
  let gate: AccessGate
  let log: AuditLog
  let cases: CaseSummaryReader
  let pool: PostgresConnectionPool

  /// Roles that may read the audit trail.
  static let readers: Set<Role> = [.supervisor, .administrator]

  init(
    schema: String, personalData: CasePersonalData, gate: AccessGate,
    pool: PostgresConnectionPool
  ) throws {
    self.gate = gate
    log = try AuditLog(schema: schema, chainKey: personalData.auditChainKey)
    cases = try CaseSummaryReader(schema: schema, personalData: personalData)
    self.pool = pool
  }

  /// Adds the route to `router`.
  func register(on router: Router<BasicRequestContext>) {
    router.get("/audit") { request, _ in try await entries(request) }
  }

  func entries(_ request: Request) async throws -> Response {
    let caller = try await gate.authorize(request, roles: Self.readers)
    let query = try AuditQuery(request.uri.queryParameters)
    let records = try await pool.withTransaction { session in
      switch query.selection {
      case .caseId(let caseId):
        guard let area = try cases.area(of: caseId, in: session) else {
          throw HTTPError(.notFound, message: "no case \(caseId)")
        }
        try caller.requireArea(area)
        return try log.entries(
          caseId: caseId, limit: AuditQuery.limit, beforeSeq: query.before, in: session)
      case .subject(let subject):
        let all = try log.entries(
          subject: subject, limit: AuditQuery.limit, beforeSeq: query.before, in: session)
        let areas = try cases.areas(of: Array(Set(all.compactMap(\.entry.caseId))), in: session)
        return all.filter { record in
          record.entry.caseId.flatMap { areas[$0] }.map(caller.areas.contains) ?? false
        }
      }
    }
    return try JSONResponse.make(status: .ok, AuditListing(records))
  }
}

/// What `GET /audit` asks for: exactly one of `caseId` and `subject`, and optionally
/// `before` (a sequence number, for the next page).
struct AuditQuery: Sendable {
  enum Selection: Sendable {
    case caseId(String)
    case subject(String)
  }

  /// The most entries one answer holds.
  static let limit = 100

  var selection: Selection
  var before: Int64?

  init(_ parameters: some Sequence<(key: Substring, value: Substring)>) throws {
    var values: [String: [String]] = [:]
    for (key, value) in parameters { values[String(key), default: []].append(String(value)) }
    var problems: [FieldProblem] = []
    let caseId = values["caseId"]?.first
    let subject = values["subject"]?.first
    if (caseId == nil) == (subject == nil) {
      problems.append(
        FieldProblem(
          path: "?caseId", code: "required",
          message: "give exactly one of caseId (a case id) and subject (a user id)"))
    }
    for name in ["caseId", "subject", "before"] where (values[name]?.count ?? 0) > 1 {
      problems.append(
        FieldProblem(path: "?\(name)", code: "repeated", message: "give \(name) once"))
    }
    before = nil
    if let text = values["before"]?.first {
      if let seq = Int64(text), seq > 0 {
        before = seq
      } else {
        problems.append(
          FieldProblem(
            path: "?before", code: "invalid-format",
            message: "a positive whole number: the seq of the oldest entry already seen"))
      }
    }
    guard problems.isEmpty else { throw RequestValidationFailure(problems: problems) }
    selection = caseId.map(Selection.caseId) ?? .subject(subject ?? "")
  }
}

/// The answer of `GET /audit`: entries newest first.
struct AuditListing: Encodable, Sendable {
  /// One audit entry as shown.
  struct Entry: Encodable, Sendable {
    var seq: Int64
    var at: Date
    var subject: String
    var role: String
    var action: String
    var caseId: String?
    var fields: [String]
    var purpose: String?
  }

  var entries: [Entry]

  init(_ records: [AuditRecord]) {
    entries = records.map {
      Entry(
        seq: $0.seq, at: $0.at, subject: $0.entry.subject, role: $0.entry.role,
        action: $0.entry.action, caseId: $0.entry.caseId, fields: $0.entry.fields,
        purpose: $0.entry.purpose)
    }
  }
}
