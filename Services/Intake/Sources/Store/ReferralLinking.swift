import EventContracts
import Foundation
import PostgresClient

/// The keyed hashes a referral is matched on (never the values themselves).
struct MatchKeys: Equatable {
  /// The victim's name with date of birth, when both were given.
  var victimIdentity: String?
  /// The crime reference, when given.
  var crimeReference: String?
}

/// Recognising a referral of a victim and crime the hub already has a case for, from another
/// channel (a police system and a victim hub, say), so that it joins that case instead of
/// opening a second:
///
/// 1. the same crime reference in the same area; else
/// 2. the same victim (name and date of birth, compared by keyed hash after normalising case
///    and spacing), the same offence category and the same offence day, in the same area.
///
/// Only a case still worked is joined. When every matching case has closed or been transferred
/// to another area (victim-contact's stage changes, ``CaseStageRecorder``), the referral opens a
/// new case linked to the most recent of them (`previousCaseId`); intake never reopens a case:
/// reopening is the case worker's decision on the old case (`POST /cases/{caseId}/stage`).
extension ReferralStore {
  /// The keys `referral` is matched on.
  func matchKeys(of referral: ValidReferral) -> MatchKeys {
    matchKeys(of: referral.submission)
  }

  /// The keys of any submission, valid or not (kept beside rejected ones so the hub can find
  /// them by name and date of birth, or crime reference, without opening them).
  func matchKeys(of submission: ReferralSubmission) -> MatchKeys {
    let victim = submission.victim
    var keys = MatchKeys()
    if let name = victim?.name?.trimmed, let dateOfBirth = victim?.dateOfBirth?.trimmed {
      keys.victimIdentity = sealer.matchingHash(
        [name, dateOfBirth], purpose: IntakePersonalData.victimIdentityPurpose)
    }
    keys.crimeReference = submission.offence?.crimeReference?.trimmed.map {
      sealer.matchingHash($0, purpose: IntakePersonalData.crimeReferencePurpose)
    }
    return keys
  }

  /// Serialises matching on `keys` in `area` across replicas until the transaction ends, so
  /// two channels' referrals of one crime arriving at once open one case, not two. Locks are
  /// taken in a fixed order; a deadlock with another batch is retried by the consumer.
  func lockMatchKeys(_ keys: MatchKeys, area: String, in session: PostgresSession) throws {
    for key in [keys.crimeReference, keys.victimIdentity].compactMap({ $0 }).sorted() {
      _ = try session.query(
        "SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))",
        [.text("\(schema).match"), .text("\(area)\u{1F}\(key)")])
    }
  }

  /// The case an earlier referral of the same victim and crime belongs to, how it matched,
  /// and whether it is still worked; nil when there is none. A case still worked comes first
  /// (by crime reference, then the earliest referral); when none is, the most recently
  /// received of the ended ones, so a chain of re-referrals links each case to the one before.
  func caseMatch(for referral: ValidReferral, keys: MatchKeys, in session: PostgresSession)
    throws -> CaseMatch?
  {
    guard keys.crimeReference != nil || keys.victimIdentity != nil else { return nil }
    return try session.query(
      """
      SELECT r.case_id, r.crime_reference_hash IS NOT DISTINCT FROM $2 AND $2 IS NOT NULL,
        coalesce(c.stage NOT IN ('closed', 'transferred'), true) AS worked
      FROM \(s).referrals r
      LEFT JOIN \(s).case_stages c ON c.case_id = r.case_id
      WHERE r.area = $1 AND (r.crime_reference_hash = $2
        OR (r.victim_identity_hash = $3 AND lower(r.offence_category) = lower($4)
          AND r.offence_occurred_on IS NOT DISTINCT FROM $5::date))
      ORDER BY 3 DESC, 2 DESC,
        CASE WHEN coalesce(c.stage NOT IN ('closed', 'transferred'), true)
          THEN r.received_at END,
        r.received_at DESC, r.referral_id
      LIMIT 1
      """,
      [
        .text(referral.area), .optionalText(keys.crimeReference),
        .optionalText(keys.victimIdentity), .text(referral.offenceCategory),
        .optionalText(referral.submission.offence?.occurredOn),
      ]
    ).rows.first.map {
      CaseMatch(
        caseId: try $0.decode(0, as: String.self),
        matchedBy: try $0.decode(1, as: Bool.self) ? .crimeReference : .victimIdentity,
        isWorked: try $0.decode(2, as: Bool.self))
    }
  }
}

/// The case a referral matched, for ``ReferralStore/caseMatch(for:keys:in:)``.
struct CaseMatch {
  /// The matching case.
  var caseId: String
  /// How the referral matched it.
  var matchedBy: CaseReferralLinked.LinkMatch
  /// Whether the case is still worked (not closed or transferred): only then is the referral
  /// joined to it; otherwise it opens a new case linked to this one.
  var isWorked: Bool
}
