import AccessControl
import DurableMessaging
import EventContracts
import Foundation
import HubAreas
import Hummingbird
import Logging
import PersonalData
import PostgresClient
import ServiceRuntime

/// facilitator-matching's HTTP API, the facilitator register, behind the ``AccessGate``:
///
/// - `POST /facilitators` (administrators, supervisors): creates or replaces one facilitator
///   (body: ``FacilitatorRegistration``); 201 when created, 200 when replaced, with the entry;
///   400 with every problem in the body; 403 unless the caller serves every area the
///   facilitator covers, before and after. Announces `facilitator.registered.v1` (no name,
///   email or conflict) in the same transaction; unfilled requests of the areas are retried
///   by the ``OfferWatch``.
/// - `GET /facilitators?area=norfolk` (administrators, supervisors in that area): the area's
///   facilitators, active or not, by register id, each with their open allocations.
///
/// Names and emails are personal data: each read and change is recorded in the register's
/// access log, and none of it is ever logged.
struct FacilitatorRoutes: Sendable {
  let gate: AccessGate
  let facilitators: FacilitatorRegister
  let accessLog: RegisterAccessLog
  let pool: PostgresConnectionPool
  let outbox: Outbox
  let marks: ConflictOfInterestMarks
  let clock: @Sendable () -> Date

  /// Roles that manage the register.
  static let managers: Set<Role> = [.administrator, .supervisor]

  /// The largest request body accepted.
  static let maximumBodySize = 64 * 1024

  /// Routes over the register in `schema` (personal data sealed with `personalData`),
  /// admitting callers through `gate`, stamping changes with `clock`.
  init(
    schema: SchemaName, personalData: RegisterPersonalData, gate: AccessGate,
    pool: PostgresConnectionPool, outbox: Outbox, marks: ConflictOfInterestMarks,
    clock: @escaping @Sendable () -> Date = Date.init
  ) {
    self.gate = gate
    facilitators = FacilitatorRegister(schema: schema, personalData: personalData)
    accessLog = RegisterAccessLog(schema: schema, chainKey: personalData.auditChainKey)
    self.pool = pool
    self.outbox = outbox
    self.marks = marks
    self.clock = clock
  }

  /// Adds the routes to `router`.
  func register(on router: Router<BasicRequestContext>) {
    router.post("/facilitators") { request, context in
      try await registerFacilitator(request, context: context)
    }
    router.get("/facilitators") { request, context in
      try await listFacilitators(request, context: context)
    }
  }

  /// `POST /facilitators`.
  func registerFacilitator(_ request: Request, context: BasicRequestContext) async throws
    -> Response
  {
    let caller = try await gate.authorize(request, roles: Self.managers)
    var request = request
    let body = try await request.collectBody(upTo: Self.maximumBodySize)
    let now = clock()
    let registration = try FacilitatorRegistration.parse(
      Array(body.readableBytesView), marks: marks, today: LondonDay.of(now))
    for area in registration.areas { try caller.requireArea(area) }
    let (created, entry) = try await pool.withTransaction { session in
      for area in try facilitators.lockAreas(of: registration.facilitatorId, in: session) ?? [] {
        try caller.requireArea(area)
      }
      let (created, revision) = try facilitators.upsert(registration, at: now, in: session)
      guard let entry = try facilitators.entry(registration.facilitatorId, in: session) else {
        throw HTTPError(.internalServerError, message: "the entry was not stored")
      }
      let r = entry.facilitator
      try outbox.enqueue(
        [
          try EventOrigin(
            producer: FacilitatorMatchingService.name, area: r.areas[0], now: now
          ).message(
            FacilitatorRegistered(
              facilitatorId: r.facilitatorId, agency: r.agency, kind: r.kind.rawValue,
              level: r.level.rawValue, areas: r.areas, languages: r.languages, active: r.active,
              capacity: r.capacity, vettingExpiresOn: r.vettingExpiresOn,
              supervisionDueOn: r.supervisionDueOn, revision: revision, changedAt: now),
            purpose: "registered")
        ], in: session)
      try accessLog.record(
        created ? .register : .update, by: caller, actingAs: Self.managers,
        facilitatorId: registration.facilitatorId, in: session)
      return (created, entry)
    }
    context.logger.info(
      created ? "facilitator registered" : "facilitator updated",
      metadata: [
        "facilitator_id": "\(registration.facilitatorId)",
        "areas": "\(registration.areas.joined(separator: ","))",
        "practitioner_level": "\(registration.level.rawValue)", "active": "\(registration.active)",
        "capacity": "\(registration.capacity)",
      ])
    return try JSONResponse.make(status: created ? .created : .ok, entry)
  }

  /// `GET /facilitators?area=...`.
  func listFacilitators(_ request: Request, context: BasicRequestContext) async throws
    -> Response
  {
    let caller = try await gate.authorize(request, roles: Self.managers)
    var query = QueryFields(request.uri.queryParameters)
    let area = query.string("area", required: true, expecting: "required: the area to list")?
      .trimmingCharacters(in: .whitespaces)
    if area?.isEmpty == true { query.problem("area", "required", "required: the area to list") }
    try query.finish()
    guard let area else { throw RequestValidationFailure(problems: query.problems) }
    try caller.requireArea(area)
    let entries = try await pool.withTransaction { session in
      let entries = try facilitators.entries(covering: area, in: session)
      try accessLog.record(.list, by: caller, actingAs: Self.managers, area: area, in: session)
      return entries
    }
    return try JSONResponse.make(status: .ok, Listing(area: area, facilitators: entries))
  }

  /// The body of `GET /facilitators`.
  struct Listing: Encodable, Sendable {
    /// The area listed.
    var area: String
    /// Its facilitators, by register id.
    var facilitators: [RegisterEntry]
  }
}
