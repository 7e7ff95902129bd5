import EventContracts
import Foundation
import PostgresClient

/// What the decisions of one inbox batch write, kept until the batch has been decided and then
/// written set-based: one statement for every offer, one for every allocation and one for
/// every request's outcome, instead of five or more per request. Only for requests claimed in
/// the batch itself (nothing else can touch them before it commits); a violated constraint
/// fails the whole batch, which the inbox retries.
final class DecisionWrites {
  /// Offers, each with whether a standing agreement accepted it at once.
  var offers: [(offer: OfferStore.Offer, accepted: Bool)] = []
  /// Allocations made.
  var allocations: [Allocation] = []
  /// How each request stands, with its explanation as JSON.
  var decisions: [Decision] = []

  struct Allocation {
    var allocationId: String
    var requestId: String
    var caseId: String
    var facilitatorId: String
    var role: FacilitatorRole
    var allocatedAt: Date
  }

  struct Decision {
    var requestId: String
    var outcome: String
    var unfilledReason: String?
    var explanation: String
    var decidedAt: Date
  }

  /// Writes everything kept, in `schema`'s tables.
  func flush(schema s: String, in session: PostgresSession) throws {
    if !offers.isEmpty {
      let o = offers.map(\.offer)
      try session.execute(
        """
        INSERT INTO \(s).offers (offer_id, request_id, case_id, role, attempt, facilitator_id,
          agency, status, offered_at, answer_due, distance_km, answered_at, answered_by)
        SELECT offer_id, request_id, case_id, role, attempt, facilitator_id, agency,
          CASE WHEN accepted = 't' THEN 'accepted' ELSE 'offered' END, offered_at, answer_due,
          NULLIF(distance_km, '')::integer,
          CASE WHEN accepted = 't' THEN offered_at END,
          CASE WHEN accepted = 't' THEN 'standing-agreement' END
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[],
          $7::text[], $8::timestamptz[], $9::timestamptz[], $10::text[], $11::text[])
          AS n (offer_id, request_id, case_id, role, attempt, facilitator_id, agency,
            offered_at, answer_due, distance_km, accepted)
        """,
        [
          .textArray(o.map(\.offerId)), .textArray(o.map(\.requestId)),
          .textArray(o.map(\.caseId)), .textArray(o.map(\.role.rawValue)),
          .intArray(o.map { Int64($0.attempt) }), .textArray(o.map(\.facilitatorId)),
          .textArray(o.map(\.agency)), .timestampArray(o.map(\.offeredAt)),
          .timestampArray(o.map(\.answerDue)),
          .textArray(o.map { $0.distanceKm.map(String.init) ?? "" }),
          .textArray(offers.map { $0.accepted ? "t" : "f" }),
        ])
    }
    if !allocations.isEmpty {
      let a = allocations
      try session.execute(
        """
        INSERT INTO \(s).allocations (allocation_id, request_id, case_id, facilitator_id, role,
          allocated_at)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
          $6::timestamptz[])
        """,
        [
          .textArray(a.map(\.allocationId)), .textArray(a.map(\.requestId)),
          .textArray(a.map(\.caseId)), .textArray(a.map(\.facilitatorId)),
          .textArray(a.map(\.role.rawValue)), .timestampArray(a.map(\.allocatedAt)),
        ])
    }
    if !decisions.isEmpty {
      let d = decisions
      try session.execute(
        """
        UPDATE \(s).requests r SET outcome = n.outcome, unfilled_reason = NULLIF(n.reason, ''),
          decided_at = n.decided_at, explanation = n.explanation
        FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[])
          AS n (request_id, outcome, reason, decided_at, explanation)
        WHERE r.request_id = n.request_id
        """,
        [
          .textArray(d.map(\.requestId)), .textArray(d.map(\.outcome)),
          .textArray(d.map { $0.unfilledReason ?? "" }), .timestampArray(d.map(\.decidedAt)),
          .textArray(d.map(\.explanation)),
        ])
    }
    offers.removeAll()
    allocations.removeAll()
    decisions.removeAll()
  }
}
