import EventContracts
import Foundation
import PostgresClient

/// The offers made to agencies for each part of each request, inside the caller's
/// transaction. At most one offer per part is pending (a partial unique index); a pending
/// offer holds the facilitator's capacity like an allocation.
struct OfferStore: Sendable {
  let s: String

  /// Works on the tables in `schema`.
  init(schema: SchemaName) {
    s = schema.sql
  }

  /// An offer as stored.
  struct Offer: Sendable, Equatable, Codable {
    var offerId: String
    var requestId: String
    var caseId: String
    var role: FacilitatorRole
    var attempt: Int
    var facilitatorId: String
    var agency: String
    var status: String
    var offeredAt: Date
    var answerDue: Date
    var answeredAt: Date?
    var declineReason: String?
    var distanceKm: Int?
  }

  /// The id of the `attempt`th offer of `role` on request `requestId`.
  static func offerId(requestId: String, role: FacilitatorRole, attempt: Int) -> String {
    "\(requestId)/\(role.rawValue)/\(attempt)"
  }

  /// Records `offer` as pending, or as accepted at once when its agency has a standing
  /// agreement (one statement either way).
  func create(_ offer: Offer, acceptedByStandingAgreement: Bool, in session: PostgresSession)
    throws
  {
    try session.execute(
      """
      INSERT INTO \(s).offers (offer_id, request_id, case_id, role, attempt, facilitator_id,
        agency, status, offered_at, answer_due, distance_km, answered_at, answered_by)
      VALUES ($1, $2, $3, $4, $5::integer, $6, $7,
        CASE WHEN $11::boolean THEN 'accepted' ELSE 'offered' END, $8::timestamptz,
        $9::timestamptz, $10::integer, CASE WHEN $11::boolean THEN $8::timestamptz END,
        CASE WHEN $11::boolean THEN 'standing-agreement' END)
      """,
      [
        .text(offer.offerId), .text(offer.requestId), .text(offer.caseId),
        .text(offer.role.rawValue), .int(Int64(offer.attempt)), .text(offer.facilitatorId),
        .text(offer.agency), .timestamp(offer.offeredAt), .timestamp(offer.answerDue),
        offer.distanceKm.map { .int(Int64($0)) } ?? .null, .bool(acceptedByStandingAgreement),
      ])
  }

  /// Every offer of request `requestId`, oldest first.
  func offers(of requestId: String, in session: PostgresSession) throws -> [Offer] {
    try session.query(
      Self.select(s) + " WHERE request_id = $1 ORDER BY role, attempt",
      [
        .text(requestId)
      ]
    ).rows.map(Self.offer)
  }

  /// Offer `offerId` as stored, not locked; nil when unknown.
  func offer(_ offerId: String, in session: PostgresSession) throws -> Offer? {
    try session.query(Self.select(s) + " WHERE offer_id = $1", [.text(offerId)])
      .rows.first.map(Self.offer)
  }

  /// The pending offers of requests in `area`, soonest due first.
  func pending(inArea area: String, in session: PostgresSession) throws -> [Offer] {
    try session.query(
      """
      SELECT \(Self.columns(prefix: "o."))
      FROM \(s).offers o JOIN \(s).requests r USING (request_id)
      WHERE o.status = 'offered' AND r.area = $1 ORDER BY o.answer_due, o.offer_id
      """, [.text(area)]
    ).rows.map(Self.offer)
  }

  /// Offer `offerId`, locked until the transaction ends; nil when unknown.
  func lock(_ offerId: String, in session: PostgresSession) throws -> Offer? {
    try session.query(Self.select(s) + " WHERE offer_id = $1 FOR UPDATE", [.text(offerId)])
      .rows.first.map(Self.offer)
  }

  /// Ends pending offer `offerId` as `status` (`accepted`, `declined`, `no-answer` or
  /// `withdrawn`) at `now`; false when it was not pending.
  func answer(
    _ offerId: String, status: String, by subject: String?, reason: String?, at now: Date,
    in session: PostgresSession
  ) throws -> Bool {
    try session.execute(
      """
      UPDATE \(s).offers SET status = $2, answered_at = $3, answered_by = $4, decline_reason = $5
      WHERE offer_id = $1 AND status = 'offered'
      """,
      [
        .text(offerId), .text(status), .timestamp(now), subject.map { .text($0) } ?? .null,
        reason.map { .text($0) } ?? .null,
      ]) == 1
  }

  /// The requests with a pending offer due by `now`, most overdue first (not locked: the
  /// caller locks each request, then its offers).
  func requestsWithLapsedOffers(by now: Date, limit: Int, in session: PostgresSession) throws
    -> [String]
  {
    try session.query(
      """
      SELECT request_id FROM \(s).offers WHERE status = 'offered' AND answer_due <= $1
      GROUP BY request_id ORDER BY min(answer_due) LIMIT $2
      """, [.timestamp(now), .int(Int64(limit))]
    ).rows.map { try $0.decode(0) }
  }

  /// Pending offers of `caseId`'s requests, ended as withdrawn at `now` (its case ended).
  func withdrawPending(caseId: String, at now: Date, in session: PostgresSession) throws
    -> [Offer]
  {
    try session.query(
      """
      UPDATE \(s).offers SET status = 'withdrawn', answered_at = $2
      WHERE case_id = $1 AND status = 'offered'
      RETURNING \(Self.columns())
      """, [.text(caseId), .timestamp(now)]
    ).rows.map(Self.offer)
  }

  /// The columns ``offer(_:)`` reads, qualified by `prefix` (`o.`).
  static func columns(prefix p: String = "") -> String {
    [
      "offer_id", "request_id", "case_id", "role", "attempt", "facilitator_id", "agency",
      "status", "offered_at", "answer_due", "answered_at", "decline_reason", "distance_km",
    ].map { p + $0 }.joined(separator: ", ")
  }

  static func select(_ s: String) -> String { "SELECT \(columns()) FROM \(s).offers" }

  static func offer(_ row: PostgresRow) throws -> Offer {
    Offer(
      offerId: try row.decode(0), requestId: try row.decode(1), caseId: try row.decode(2),
      role: FacilitatorRole(rawValue: try row.decode(3)) ?? .lead, attempt: try row.decode(4),
      facilitatorId: try row.decode(5), agency: try row.decode(6), status: try row.decode(7),
      offeredAt: try row.decode(8), answerDue: try row.decode(9),
      answeredAt: try row.decode(10, as: Date?.self),
      declineReason: try row.decode(11, as: String?.self),
      distanceKm: try row.decode(12, as: Int?.self))
  }
}
