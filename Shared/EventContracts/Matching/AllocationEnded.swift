import Foundation

/// facilitator-matching ended a facilitator's allocation to a case, once, and gave the
/// capacity back: the case closed or was transferred to another area (from victim-contact's
/// `case.stage-changed.v1`), or a case worker released the facilitator. Codes only: a case
/// worker's words about a release stay in facilitator-matching. Routing key
/// "allocation.ended.v1".
public struct AllocationEnded: EventPayload {
  /// "allocation.ended".
  public static let eventType = "allocation.ended"
  /// Version 1.
  public static let eventVersion = 1

  /// The allocation's id, as in its `facilitator.allocated.v1`.
  public var allocationId: String
  /// The hub's case id.
  public var caseId: String
  /// The facilitator's register id (not a name).
  public var facilitatorId: String
  /// Lead or co-facilitator.
  public var role: FacilitatorRole
  /// Why it ended.
  public var reason: AllocationEndReason
  /// For a release, the case worker's reason as a code.
  public var releaseReason: AllocationReleaseReason?
  /// When it ended.
  public var endedAt: Date

  /// Builds the payload.
  public init(
    allocationId: String, caseId: String, facilitatorId: String, role: FacilitatorRole,
    reason: AllocationEndReason, releaseReason: AllocationReleaseReason? = nil, endedAt: Date
  ) {
    self.allocationId = allocationId
    self.caseId = caseId
    self.facilitatorId = facilitatorId
    self.role = role
    self.reason = reason
    self.releaseReason = releaseReason
    self.endedAt = endedAt
  }
}

/// Why an allocation ended.
public enum AllocationEndReason: String, Codable, Sendable, CaseIterable {
  /// The case closed.
  case caseClosed = "case-closed"
  /// The case was transferred to another area's service.
  case caseTransferred = "case-transferred"
  /// A case worker or supervisor released the facilitator from the case.
  case released
}

/// Why a case worker released a facilitator from a case.
public enum AllocationReleaseReason: String, Codable, Sendable, CaseIterable {
  /// The facilitator can no longer take the case (illness, leave, moved on).
  case facilitatorUnavailable = "facilitator-unavailable"
  /// The facilitator asked to be released.
  case facilitatorRequest = "facilitator-request"
  /// A conflict of interest with a participant came to light.
  case conflictOfInterest = "conflict-of-interest"
  /// The case needs skills, training or a language the facilitator does not have.
  case skillsMismatch = "skills-mismatch"
  /// A participant asked for another facilitator.
  case participantRequest = "participant-request"
  /// Another reason (the case worker's words stay in facilitator-matching).
  case other
}
