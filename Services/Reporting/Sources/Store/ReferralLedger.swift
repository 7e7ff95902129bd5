import EventContracts
import Foundation
import PostgresClient

/// Records accepted and rejected referrals, inside the caller's transaction. Both are kept
/// once per referral whatever order or how often their events arrive: the earliest receipt
/// wins, which does not depend on arrival order.
struct ReferralLedger: Sendable {
  let s: String

  /// A ledger over the tables of `schema`.
  init(schema: SchemaName) {
    s = schema.sql
  }

  /// Keeps an accepted referral, once per source system and sender's reference; of several
  /// acceptances the earliest received is kept.
  func recordAccepted(_ accepted: ReferralAccepted, area: String, in session: PostgresSession)
    throws
  {
    try session.execute(
      """
      INSERT INTO \(s).accepted_referrals (source_system, referral_id, area, case_id,
        received_at, linked_to_existing_case)
      VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (source_system, referral_id) DO UPDATE SET
        area = EXCLUDED.area, case_id = EXCLUDED.case_id, received_at = EXCLUDED.received_at,
        linked_to_existing_case = EXCLUDED.linked_to_existing_case
      WHERE EXCLUDED.received_at < \(s).accepted_referrals.received_at
      """,
      [
        .text(accepted.sourceSystem), .text(accepted.referralId), .text(area),
        .text(accepted.caseId), .timestamp(accepted.receivedAt),
        .bool(accepted.linkedToExistingCase),
      ])
  }

  /// Keeps a rejected referral with its error codes (never the messages): once per source
  /// system and sender's reference (else per submission, `submissionId`), with the earliest
  /// rejection's receipt time and area and the codes of every rejection.
  func recordRejected(
    _ rejected: ReferralRejected, area: String, submissionId: UUID, in session: PostgresSession
  ) throws {
    try session.execute(
      """
      INSERT INTO \(s).rejected_referrals (rejection_key, area, received_at, error_codes)
      VALUES ($1, $2, $3, $4::text[])
      ON CONFLICT (rejection_key) DO UPDATE SET
        area = CASE WHEN EXCLUDED.received_at < \(s).rejected_referrals.received_at
          THEN EXCLUDED.area ELSE \(s).rejected_referrals.area END,
        received_at = LEAST(\(s).rejected_referrals.received_at, EXCLUDED.received_at),
        error_codes = ARRAY(
          SELECT DISTINCT code
          FROM unnest(\(s).rejected_referrals.error_codes || EXCLUDED.error_codes) AS code
          ORDER BY code)
      """,
      [
        .text(Self.rejectionKey(rejected, submissionId: submissionId)), .text(area),
        .timestamp(rejected.receivedAt), .textArray(Set(rejected.errors.map(\.code)).sorted()),
      ])
  }

  /// `referral:<source system> <reference>` when both are readable (JSON-encoded, so no two
  /// pairs give one key), else `submission:<id>`.
  static func rejectionKey(_ rejected: ReferralRejected, submissionId: UUID) -> String {
    guard let source = rejected.sourceSystem, let reference = rejected.referralId,
      let pair = try? JSONEncoder().encode([source, reference])
    else { return "submission:\(submissionId.uuidString.lowercased())" }
    return "referral:" + String(decoding: pair, as: UTF8.self)
  }
}
