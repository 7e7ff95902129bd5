import EventContracts
import Foundation
import PostgresClient

/// The further referrals of a case's victim and crime that intake linked to it (a victim hub
/// referring what police already had, say): each kept once, its referrer's contact details
/// sealed, with the acknowledgement requested for them.
struct LinkedReferralStore: Sendable {
  let s: String
  let personalData: CasePersonalData

  init(schema: SchemaName, personalData: CasePersonalData) {
    s = schema.sql
    self.personalData = personalData
  }

  /// Keeps `linked` (of case `linked.caseId` in `area`), creating the case's row if the case
  /// itself has not arrived yet; false when it was already kept (a redelivery).
  func record(
    _ linked: CaseReferralLinked, area: String, acknowledgementId: String?, at now: Date,
    in session: PostgresSession
  ) throws -> Bool {
    try session.execute(
      "INSERT INTO \(s).cases (case_id, area) VALUES ($1, $2) ON CONFLICT (case_id) DO NOTHING",
      [.text(linked.caseId), .text(area)])
    let rowID = CasePersonalData.linkedReferralRowID(
      sourceSystem: linked.sourceSystem, referralId: linked.referralId)
    let sealed = zip(
      CasePersonalData.linkedReferrerColumns,
      [linked.referrer.name, linked.referrer.email, linked.referrer.phone]
    ).map { column, value in
      PostgresBind.optionalText(
        personalData.sealer.sealIfPresent(value, context: column.context(rowID: rowID)))
    }
    return try session.execute(
      """
      INSERT INTO \(s).linked_referrals (source_system, referral_id, case_id, referrer_type,
        matched_by, linked_at, referrer_organisation, acknowledgement_id, referrer_name,
        referrer_email, referrer_phone)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
      ON CONFLICT (source_system, referral_id) DO NOTHING
      """,
      [
        .text(linked.sourceSystem), .text(linked.referralId), .text(linked.caseId),
        .text(linked.referrerType.rawValue), .text(linked.matchedBy.rawValue), .timestamp(now),
        .optionalText(linked.referrer.organisation), .optionalText(acknowledgementId),
      ] + sealed) == 1
  }

  /// How many referrals were linked to case `caseId`.
  func count(of caseId: String, in session: PostgresSession) throws -> Int {
    try session.query(
      "SELECT count(*) FROM \(s).linked_referrals WHERE case_id = $1", [.text(caseId)]
    ).rows[0].decode(0, as: Int.self)
  }
}
