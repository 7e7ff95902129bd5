import EventContracts
import Foundation
import PostgresClient

/// How a referral was answered, for the agency that sent it: no personal data.
struct ReferralStatus: Encodable, Sendable {
  var referralId: String
  var sourceSystem: String
  /// `accepted` (opened a case), `linked` (joined an open case) or `rejected` (the latest
  /// submission's errors are listed; fix them and send again).
  var status: String
  var caseId: String?
  var receivedAt: Date
  var errors: [ReferralError]?
}

/// Reads ``ReferralStatus`` from intake's tables.
struct ReferralStatusReader: Sendable {
  let s: String

  init(schema: SchemaName) {
    s = schema.sql
  }

  /// The referral's status: from the case it belongs to, or else from its latest rejected
  /// submission; nil when intake never received it.
  func status(sourceSystem: String, referralId: String, in session: PostgresSession) throws
    -> ReferralStatus?
  {
    if let row = try session.query(
      """
      SELECT case_id, received_at, linked_by IS NOT NULL FROM \(s).referrals
      WHERE source_system = $1 AND referral_id = $2
      """, [.text(sourceSystem), .text(referralId)]
    ).rows.first {
      return ReferralStatus(
        referralId: referralId, sourceSystem: sourceSystem,
        status: try row.decode(2, as: Bool.self) ? "linked" : "accepted",
        caseId: try row.decode(0), receivedAt: try row.decode(1), errors: nil)
    }
    return try session.query(
      """
      SELECT received_at, errors::text FROM \(s).submissions
      WHERE source_system = $1 AND referral_id = $2 AND outcome = 'rejected'
      ORDER BY received_at DESC LIMIT 1
      """, [.text(sourceSystem), .text(referralId)]
    ).rows.first.map { row in
      ReferralStatus(
        referralId: referralId, sourceSystem: sourceSystem, status: "rejected", caseId: nil,
        receivedAt: try row.decode(0),
        errors: try row.decodeJSON(1, as: [ReferralError].self))
    }
  }

  /// The area of the referral `referralId` from `sourceSystem` the hub accepted (opened or
  /// linked); nil when it never accepted one.
  func acceptedArea(sourceSystem: String, referralId: String, in session: PostgresSession) throws
    -> String?
  {
    try session.query(
      "SELECT area FROM \(s).referrals WHERE source_system = $1 AND referral_id = $2",
      [.text(sourceSystem), .text(referralId)]
    ).rows.first.map { try $0.decode(0, as: String.self) }
  }
}
