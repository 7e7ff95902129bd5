import EventContracts

/// The journey's order (issue 6), on the event contract's stages: the working stages of the
/// RJ Council practitioner framework in order, and the states outside that order — paused,
/// closed and transferred. ``StageMachine`` decides which moves between them are allowed.
extension CaseStage {
  /// The working stages, in journey order.
  static let working: [CaseStage] = [
    .referred, .initialEngagement, .riskAssessment, .preparation, .intervention,
    .outcomeMonitoring, .followUp,
  ]

  /// Whether work goes on in this stage (not paused, closed or transferred).
  var isWorking: Bool { Self.working.contains(self) }

  /// The next working stage in journey order; nil after follow-up and outside the order.
  var next: CaseStage? {
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
  /// Whether a direct intervention (a conference) was delivered.
  var deliveredDirect = false
  /// Whether an indirect intervention was delivered.
  var deliveredIndirect = false
  /// The closure reason given, for a move to closed.
  var closureReason: ClosureReason?
  /// Whether the closure's reason is explained in words (needed for `other`).
  var closureExplained = false
  /// Why the case is unsuitable, for a closure as unsuitable.
  var unsuitableReason: UnsuitableReason?
  /// The working stage a paused case was paused from.
  var pausedFrom: CaseStage?
  /// Outcome agreement items neither done nor not done yet.
  var unsettledAgreementItems = 0
  /// Whether the move is a supervisor's, with their reason recorded (what lets a case go to
  /// follow-up with agreement items unsettled).
  var supervisorExplained = false
}
