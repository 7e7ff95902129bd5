import Foundation

/// A participant's risk and suitability assessment was completed (revision 1) or signed off
/// (revision 2). Published by victim-contact; the risk factors, needs and notes stay there.
/// A reader keeps the highest revision. Routing key "assessment.recorded.v1".
public struct AssessmentRecorded: EventPayload {
  /// "assessment.recorded".
  public static let eventType = "assessment.recorded"
  /// Version 1.
  public static let eventVersion = 1

  /// The assessment's id.
  public var assessmentId: String
  /// The hub's case id.
  public var caseId: String
  /// The participant assessed (id within victim-contact).
  public var participantId: String
  /// Their part in the case.
  public var participant: Participant
  /// What it concluded.
  public var outcome: AssessmentOutcome
  /// The conditions of a suitable-with-conditions outcome.
  public var conditions: [AssessmentCondition]
  /// Why it is unsuitable, for that outcome.
  public var unsuitableReason: UnsuitableReason?
  /// When it was completed.
  public var completedAt: Date
  /// When it was signed off, once it is.
  public var signedOffAt: Date?
  /// The role of who signed it off: `case-worker` or `supervisor`.
  public var signedOffRole: String?
  /// 1 when completed, 2 when signed off.
  public var revision: Int

  /// Builds the payload.
  public init(
    assessmentId: String, caseId: String, participantId: String, participant: Participant,
    outcome: AssessmentOutcome, conditions: [AssessmentCondition],
    unsuitableReason: UnsuitableReason?, completedAt: Date, signedOffAt: Date?,
    signedOffRole: String?, revision: Int
  ) {
    self.assessmentId = assessmentId
    self.caseId = caseId
    self.participantId = participantId
    self.participant = participant
    self.outcome = outcome
    self.conditions = conditions
    self.unsuitableReason = unsuitableReason
    self.completedAt = completedAt
    self.signedOffAt = signedOffAt
    self.signedOffRole = signedOffRole
    self.revision = revision
  }
}

/// What a risk and suitability assessment concluded.
public enum AssessmentOutcome: String, Codable, Sendable, CaseIterable {
  /// Suitable for RJ.
  case suitable
  /// Suitable under conditions (``AssessmentCondition``).
  case suitableWithConditions = "suitable-with-conditions"
  /// Not suitable (``UnsuitableReason``).
  case unsuitable
}

/// A condition under which a case is suitable.
public enum AssessmentCondition: String, Codable, Sendable, CaseIterable {
  /// Indirect communication only: no face-to-face conference.
  case indirectOnly = "indirect-only"
  /// Only a facilitator trained as a specialist for this kind of case.
  case specialistFacilitator = "specialist-facilitator"
  /// A supporter must be present.
  case supporterPresent = "supporter-present"
  /// In a supervised setting (e.g. a prison, a secure venue).
  case supervisedSetting = "supervised-setting"
}
