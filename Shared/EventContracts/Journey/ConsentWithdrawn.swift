import Foundation

/// A participant withdrew their consent: the process stops for them at once. Published by
/// victim-contact; what they said stays there. Routing key "consent.withdrawn.v1".
public struct ConsentWithdrawn: EventPayload {
  /// "consent.withdrawn".
  public static let eventType = "consent.withdrawn"
  /// Version 1.
  public static let eventVersion = 1

  /// The consent withdrawn.
  public var consentId: String
  /// The hub's case id.
  public var caseId: String
  /// The participant's id within victim-contact.
  public var participantId: String
  /// Their part in the case.
  public var participant: Participant
  /// The case's stage when they withdrew.
  public var stage: CaseStage
  /// When.
  public var withdrawnAt: Date

  /// Builds the payload.
  public init(
    consentId: String, caseId: String, participantId: String, participant: Participant,
    stage: CaseStage, withdrawnAt: Date
  ) {
    self.consentId = consentId
    self.caseId = caseId
    self.participantId = participantId
    self.participant = participant
    self.stage = stage
    self.withdrawnAt = withdrawnAt
  }
}
