import AccessControl
import EventContracts
import Foundation
import HubAreas
import Hummingbird
import PostgresClient
import ServiceRuntime

/// The health of an area's volunteer pool (PRODUCT figure 12), behind the ``AccessGate``:
///
/// - `GET /pool?area=norfolk` (supervisors, administrators and commissioners of the area):
///   active community volunteers (12 expected), their conferences in the last twelve months
///   (5 each expected), the languages the area's active facilitators cover, and who lapses in
///   the next 30 days (vetting expiring, supervision falling due). Counts only for
///   commissioners; register ids too for supervisors and administrators. Never a name.
struct VolunteerPoolRoutes: Sendable {
  let gate: AccessGate
  let pool: PostgresConnectionPool
  let s: String
  let clock: @Sendable () -> Date

  /// Roles that read the pool's health.
  static let readers: Set<Role> = [.supervisor, .administrator, .commissioner]
  /// Active volunteers an area is expected to have.
  static let expectedVolunteers = 12
  /// How far ahead lapses are looked for, in days.
  static let lapseWindowDays = 30

  init(
    schema: SchemaName, gate: AccessGate, pool: PostgresConnectionPool,
    clock: @escaping @Sendable () -> Date = Date.init
  ) {
    self.gate = gate
    self.pool = pool
    s = schema.sql
    self.clock = clock
  }

  /// Adds the route to `router`.
  func register(on router: Router<BasicRequestContext>) {
    router.get("/pool") { request, _ in try await health(request) }
  }

  /// The pool's health as the API shows it.
  struct Health: Encodable, Sendable, Equatable {
    var area: String
    var day: CalendarDate
    var activeVolunteers: Int
    var expectedVolunteers: Int
    var conferencesInTwelveMonths: Int
    var conferencesPerVolunteer: Double
    var expectedConferencesPerVolunteer: Int
    var volunteersBelowExpectedConferences: Int
    var languagesCovered: [String]
    var vettingLapsingWithin30Days: Int
    var supervisionLapsingWithin30Days: Int
    var lapsing: [Lapse]?

    struct Lapse: Encodable, Sendable, Equatable {
      var facilitatorId: String
      var kind: String
      var what: String
      var on: CalendarDate
    }
  }

  /// `GET /pool?area=...`.
  func health(_ request: Request) async throws -> Response {
    let caller = try await gate.authorize(request, roles: Self.readers)
    var query = QueryFields(request.uri.queryParameters)
    let area = query.string("area", required: true, expecting: "required: the area")
    try query.finish()
    guard let area else { throw RequestValidationFailure(problems: query.problems) }
    try caller.requireArea(area)
    var health = try await pool.withSession { try measure(area, on: LondonDay.of(clock()), in: $0) }
    if caller.roles.isDisjoint(with: [.supervisor, .administrator]) { health.lapsing = nil }
    return try JSONResponse.make(status: .ok, health)
  }

  /// The health of `area`'s pool on `day`.
  func measure(_ area: String, on day: CalendarDate, in session: PostgresSession) throws -> Health {
    let yearBefore = day.adding(months: -12).description
    let rows = try session.query(
      """
      SELECT f.facilitator_id, f.kind, to_json(f.languages)::text, f.vetting_expires_on::text,
        f.last_supervision_on::text,
        (SELECT count(*) FROM \(s).conferences c
          WHERE f.facilitator_id = ANY (c.facilitator_ids) AND c.delivered_on >= $2::date)
      FROM \(s).facilitators f
      WHERE f.active AND $1 = ANY (f.areas)
      ORDER BY f.facilitator_id
      """, [.text(area), .text(yearBefore)]
    ).rows
    var volunteers = 0
    var conferences = 0
    var below = 0
    var languages = Set<String>()
    var lapsing: [Health.Lapse] = []
    let horizon = day.adding(days: Self.lapseWindowDays)
    for row in rows {
      let id = try row.decode(0, as: String.self)
      let kind = try row.decode(1, as: String.self)
      for language in try JSONArrayColumn.strings(row, 2) {
        languages.insert(LanguageTag.primary(language))
      }
      let count = try row.decode(5, as: Int.self)
      if kind == FacilitatorKind.communityVolunteer.rawValue {
        volunteers += 1
        conferences += count
        if count < SoftScoring.expectedConferences { below += 1 }
      }
      if let vetting = try row.decode(3, as: String?.self).flatMap(CalendarDate.init),
        vetting >= day, vetting <= horizon
      {
        lapsing.append(.init(facilitatorId: id, kind: kind, what: "vetting", on: vetting))
      }
      if let last = try row.decode(4, as: String?.self).flatMap(CalendarDate.init) {
        let due = last.adding(days: FacilitatorRegistration.supervisionIntervalDays)
        if due >= day, due <= horizon {
          lapsing.append(.init(facilitatorId: id, kind: kind, what: "supervision", on: due))
        }
      }
    }
    return Health(
      area: area, day: day, activeVolunteers: volunteers,
      expectedVolunteers: Self.expectedVolunteers, conferencesInTwelveMonths: conferences,
      conferencesPerVolunteer: volunteers == 0
        ? 0 : (Double(conferences) / Double(volunteers) * 10).rounded() / 10,
      expectedConferencesPerVolunteer: SoftScoring.expectedConferences,
      volunteersBelowExpectedConferences: below, languagesCovered: languages.sorted(),
      vettingLapsingWithin30Days: lapsing.filter { $0.what == "vetting" }.count,
      supervisionLapsingWithin30Days: lapsing.filter { $0.what == "supervision" }.count,
      lapsing: lapsing.sorted { ($0.on, $0.facilitatorId) < ($1.on, $1.facilitatorId) })
  }
}
