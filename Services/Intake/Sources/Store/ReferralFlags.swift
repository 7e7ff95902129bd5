import EventContracts
import Foundation
import PostgresClient

/// Why an accepted referral is put in front of a case worker in the hub's review queue. The
/// case opens as usual (nothing waits on a flag); the flag asks a person to check what a rule
/// cannot decide, and the check is recorded (`POST /submissions/{id}/review`).
enum ReferralFlag: String, Sendable, CaseIterable, Encodable {
  /// The same victim (keyed hash of name and date of birth) already has a case in the area for
  /// another offence or day: perhaps one crime recorded twice, perhaps two crimes.
  case possibleDuplicate = "possible-duplicate"
  /// A victim or offender under 18: youth justice protocols apply.
  case youthParticipant = "youth-participant"
  /// The referral names sensitivity flags (domestic abuse, stalking…): specialist handling.
  case sensitive
}

/// The flags of one new case's referral, with the cases a possible duplicate may repeat.
struct ReferralFlags: Sendable, Equatable {
  var flags: [ReferralFlag] = []
  var possibleDuplicateOf: [String] = []

  /// The flags of `referral`, opening `caseId` with `keys`, received at `receivedAt`.
  static func of(
    _ referral: ValidReferral, caseId: String, keys: MatchKeys, receivedAt: Date,
    store: ReferralStore, in session: PostgresSession
  ) throws -> ReferralFlags {
    var found = ReferralFlags()
    found.possibleDuplicateOf = try store.casesOfVictim(
      keys, area: referral.area, excluding: caseId, in: session)
    if !found.possibleDuplicateOf.isEmpty { found.flags.append(.possibleDuplicate) }
    if referral.victimIsYouth(at: receivedAt) == true
      || referral.offenderIsYouth(at: receivedAt) == true
    {
      found.flags.append(.youthParticipant)
    }
    if !referral.sensitivity.isEmpty { found.flags.append(.sensitive) }
    return found
  }
}

extension ReferralStore {
  /// The other cases in `area` whose referrals name the same victim (by keyed hash), at most
  /// five, oldest first.
  func casesOfVictim(
    _ keys: MatchKeys, area: String, excluding caseId: String, in session: PostgresSession
  ) throws -> [String] {
    guard let identity = keys.victimIdentity else { return [] }
    return try session.query(
      """
      SELECT case_id FROM \(s).referrals
      WHERE area = $1 AND victim_identity_hash = $2 AND case_id <> $3
      GROUP BY case_id ORDER BY min(received_at), case_id LIMIT 5
      """, [.text(area), .text(identity), .text(caseId)]
    ).rows.map { try $0.decode(0, as: String.self) }
  }
}
