import Foundation

/// victim-contact asks facilitator-matching for facilitators, once a participant agreed to
/// take part. Carries what eligibility depends on, no identifiers. Routing key
/// "facilitators.requested.v1".
public struct FacilitatorsRequested: EventPayload {
  /// "facilitators.requested".
  public static let eventType = "facilitators.requested"
  /// Version 1.
  public static let eventVersion = 1

  /// The request's id; one allocation answers it.
  public var requestId: String
  /// The hub's case id.
  public var caseId: String
  /// The district, when known.
  public var district: String?
  /// The offence category, for sensitive-case training.
  public var offenceCategory: String?
  /// The language the participant prefers (BCP 47).
  public var language: String?
  /// Whether the victim is a bereaved family member (a sensitive case).
  public var bereavedFamily: Bool
  /// When it was requested.
  public var requestedAt: Date
  /// What makes the case sensitive (``SensitivityFlag`` values), as the referral said; any
  /// flag makes it a case for sensitive-trained facilitators.
  public var sensitivity: [String]?
  /// The languages of every participant (BCP 47), the victim's first, for the pair's
  /// language score; absent from older requests (then ``language`` alone counts).
  public var participantLanguages: [String]?
  /// Cultural knowledge the participants would value in a facilitator (codes such as
  /// "gypsy-roma-traveller" or "deaf-community"), for the pair's score.
  public var culturalNeeds: [String]?
  /// Whether a participant is under 18 (a youth case, for youth-trained facilitators).
  public var youth: Bool?
  /// Conflict-of-interest marks: keyed hashes (``ConflictOfInterestMarks``) of each
  /// participant's name and address, never the name or address itself. A facilitator whose
  /// register entry carries one of them is never allocated.
  public var participantMarks: [String]?

  /// Builds the payload.
  public init(
    requestId: String, caseId: String, district: String? = nil, offenceCategory: String? = nil,
    language: String? = nil, bereavedFamily: Bool, requestedAt: Date,
    sensitivity: [String]? = nil, participantLanguages: [String]? = nil,
    culturalNeeds: [String]? = nil, youth: Bool? = nil, participantMarks: [String]? = nil
  ) {
    self.requestId = requestId
    self.caseId = caseId
    self.district = district
    self.offenceCategory = offenceCategory
    self.language = language
    self.bereavedFamily = bereavedFamily
    self.requestedAt = requestedAt
    self.sensitivity = sensitivity
    self.participantLanguages = participantLanguages
    self.culturalNeeds = culturalNeeds
    self.youth = youth
    self.participantMarks = participantMarks
  }
}
