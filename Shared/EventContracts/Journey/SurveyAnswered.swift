import Foundation

/// A participant answered a survey: distance travelled (victims, at the start, the end and
/// six months after closure, on four measures) or satisfaction (victims and offenders, at
/// the end). Scores only: a testimonial's words stay in victim-contact. Routing key
/// "survey.answered.v1".
public struct SurveyAnswered: EventPayload {
  /// "survey.answered".
  public static let eventType = "survey.answered"
  /// Version 1.
  public static let eventVersion = 1

  /// The survey's id.
  public var surveyId: String
  /// The hub's case id.
  public var caseId: String
  /// The participant's id within victim-contact.
  public var participantId: String
  /// Their part in the case.
  public var participant: Participant
  /// Which survey.
  public var kind: SurveyKind
  /// When in the journey.
  public var point: SurveyPoint
  /// Distance travelled: each measure's answer on the five-point scale (1 worst, 5 best).
  public var measures: [String: Int]?
  /// Satisfaction on the five-point scale (1 very dissatisfied … 5 very satisfied).
  public var satisfaction: Int?
  /// Whether they gave a testimonial and consented to its use.
  public var testimonialConsented: Bool
  /// When they answered.
  public var answeredAt: Date

  /// Builds the payload.
  public init(
    surveyId: String, caseId: String, participantId: String, participant: Participant,
    kind: SurveyKind, point: SurveyPoint, measures: [String: Int]?, satisfaction: Int?,
    testimonialConsented: Bool, answeredAt: Date
  ) {
    self.surveyId = surveyId
    self.caseId = caseId
    self.participantId = participantId
    self.participant = participant
    self.kind = kind
    self.point = point
    self.measures = measures
    self.satisfaction = satisfaction
    self.testimonialConsented = testimonialConsented
    self.answeredAt = answeredAt
  }
}

/// The surveys the hub asks.
public enum SurveyKind: String, Codable, Sendable, CaseIterable {
  /// The victim's distance travelled on the four ``DistanceMeasure``s.
  case distanceTravelled = "distance-travelled"
  /// How satisfied the participant was with the service.
  case satisfaction
}

/// When a survey is answered.
public enum SurveyPoint: String, Codable, Sendable, CaseIterable {
  /// At the start (before the intervention).
  case start
  /// At the end (at closure).
  case end
  /// Six months after closure.
  case sixMonths = "six-months"
}

/// The four distance-travelled measures.
public enum DistanceMeasure: String, Codable, Sendable, CaseIterable {
  /// Health and wellbeing.
  case healthAndWellbeing = "health-and-wellbeing"
  /// Coping with everyday life.
  case copingWithEverydayLife = "coping-with-everyday-life"
  /// Feeling safe.
  case feelingSafe = "feeling-safe"
  /// Feeling informed and empowered.
  case informedAndEmpowered = "informed-and-empowered"
}
