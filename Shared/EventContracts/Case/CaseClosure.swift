/// Why a case was closed: the list the commissioners count closures by (PRODUCT.md, "A case's
/// journey"). The free text that goes with `other` stays in victim-contact.
public enum ClosureReason: String, Codable, Sendable, CaseIterable {
  /// A direct intervention (a face-to-face conference) was delivered.
  case directInterventionDelivered = "direct-intervention-delivered"
  /// An indirect intervention (shuttle communication, letters, recorded messages) was
  /// delivered.
  case indirectInterventionDelivered = "indirect-intervention-delivered"
  /// The victim declined to take part, or stopped engaging.
  case victimDeclined = "victim-declined-or-disengaged"
  /// The offender declined to take part, or stopped engaging.
  case offenderDeclined = "offender-declined-or-disengaged"
  /// The offender was not identified or could not be traced.
  case offenderNotTraced = "offender-not-identified-or-traced"
  /// The assessment found the case unsuitable (with an ``UnsuitableReason``).
  case unsuitable
  /// The case was transferred to another area.
  case transferred = "transferred-to-another-area"
  /// Another reason, given in words.
  case other
}

/// Why a risk and suitability assessment found a case unsuitable for RJ.
public enum UnsuitableReason: String, Codable, Sendable, CaseIterable {
  /// Meeting or communicating would put a participant at risk of harm.
  case riskOfHarm = "risk-of-harm"
  /// The offender does not acknowledge responsibility for the harm.
  case noAcknowledgementOfResponsibility = "no-acknowledgement-of-responsibility"
  /// A participant's vulnerability (health, capacity, age) rules it out for now.
  case participantVulnerability = "participant-vulnerability"
  /// Criminal or family proceedings are still under way.
  case ongoingProceedings = "ongoing-proceedings"
  /// The balance of power between the parties (e.g. coercive control) rules it out.
  case powerImbalance = "power-imbalance"
  /// The participant's motives would do harm (e.g. to intimidate).
  case harmfulMotivation = "harmful-motivation"
  /// Another reason, recorded in the assessment.
  case other
}
