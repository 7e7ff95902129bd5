import Foundation

/// A participant was referred (back) to a support service during the process, e.g. a victim
/// to Victim Support. Published by victim-contact; why stays there. Routing key
/// "support-referral.made.v1".
public struct SupportReferralMade: EventPayload {
  /// "support-referral.made".
  public static let eventType = "support-referral.made"
  /// Version 1.
  public static let eventVersion = 1

  /// The referral's id.
  public var supportReferralId: String
  /// The hub's case id.
  public var caseId: String
  /// The participant's part in the case.
  public var participant: Participant
  /// Where they were referred.
  public var organisation: SupportOrganisation
  /// When.
  public var referredAt: Date

  /// Builds the payload.
  public init(
    supportReferralId: String, caseId: String, participant: Participant,
    organisation: SupportOrganisation, referredAt: Date
  ) {
    self.supportReferralId = supportReferralId
    self.caseId = caseId
    self.participant = participant
    self.organisation = organisation
    self.referredAt = referredAt
  }
}

/// Where a participant may be referred for support.
public enum SupportOrganisation: String, Codable, Sendable, CaseIterable {
  /// The area's victim support service (victims' hub).
  case victimSupport = "victim-support"
  /// A specialist service (domestic abuse, sexual violence, bereavement…).
  case specialistService = "specialist-service"
  /// Mental health services.
  case mentalHealth = "mental-health"
  /// Another service.
  case other
}
