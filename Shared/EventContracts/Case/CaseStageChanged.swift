import Foundation

/// A case moved to another stage of the RJ Council practitioner framework. Published by
/// victim-contact, which owns the journey; `sequence` orders a case's changes so a reader
/// that receives them out of order keeps the latest. Routing key "case.stage-changed.v1".
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

  /// Builds the payload.
  public init(
    caseId: String, stage: CaseStage, previousStage: CaseStage, sequence: Int, changedAt: Date
  ) {
    self.caseId = caseId
    self.stage = stage
    self.previousStage = previousStage
    self.sequence = sequence
    self.changedAt = changedAt
  }
}

/// The stages of a case (RJ Council practitioner framework), in journey order.
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
}
