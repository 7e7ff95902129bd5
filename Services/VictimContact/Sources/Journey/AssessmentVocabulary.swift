/// The risk factors practitioners record in a risk and safety assessment.
enum RiskFactor: String, Sendable, Codable, CaseIterable {
  case historyOfViolence = "history-of-violence"
  case ongoingThreat = "ongoing-threat"
  case retaliationRisk = "retaliation-risk"
  case substanceMisuse = "substance-misuse"
  case mentalHealth = "mental-health"
  case ongoingRelationship = "ongoing-relationship"
  case safeguardingConcern = "safeguarding-concern"
  case coerciveControl = "coercive-control"
  case other
}

/// What a participant needs to take part safely.
enum ParticipantNeed: String, Sendable, Codable, CaseIterable {
  case interpreter
  case accessibility
  case emotionalSupport = "emotional-support"
  case supporterPresent = "supporter-present"
  case specialistSupport = "specialist-support"
  case travel
  case other
}

/// How vulnerable a participant is, as the assessor judged.
enum Vulnerability: String, Sendable, Codable, CaseIterable {
  case none
  case low
  case moderate
  case high
}
