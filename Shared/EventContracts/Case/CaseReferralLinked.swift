/// Intake linked a referral to a case already open for the same victim and crime (the same
/// crime reference, or the same victim's name and date of birth with the same offence and
/// day), instead of opening a second case. Sent to victim-contact, which records the second
/// referrer as a source and acknowledges them. Like ``CaseContactDetails`` it carries the
/// referrer's contact details, so only victim-contact may bind it. Routing key
/// "case.referral-linked.v1".
public struct CaseReferralLinked: EventPayload {
  /// "case.referral-linked".
  public static let eventType = "case.referral-linked"
  /// Version 1.
  public static let eventVersion = 1

  /// The open case the referral joined.
  public var caseId: String
  /// The linked referral's own reference, as submitted.
  public var referralId: String
  /// The sending system, as submitted.
  public var sourceSystem: String
  /// Who referred this time.
  public var referrerType: ReferrerType
  /// How the referral was recognised as the same victim and crime.
  public var matchedBy: LinkMatch
  /// The person who referred this time, for the acknowledgement (personal data).
  public var referrer: CaseContactDetails.Person

  /// How a referral was matched to an open case.
  public enum LinkMatch: String, Codable, Sendable, CaseIterable {
    /// The same police crime reference, in the same area.
    case crimeReference = "crime-reference"
    /// The same victim (name and date of birth, compared by keyed hash), offence category and
    /// offence day, in the same area.
    case victimIdentity = "victim-identity"
  }

  /// Builds the payload.
  public init(
    caseId: String, referralId: String, sourceSystem: String, referrerType: ReferrerType,
    matchedBy: LinkMatch, referrer: CaseContactDetails.Person
  ) {
    self.caseId = caseId
    self.referralId = referralId
    self.sourceSystem = sourceSystem
    self.referrerType = referrerType
    self.matchedBy = matchedBy
    self.referrer = referrer
  }
}
