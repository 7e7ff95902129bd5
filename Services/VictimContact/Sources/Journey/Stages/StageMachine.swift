import EventContracts

/// The case journey as an explicit state machine: which stage moves are allowed, and for each
/// one refused the rule that blocks it, so a case worker is told why in words they can act on.
///
/// - Forward, one stage at a time: referred → initial engagement → assessment → preparation →
///   intervention → outcome monitoring → follow-up; from intervention straight to follow-up
///   when no outcome agreement was made.
/// - Assessment needs a participant's informed consent; leaving it needs the assessment
///   completed, suitable and signed off (by a supervisor for a sensitive case). No contact
///   between the parties, and no intervention, before that. A withdrawn consent stops the
///   process going forward.
/// - Any working stage may be paused (and resumed to the stage it was paused from), closed
///   (with a reason, once open tasks are resolved or dropped) or transferred to another area.
/// - A closed case may be reopened (back to initial engagement); a transferred case is the
///   receiving area's, and stays transferred here.
enum StageMachine {
  /// Why a move is refused: a stable code and what would make it allowed.
  enum Rule: String, Sendable, CaseIterable, Equatable {
    case sameStage = "same-stage"
    case oneStageAtATime = "one-stage-at-a-time"
    case consentRequired = "consent-required"
    case consentWithdrawn = "consent-withdrawn"
    case assessmentNotSignedOff = "assessment-not-signed-off"
    case supervisorSignOffRequired = "supervisor-sign-off-required"
    case unsuitable = "assessment-unsuitable"
    case outcomeAgreementRequired = "outcome-agreement-required"
    case closureReasonRequired = "closure-reason-required"
    case unsuitableReasonRequired = "unsuitable-reason-required"
    case unsuitableNotAssessed = "unsuitable-not-assessed"
    case notDelivered = "intervention-not-delivered"
    case openTasks = "open-tasks"
    case resumeToPausedStage = "resume-to-paused-stage"
    case closedCase = "closed-case"
    case transferredCase = "transferred-case"
    case notAWorkingStage = "not-a-working-stage"
    case agreementItemsUnsettled = "agreement-items-unsettled"

    /// What the rule says, for the person refused.
    var explanation: String {
      switch self {
      case .sameStage: "the case is already in that stage"
      case .oneStageAtATime: "a case moves forward one stage at a time"
      case .consentRequired:
        "assessment needs at least one participant's informed consent, recorded"
      case .consentWithdrawn:
        "a participant withdrew consent: the process cannot go forward for them"
      case .assessmentNotSignedOff:
        "the risk and suitability assessment must be completed and signed off first"
      case .supervisorSignOffRequired: "a sensitive case's assessment needs a supervisor's sign-off"
      case .unsuitable: "the assessment found the case unsuitable: it can only be closed"
      case .outcomeAgreementRequired:
        "outcome monitoring needs an outcome agreement; without one, go to follow-up"
      case .closureReasonRequired:
        "closing a case needs a reason from the closure list (in words for other)"
      case .unsuitableReasonRequired: "closing as unsuitable needs the reason it is unsuitable"
      case .unsuitableNotAssessed:
        "closing as unsuitable needs a signed-off assessment that found the case unsuitable"
      case .notDelivered: "that closure reason needs the intervention recorded as delivered"
      case .openTasks: "open tasks must be resolved or explicitly dropped before closing"
      case .resumeToPausedStage: "a paused case resumes in the stage it was paused from"
      case .agreementItemsUnsettled:
        "outcome agreement items are still open: settle each as done or not done, or a "
          + "supervisor moves the case to follow-up giving the reason"
      case .closedCase: "a closed case can only be reopened (to initial engagement)"
      case .transferredCase: "the case was transferred; the receiving area works it now"
      case .notAWorkingStage: "only a working stage can be paused, closed or transferred"
      }
    }
  }

  /// A refused move: the rule that blocks it.
  struct Refusal: Error, Sendable, Equatable {
    var from: CaseStage
    var to: CaseStage
    var rule: Rule

    /// "assessment → preparation refused: the risk and suitability assessment must be …".
    var message: String { "\(from.rawValue) → \(to.rawValue) refused: \(rule.explanation)" }
  }

  /// The move from `from` to `to` given `facts`, or the rule that refuses it.
  static func decide(from: CaseStage, to: CaseStage, facts: JourneyFacts) -> Result<
    StageMove, Refusal
  > {
    func refuse(_ rule: Rule) -> Result<StageMove, Refusal> {
      .failure(Refusal(from: from, to: to, rule: rule))
    }
    if from == to { return refuse(.sameStage) }
    switch from {
    case .transferred:
      return refuse(.transferredCase)
    case .closed:
      return to == .initialEngagement ? .success(.reopen) : refuse(.closedCase)
    case .paused:
      switch to {
      case .closed: return closing(facts).map { refuse($0) } ?? .success(.close)
      case .transferred: return .success(.transfer)
      case .paused: return refuse(.sameStage)
      default:
        return to == facts.pausedFrom ? .success(.resume) : refuse(.resumeToPausedStage)
      }
    default:
      break
    }
    // From a working stage.
    switch to {
    case .paused: return .success(.pause)
    case .transferred: return .success(.transfer)
    case .closed: return closing(facts).map { refuse($0) } ?? .success(.close)
    case .referred: return refuse(.oneStageAtATime)
    default: break
    }
    let skipsAgreement = from == .intervention && to == .followUp && !facts.outcomeAgreement
    guard from.next == to || skipsAgreement else { return refuse(.oneStageAtATime) }
    if let rule = forwardRule(to: to, facts: facts) { return refuse(rule) }
    return .success(.advance)
  }

  /// What blocks going forward into `to`, if anything.
  static func forwardRule(to: CaseStage, facts: JourneyFacts) -> Rule? {
    if facts.consentWithdrawn, to != .initialEngagement { return .consentWithdrawn }
    switch to {
    case .riskAssessment:
      return facts.participantsConsenting > 0 ? nil : .consentRequired
    case .preparation:
      guard facts.assessmentOutcome != nil, facts.assessmentSignedOff else {
        return .assessmentNotSignedOff
      }
      if facts.assessmentOutcome == .unsuitable { return .unsuitable }
      if facts.sensitive, !facts.supervisorSignedOff { return .supervisorSignOffRequired }
      return nil
    case .outcomeMonitoring:
      return facts.outcomeAgreement ? nil : .outcomeAgreementRequired
    case .followUp:
      return facts.unsettledAgreementItems > 0 && !facts.supervisorExplained
        ? .agreementItemsUnsettled : nil
    default:
      return nil
    }
  }

  /// What blocks closing, if anything: a reason from the list is needed (explained in words
  /// for `other`, with the unsuitable reason for `unsuitable`), an intervention reason needs
  /// that intervention delivered, and open tasks must be resolved or dropped.
  static func closing(_ facts: JourneyFacts) -> Rule? {
    switch facts.closureReason {
    case nil: return .closureReasonRequired
    case .other where !facts.closureExplained: return .closureReasonRequired
    case .unsuitable where facts.unsuitableReason == nil: return .unsuitableReasonRequired
    case .unsuitable where facts.assessmentOutcome != .unsuitable || !facts.assessmentSignedOff:
      return .unsuitableNotAssessed
    case .directInterventionDelivered where !facts.deliveredDirect: return .notDelivered
    case .indirectInterventionDelivered where !facts.deliveredIndirect: return .notDelivered
    default: return facts.openTasks > 0 ? .openTasks : nil
    }
  }
}
