import EventContracts
import PostgresClient

/// Records what partnership engagement and the volunteer pool's health count, inside the
/// caller's transaction: offers to agencies, how unaccepted offers ended, and every revision
/// of a facilitator's register entry. Each write is an insert keyed by the natural id (an
/// offer id; a facilitator id and revision) that leaves an existing row alone, so
/// redeliveries and out-of-order arrivals leave the same rows. Facilitators are kept by
/// register id only (no name), and only what the figures use of the register.
struct FacilitationLedger: Sendable {
  let s: String

  /// A ledger over the tables of `schema`.
  init(schema: SchemaName) {
    s = schema.sql
  }

  /// Keeps an offer to an agency (agency, role, when, whether under a standing agreement),
  /// once per offer id. The facilitator offered is not kept.
  func recordOffered(_ offered: AllocationOffered, area: String, in session: PostgresSession)
    throws
  {
    try session.execute(
      """
      INSERT INTO \(s).allocation_offers (offer_id, request_id, case_id, area, agency, role,
        offered_at, answer_due, standing)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      ON CONFLICT (offer_id) DO NOTHING
      """,
      [
        .text(offered.offerId), .text(offered.requestId), .text(offered.caseId), .text(area),
        .text(offered.agency), .text(offered.role.rawValue), .timestamp(offered.offeredAt),
        .timestamp(offered.answerDue), .bool(offered.standing),
      ])
  }

  /// Keeps how an offer ended unaccepted (declined with its reason code, no answer, or
  /// withdrawn), once per offer id.
  func recordDeclined(_ declined: AllocationDeclined, area: String, in session: PostgresSession)
    throws
  {
    try session.execute(
      """
      INSERT INTO \(s).offer_declines (offer_id, case_id, area, agency, role, outcome, reason,
        declined_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT (offer_id) DO NOTHING
      """,
      [
        .text(declined.offerId), .text(declined.caseId), .text(area), .text(declined.agency),
        .text(declined.role.rawValue), .text(declined.outcome.rawValue),
        .optionalCode(declined.reason), .timestamp(declined.declinedAt),
      ])
  }

  /// Keeps a revision of a facilitator's register entry, once per facilitator and revision
  /// (kind, areas, languages, whether active, vetting expiry and supervision due date).
  func recordRegistered(
    _ registered: FacilitatorRegistered, in session: PostgresSession
  ) throws {
    try session.execute(
      """
      INSERT INTO \(s).facilitator_revisions (facilitator_id, revision, kind, areas, languages,
        active, vetting_expires_on, supervision_due_on, changed_at)
      VALUES ($1, $2, $3, $4::text[], $5::text[], $6, $7::date, $8::date, $9)
      ON CONFLICT (facilitator_id, revision) DO NOTHING
      """,
      [
        .text(registered.facilitatorId), .int(Int64(registered.revision)),
        .text(registered.kind), .textArray(registered.areas), .textArray(registered.languages),
        .bool(registered.active), .optionalText(registered.vettingExpiresOn?.description),
        .optionalText(registered.supervisionDueOn?.description), .timestamp(registered.changedAt),
      ])
  }
}
