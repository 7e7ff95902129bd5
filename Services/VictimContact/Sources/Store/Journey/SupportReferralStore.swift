import EventContracts
import Foundation
import PostgresClient

/// A participant referred (back) to a support service during the process.
struct CaseSupportReferral: Encodable, Sendable, Equatable {
  var supportReferralId: String
  var participantId: String
  var organisation: SupportOrganisation
  var referredAt: Date
  var referredBy: String
  /// Why (personal data; staff only).
  var reason: String?
}

/// Reads and writes of `support_referrals`, inside the caller's transaction.
struct SupportReferralStore: Sendable {
  let s: String
  let personalData: CasePersonalData

  init(schema: SchemaName, personalData: CasePersonalData) {
    s = schema.sql
    self.personalData = personalData
  }

  /// Records `referral` of case `caseId`.
  func record(_ referral: CaseSupportReferral, caseId: String, in session: PostgresSession)
    throws
  {
    try session.execute(
      """
      INSERT INTO \(s).support_referrals (support_referral_id, case_id, participant_id,
        organisation, referred_at, referred_by, reason)
      VALUES ($1::uuid, $2, $3, $4, $5, $6, $7)
      """,
      [
        .text(referral.supportReferralId), .text(caseId), .text(referral.participantId),
        .text(referral.organisation.rawValue), .timestamp(referral.referredAt),
        .text(referral.referredBy),
        personalData.seal(
          referral.reason, JourneyColumn.supportReason, rowID: referral.supportReferralId),
      ])
  }

  /// Case `caseId`'s support referrals, oldest first; reasons only `withPersonalData`.
  func referrals(of caseId: String, withPersonalData: Bool, in session: PostgresSession) throws
    -> [CaseSupportReferral]
  {
    try session.query(
      """
      SELECT support_referral_id::text, participant_id, organisation, referred_at, referred_by,
        reason
      FROM \(s).support_referrals WHERE case_id = $1 ORDER BY referred_at
      """, [.text(caseId)]
    ).rows.map { row in
      let id = try row.decode(0, as: String.self)
      return CaseSupportReferral(
        supportReferralId: id, participantId: try row.decode(1),
        organisation: try row.decodeCode(2), referredAt: try row.decode(3),
        referredBy: try row.decode(4),
        reason: withPersonalData
          ? try personalData.open(row.decode(5), JourneyColumn.supportReason, rowID: id) : nil)
    }
  }
}
