import AccessControl
import EventContracts
import Foundation
import Hummingbird
import PostgresClient
import ServiceRuntime

/// The letters' status and their returns, behind the ``AccessGate`` (case workers and
/// supervisors of the letter's area):
///
/// - `GET /letters/{notificationId}`: where the letter is (`queued`, `handed-over`,
///   `returned`), its format, pages, drop file name and times; never its text or recipient.
/// - `POST /letters/{notificationId}/return` `{"reason": "gone-away"}`: records that the post
///   office brought a handed-over letter back (the return address is the area's office, so
///   its staff hold the envelope). 200 with the letter; 400 naming `/reason` when missing or
///   not one of ``LetterReturnReason``; 403 for another role or area; 404 for no such letter;
///   409 when it was not handed over yet or its return is recorded already.
///
/// Notification ids hold slashes (`<caseId>/victim-rj-information`): send them
/// percent-encoded.
struct LetterRoutes: Sendable {
  let gate: AccessGate
  let letters: LetterStore
  let pool: PostgresConnectionPool
  let clock: @Sendable () -> Date

  /// Roles that see letters and record returns: the people who work the case.
  static let staff: Set<Role> = [.caseWorker, .supervisor]

  /// The largest request body accepted.
  static let maximumBodySize = 16 * 1024

  /// Routes over `schema`'s letters.
  init(
    schema: SchemaName, gate: AccessGate, pool: PostgresConnectionPool,
    clock: @escaping @Sendable () -> Date = Date.init
  ) {
    self.gate = gate
    letters = LetterStore(schema: schema)
    self.pool = pool
    self.clock = clock
  }

  /// Adds the routes to `router`.
  func register(on router: Router<BasicRequestContext>) {
    router.get("/letters/{notificationId}") { request, context in
      try await show(request, context: context)
    }
    router.post("/letters/{notificationId}/return") { request, context in
      try await recordReturn(request, context: context)
    }
  }

  /// The path's notification id, percent-decoded.
  func notificationId(_ context: BasicRequestContext) throws -> String {
    let encoded = try context.parameters.require("notificationId")
    return encoded.removingPercentEncoding ?? encoded
  }

  /// `GET /letters/{notificationId}`.
  func show(_ request: Request, context: BasicRequestContext) async throws -> Response {
    let caller = try await gate.authorize(request, roles: Self.staff)
    let id = try notificationId(context)
    let letters = self.letters
    let letter = try await pool.withSession { try letters.letter(id, in: $0) }
    guard let letter else { throw HTTPError(.notFound, message: "no letter \(id)") }
    try caller.requireArea(letter.area)
    return try JSONResponse.make(status: .ok, letter)
  }

  /// `POST /letters/{notificationId}/return`.
  func recordReturn(_ request: Request, context: BasicRequestContext) async throws -> Response {
    let caller = try await gate.authorize(request, roles: Self.staff)
    let id = try notificationId(context)
    var request = request
    let body = try await request.collectBody(upTo: Self.maximumBodySize)
    var fields = try RequestFields.parse(Array(body.readableBytesView))
    let reason = fields.choice("reason", LetterReturnReason.self)
    guard let reason, fields.problems.isEmpty else {
      throw RequestValidationFailure(problems: fields.problems)
    }
    let (letters, now) = (self.letters, clock())
    let returned = try await pool.withTransaction { session in
      guard let letter = try letters.letter(id, forUpdate: true, in: session) else {
        throw HTTPError(.notFound, message: "no letter \(id)")
      }
      try caller.requireArea(letter.area)
      switch letter.status {
      case .queued:
        throw HTTPError(.conflict, message: "the letter has not been handed over yet")
      case .returned:
        throw HTTPError(.conflict, message: "the letter's return is recorded already")
      case .handedOver:
        _ = try letters.recordReturn(id, reason: reason, at: now, in: session)
        return try letters.letter(id, in: session) ?? letter
      }
    }
    if let purpose = NotificationPurpose(rawValue: returned.purpose) {
      NotificationMetrics.letter("returned", purpose: purpose)
    }
    context.logger.info(
      "letter returned undelivered",
      metadata: [
        "notification_id": "\(id)", "case_id": "\(returned.caseId ?? "-")",
        "return_reason": "\(reason.rawValue)",
      ])
    return try JSONResponse.make(status: .ok, returned)
  }
}
