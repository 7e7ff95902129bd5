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
  /// The offer the agency accepted (``AllocationOffered``); absent from older allocations.
  public var offerId: String?
  /// What kind of facilitator (``FacilitatorKind`` raw value), for the volunteer figures.
  public var facilitatorKind: String?
  /// The district distance the facilitator travels, in whole kilometres between district
  /// centres, when both are known (for the distance-travelled figure).
  public var distanceKm: Int?

  /// Builds the payload.
  public init(
    allocationId: String, requestId: String, caseId: String, facilitatorId: String,
    agency: String, role: FacilitatorRole, allocatedAt: Date, offerId: String? = nil,
    facilitatorKind: String? = nil, distanceKm: Int? = nil
  ) {
    self.allocationId = allocationId
    self.requestId = requestId
    self.caseId = caseId
    self.facilitatorId = facilitatorId
    self.agency = agency
    self.role = role
    self.allocatedAt = allocatedAt
    self.offerId = offerId
    self.facilitatorKind = facilitatorKind
    self.distanceKm = distanceKm
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
  /// Why, as a code: the hard rule that excluded the most facilitators (for example
  /// "no-capacity" or "vetting-expired"), or "no-facilitator-in-area" when the area has none.
  public var reason: String
  /// When it was decided.
  public var decidedAt: Date
  /// The role nobody could take; absent from older events (the lead then).
  public var role: FacilitatorRole?
  /// Every hard rule that excluded someone, with how many it excluded: why nobody could
  /// serve. Counts only; no facilitator is named.
  public var exclusions: [AllocationExclusion]?

  /// Builds the payload.
  public init(
    requestId: String, caseId: String, reason: String, decidedAt: Date,
    role: FacilitatorRole? = nil, exclusions: [AllocationExclusion]? = nil
  ) {
    self.requestId = requestId
    self.caseId = caseId
    self.reason = reason
    self.decidedAt = decidedAt
    self.role = role
    self.exclusions = exclusions
  }
}

/// A hard allocation rule and how many facilitators it excluded from a request.
public struct AllocationExclusion: Codable, Sendable, Equatable {
  /// The rule's code, for example "supervision-overdue".
  public var rule: String
  /// How many facilitators it excluded (each facilitator counted under every rule they fail).
  public var facilitators: Int

  /// An exclusion.
  public init(rule: String, facilitators: Int) {
    self.rule = rule
    self.facilitators = facilitators
  }
}
