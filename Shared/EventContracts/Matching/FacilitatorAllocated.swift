import Foundation

/// facilitator-matching allocated a facilitator to a case. Routing key
/// "facilitator.allocated.v1".
public struct FacilitatorAllocated: EventPayload {
  /// "facilitator.allocated".
  public static let eventType = "facilitator.allocated"
  /// Version 1.
  public static let eventVersion = 1

  /// The allocation's id.
  public var allocationId: String
  /// The request it answers.
  public var requestId: String
  /// The hub's case id.
  public var caseId: String
  /// The facilitator's register id (not a name).
  public var facilitatorId: String
  /// The facilitator's agency, for partnership figures.
  public var agency: String
  /// Lead or co-facilitator.
  public var role: FacilitatorRole
  /// When it was made.
  public var allocatedAt: Date

  /// Builds the payload.
  public init(
    allocationId: String, requestId: String, caseId: String, facilitatorId: String,
    agency: String, role: FacilitatorRole, allocatedAt: Date
  ) {
    self.allocationId = allocationId
    self.requestId = requestId
    self.caseId = caseId
    self.facilitatorId = facilitatorId
    self.agency = agency
    self.role = role
    self.allocatedAt = allocatedAt
  }
}

/// A facilitator's part in a case.
public enum FacilitatorRole: String, Codable, Sendable, CaseIterable {
  /// Leads the case.
  case lead
  /// Co-facilitates.
  case coFacilitator = "co-facilitator"
}

/// facilitator-matching found nobody eligible with free capacity; the case waits for a
/// supervisor. Routing key "allocation.unfilled.v1".
public struct AllocationUnfilled: EventPayload {
  /// "allocation.unfilled".
  public static let eventType = "allocation.unfilled"
  /// Version 1.
  public static let eventVersion = 1

  /// The request that could not be met.
  public var requestId: String
  /// The hub's case id.
  public var caseId: String
  /// Why, as a code: "no-facilitator-in-area" or "no-capacity".
  public var reason: String
  /// When it was decided.
  public var decidedAt: Date

  /// Builds the payload.
  public init(requestId: String, caseId: String, reason: String, decidedAt: Date) {
    self.requestId = requestId
    self.caseId = caseId
    self.reason = reason
    self.decidedAt = decidedAt
  }
}
