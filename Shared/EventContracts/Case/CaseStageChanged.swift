import Foundation

/// A case moved to another stage of the RJ Council practitioner framework, or was paused,
/// resumed, closed, reopened or transferred. Published by victim-contact, which owns the
/// journey; `sequence` orders a case's changes so a reader that receives them out of order
/// keeps the latest. `move`, `closureReason` and `unsuitableReason` were added to version 1
/// as optional fields, which readers of the first edition ignore; so were the stages `paused`
/// and `transferred`, which such a reader cannot decode (it dead-letters the event with the
/// reason): readers are upgraded before victim-contact. Who moved the case and their
/// free-text reason stay in victim-contact. Routing key "case.stage-changed.v1".
public struct CaseStageChanged: EventPayload {
  /// "case.stage-changed".
  public static let eventType = "case.stage-changed"
  /// Version 1.
  public static let eventVersion = 1

  /// The hub's case id.
  public var caseId: String
  /// The stage the case is now in.
  public var stage: CaseStage
  /// The stage it left.
  public var previousStage: CaseStage
  /// Increases with every change of this case, starting at 1.
  public var sequence: Int
  /// When the change happened.
  public var changedAt: Date
  /// What kind of move it was; absent in events of the first edition (always an advance).
  public var move: StageMove?
  /// Why a case was closed, when `stage` is closed.
  public var closureReason: ClosureReason?
  /// Why the assessment found the case unsuitable, when `closureReason` is unsuitable.
  public var unsuitableReason: UnsuitableReason?

  /// Builds the payload.
  public init(
    caseId: String, stage: CaseStage, previousStage: CaseStage, sequence: Int, changedAt: Date,
    move: StageMove? = nil, closureReason: ClosureReason? = nil,
    unsuitableReason: UnsuitableReason? = nil
  ) {
    self.caseId = caseId
    self.stage = stage
    self.previousStage = previousStage
    self.sequence = sequence
    self.changedAt = changedAt
    self.move = move
    self.closureReason = closureReason
    self.unsuitableReason = unsuitableReason
  }
}

/// What kind of stage change a case had.
public enum StageMove: String, Codable, Sendable, CaseIterable {
  /// Forward to the next working stage.
  case advance
  /// Work paused (the participant is unwell, proceedings are pending…).
  case pause
  /// Back to the stage it was paused from.
  case resume
  /// Closed, with a reason.
  case close
  /// A closed case opened again, at initial engagement.
  case reopen
  /// Handed to another area's hub.
  case transfer
}

/// The stages of a case (RJ Council practitioner framework), in journey order, then the
/// states outside that order (paused, transferred; closed ends the journey).
public enum CaseStage: String, Codable, Sendable, CaseIterable {
  /// Referred; nobody has spoken with the participants yet.
  case referred
  /// Hub staff are in contact with the participants.
  case initialEngagement = "initial-engagement"
  /// Risk and safety assessment.
  case riskAssessment = "risk-assessment"
  /// Preparing the participants.
  case preparation
  /// A direct or indirect intervention is under way.
  case intervention
  /// Monitoring an outcome agreement.
  case outcomeMonitoring = "outcome-monitoring"
  /// Following up after the intervention.
  case followUp = "follow-up"
  /// Closed.
  case closed
  /// Work paused; it resumes in the stage it was paused from.
  case paused
  /// Transferred to another area, which works it now.
  case transferred
}
