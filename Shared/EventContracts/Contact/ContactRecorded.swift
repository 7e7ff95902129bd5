import Foundation

/// A case worker recorded the outcome of a contact attempt with a participant. The notes
/// stay in victim-contact; this carries only what the figures count. Routing key
/// "contact.recorded.v1".
public struct ContactRecorded: EventPayload {
  /// "contact.recorded".
  public static let eventType = "contact.recorded"
  /// Version 1.
  public static let eventVersion = 1

  /// The attempt's id.
  public var attemptId: String
  /// The hub's case id.
  public var caseId: String
  /// Who was contacted.
  public var participant: Participant
  /// How it went.
  public var outcome: ContactOutcome
  /// The channel used.
  public var channel: PreferredContact
  /// When the attempt was made.
  public var attemptedAt: Date

  /// Builds the payload.
  public init(
    attemptId: String, caseId: String, participant: Participant, outcome: ContactOutcome,
    channel: PreferredContact, attemptedAt: Date
  ) {
    self.attemptId = attemptId
    self.caseId = caseId
    self.participant = participant
    self.outcome = outcome
    self.channel = channel
    self.attemptedAt = attemptedAt
  }
}

/// A participant's part in the case (values added within version 1: bereaved family member,
/// supporter).
public enum Participant: String, Codable, Sendable, CaseIterable {
  /// The victim.
  case victim
  /// The offender.
  case offender
  /// A bereaved family member of a victim whose death was caused by crime; counts as a victim.
  case bereavedFamilyMember = "bereaved-family-member"
  /// Someone supporting another participant (a parent, an advocate, a friend).
  case supporter

  /// Whether the participant counts as a victim (the victim, or a bereaved family member).
  public var isVictim: Bool { self == .victim || self == .bereavedFamilyMember }
}

/// The outcome of one contact attempt.
public enum ContactOutcome: String, Codable, Sendable, CaseIterable {
  /// Nobody answered.
  case noAnswer = "no-answer"
  /// A message was left.
  case leftMessage = "left-message"
  /// Spoke with the participant; they have not decided yet.
  case spokeWith = "spoke-with"
  /// Spoke with the participant; they agreed to an initial conversation with a facilitator.
  case agreed
  /// Spoke with the participant; they declined RJ.
  case declined
}
