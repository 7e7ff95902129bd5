/// Where a case is in its journey (issue 6): the working stages of the RJ Council practitioner
/// framework in order, and the states outside that order: paused, closed and transferred.
/// ``StageMachine`` decides which moves between them are allowed.
enum JourneyStage: String, Sendable, CaseIterable, Codable {
  case referred
  case initialEngagement = "initial-engagement"
  case assessment
  case preparation
  case intervention
  case outcomeMonitoring = "outcome-monitoring"
  case followUp = "follow-up"
  case closed
  case paused
  case transferred

  /// The working stages, in journey order.
  static let working: [JourneyStage] = [
    .referred, .initialEngagement, .assessment, .preparation, .intervention, .outcomeMonitoring,
    .followUp,
  ]

  /// Whether work goes on in this stage (not paused, closed or transferred).
  var isWorking: Bool { Self.working.contains(self) }

  /// The next working stage in journey order; nil after follow-up and outside the order.
  var next: JourneyStage? {
    guard let index = Self.working.firstIndex(of: self), index + 1 < Self.working.count else {
      return nil
    }
    return Self.working[index + 1]
  }

  /// Whether the parties may be in contact with each other, or an intervention scheduled: only
  /// once the assessment is signed off.
  var allowsContactBetweenParties: Bool {
    [.preparation, .intervention, .outcomeMonitoring, .followUp].contains(self)
  }
}

/// What a risk and suitability assessment concluded.
enum AssessmentOutcome: String, Sendable, CaseIterable, Codable {
  case suitable
  case suitableWithConditions = "suitable-with-conditions"
  case unsuitable
}

/// What a stage move depends on beyond the two stages: the case's assessment, consents,
/// agreement, tasks and closure reason, as victim-contact has recorded them.
struct JourneyFacts: Sendable, Equatable {
  /// How many participants have given informed consent and not withdrawn it.
  var participantsConsenting = 0
  /// Whether any participant has withdrawn consent (the process stops for them at once).
  var consentWithdrawn = false
  /// The assessment's outcome, once completed.
  var assessmentOutcome: AssessmentOutcome?
  /// Whether the completed assessment is signed off.
  var assessmentSignedOff = false
  /// Whether the case is sensitive (domestic abuse, sexual violence…), needing a supervisor's
  /// sign-off.
  var sensitive = false
  /// Whether a supervisor signed the assessment off.
  var supervisorSignedOff = false
  /// Whether an outcome agreement was made.
  var outcomeAgreement = false
  /// Tasks still open (neither done nor explicitly dropped).
  var openTasks = 0
  /// The closure reason given, for a move to closed.
  var closureReason: String?
  /// The working stage a paused case was paused from.
  var pausedFrom: JourneyStage?
}
