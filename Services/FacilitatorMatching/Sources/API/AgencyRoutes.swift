import AccessControl
import Foundation
import Hummingbird
import PostgresClient
import ServiceRuntime

/// How agencies answer offers, behind the ``AccessGate`` (administrators):
///
/// - `GET /agencies`: every agency with settings, by name (an agency not listed takes every
///   offer at once under a standing agreement).
/// - `POST /agencies` `{"agency": "Norfolk Community Volunteers", "answersOffers": true}`:
///   sets whether the agency answers each offer itself (within the offer timeout). 200 with
///   the settings; 400 naming the field.
struct AgencyRoutes: Sendable {
  let gate: AccessGate
  let agencies: AgencyStore
  let pool: PostgresConnectionPool
  let clock: @Sendable () -> Date

  /// Roles that manage agencies.
  static let managers: Set<Role> = [.administrator]

  init(
    schema: SchemaName, gate: AccessGate, pool: PostgresConnectionPool,
    clock: @escaping @Sendable () -> Date = Date.init
  ) {
    self.gate = gate
    agencies = AgencyStore(schema: schema)
    self.pool = pool
    self.clock = clock
  }

  /// Adds the routes to `router`.
  func register(on router: Router<BasicRequestContext>) {
    router.get("/agencies") { request, _ in
      _ = try await gate.authorize(request, roles: Self.managers)
      let all = try await pool.withSession { try agencies.all(in: $0) }
      struct Listing: Encodable { var agencies: [AgencyStore.Agency] }
      return try JSONResponse.make(status: .ok, Listing(agencies: all))
    }
    router.post("/agencies") { request, _ in
      _ = try await gate.authorize(request, roles: Self.managers)
      var request = request
      let body = try await request.collectBody(upTo: 16 * 1024)
      var fields = try RequestFields.parse(Array(body.readableBytesView))
      let agency = fields.text("agency", maxLength: 200)
      let answers: Bool?
      if fields.object["answersOffers"] == nil || fields.object["answersOffers"] == .null {
        fields.problem("answersOffers", "required", "required: true or false")
        answers = nil
      } else {
        answers = fields.flag("answersOffers", default: false)
      }
      guard fields.problems.isEmpty, let agency, let answers else {
        throw RequestValidationFailure(problems: fields.problems)
      }
      let now = clock()
      let set = try await pool.withTransaction {
        try agencies.set(agency, answersOffers: answers, at: now, in: $0)
      }
      return try JSONResponse.make(status: .ok, set)
    }
  }
}
