import Foundation

/// A participant gave their informed, written consent to take part in RJ. Published by
/// victim-contact; the evidence itself (where the signed form is) stays there. Routing key
/// "consent.given.v1".
public struct ConsentGiven: EventPayload {
  /// "consent.given".
  public static let eventType = "consent.given"
  /// Version 1.
  public static let eventVersion = 1

  /// The consent's id.
  public var consentId: String
  /// The hub's case id.
  public var caseId: String
  /// The participant's id within victim-contact (no name).
  public var participantId: String
  /// Their part in the case.
  public var participant: Participant
  /// What they were told before consenting.
  public var informationGiven: [ConsentInformation]
  /// When they were given that information.
  public var informedAt: Date
  /// The written evidence kept.
  public var evidence: ConsentEvidence
  /// When they consented.
  public var givenAt: Date

  /// Builds the payload.
  public init(
    consentId: String, caseId: String, participantId: String, participant: Participant,
    informationGiven: [ConsentInformation], informedAt: Date, evidence: ConsentEvidence,
    givenAt: Date
  ) {
    self.consentId = consentId
    self.caseId = caseId
    self.participantId = participantId
    self.participant = participant
    self.informationGiven = informationGiven
    self.informedAt = informedAt
    self.evidence = evidence
    self.givenAt = givenAt
  }
}

/// What a participant must be told for their consent to be informed.
public enum ConsentInformation: String, Codable, Sendable, CaseIterable {
  /// What restorative justice is and what it may involve.
  case whatRJIs = "what-rj-is"
  /// Taking part is voluntary.
  case voluntary
  /// Consent may be withdrawn at any time, without giving a reason.
  case rightToWithdraw = "right-to-withdraw"
  /// The possible risks and benefits.
  case risksAndBenefits = "risks-and-benefits"
  /// How their information is kept and shared.
  case useOfInformation = "use-of-information"
  /// What happens next in the process.
  case whatHappensNext = "what-happens-next"
}

/// The written evidence of a consent.
public enum ConsentEvidence: String, Codable, Sendable, CaseIterable {
  /// A consent form signed by the participant (or their parent or guardian).
  case signedForm = "signed-form"
  /// An email from the participant confirming it.
  case email
  /// A letter from the participant confirming it.
  case letter
}
