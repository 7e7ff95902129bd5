import AccessControl
import Foundation
import HubAreas
import Hummingbird
import Logging
import PostgresClient
import ServiceRuntime

/// reporting's HTTP API: the commissioners' figures for one area and period, behind the
/// ``AccessGate`` (commissioners, supervisors and administrators) and the caller's areas.
///
/// - `GET /figures?area=norfolk&from=2026-11-01&to=2026-11-30`: the figures as JSON.
/// - `GET /figures.html?...`: the same figures as a plain, printable HTML page.
///
/// `from` and `to` are London dates, both included, given together or not at all (then the
/// current calendar month). Bad or missing parameters: 400 naming each one and what is
/// expected. No token or a bad one: 401; another role, or an area the token does not cover:
/// 403.
struct FiguresRoutes: Sendable {
  let gate: AccessGate
  let reader: FiguresReader
  let page: FiguresPage
  let pool: PostgresConnectionPool
  let clock: @Sendable () -> Date

  /// The roles that may read figures (none of them sees personal data here: there is none).
  static let readers: Set<Role> = [.commissioner, .supervisor, .administrator]

  /// Routes reading the tables of `schema` through `pool`, judging "today" by `clock`.
  init(
    schema: SchemaName, gate: AccessGate, pool: PostgresConnectionPool,
    areas: HubAreaDirectory = HubAreaDirectory([]),
    clock: @escaping @Sendable () -> Date = Date.init
  ) throws {
    self.gate = gate
    reader = FiguresReader(schema: schema, areas: areas)
    page = try FiguresPage()
    self.pool = pool
    self.clock = clock
  }

  /// Adds the routes to `router`.
  func register(on router: Router<BasicRequestContext>) {
    router.get("/figures") { request, context in
      try JSONResponse.make(status: .ok, try await figures(request, context: context))
    }
    router.get("/figures.html") { request, context in
      let html = page.render(try await figures(request, context: context))
      return Response(
        status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
  }

  /// Authorises the caller, reads the query and works out the figures it asks for.
  func figures(_ request: Request, context: BasicRequestContext) async throws -> AreaFigures {
    let caller = try await gate.authorize(request, roles: Self.readers)
    let query = try FiguresQuery.parse(QueryFields(request.uri.queryParameters))
    try caller.requireArea(query.area)
    let now = clock()
    let figures = try await pool.withTransaction { [reader] session in
      try reader.figures(area: query.area, period: query.period, now: now, in: session)
    }
    context.logger.info(
      "figures read",
      metadata: [
        "area": "\(figures.area)", "from": "\(figures.period.from)",
        "to": "\(figures.period.to)", "subject": "\(caller.subject)",
      ])
    return figures
  }
}
