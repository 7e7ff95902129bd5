import Foundation

/// facilitator-matching offered a facilitator's part in a case to the facilitator's agency,
/// which accepts (then `facilitator.allocated.v1` follows with this offer's id) or declines
/// (`allocation.declined.v1`). An agency that takes every offer under a standing agreement
/// (the hub's own service) accepts at once: `standing` is true and the allocation follows in
/// the same transaction. Offered and accepted per agency is the partnership figure. Routing
/// key "allocation.offered.v1".
public struct AllocationOffered: EventPayload {
  /// "allocation.offered".
  public static let eventType = "allocation.offered"
  /// Version 1.
  public static let eventVersion = 1

  /// The offer's id: `<requestId>/<role>/<attempt>`.
  public var offerId: String
  /// The request it answers.
  public var requestId: String
  /// The hub's case id.
  public var caseId: String
  /// The facilitator offered (register id, not a name).
  public var facilitatorId: String
  /// Their agency, which answers the offer.
  public var agency: String
  /// Lead or co-facilitator.
  public var role: FacilitatorRole
  /// When it was offered.
  public var offeredAt: Date
  /// When it lapses unanswered and is offered to the next best facilitator.
  public var answerDue: Date
  /// Whether the agency accepted at once under a standing agreement.
  public var standing: Bool

  /// Builds the payload.
  public init(
    offerId: String, requestId: String, caseId: String, facilitatorId: String, agency: String,
    role: FacilitatorRole, offeredAt: Date, answerDue: Date, standing: Bool
  ) {
    self.offerId = offerId
    self.requestId = requestId
    self.caseId = caseId
    self.facilitatorId = facilitatorId
    self.agency = agency
    self.role = role
    self.offeredAt = offeredAt
    self.answerDue = answerDue
    self.standing = standing
  }
}

/// A facilitator's agency declined an offer, or let it lapse unanswered; the part is offered
/// to the next best facilitator. Routing key "allocation.declined.v1".
public struct AllocationDeclined: EventPayload {
  /// "allocation.declined".
  public static let eventType = "allocation.declined"
  /// Version 1.
  public static let eventVersion = 1

  /// The offer's id, as in its `allocation.offered.v1`.
  public var offerId: String
  /// The request it answered.
  public var requestId: String
  /// The hub's case id.
  public var caseId: String
  /// The facilitator offered (register id).
  public var facilitatorId: String
  /// Their agency.
  public var agency: String
  /// Lead or co-facilitator.
  public var role: FacilitatorRole
  /// Declined by the agency, or no answer in time.
  public var outcome: OfferDeclineOutcome
  /// The agency's reason, for a decline.
  public var reason: OfferDeclineReason?
  /// When it was declined or lapsed.
  public var declinedAt: Date

  /// Builds the payload.
  public init(
    offerId: String, requestId: String, caseId: String, facilitatorId: String, agency: String,
    role: FacilitatorRole, outcome: OfferDeclineOutcome, reason: OfferDeclineReason? = nil,
    declinedAt: Date
  ) {
    self.offerId = offerId
    self.requestId = requestId
    self.caseId = caseId
    self.facilitatorId = facilitatorId
    self.agency = agency
    self.role = role
    self.outcome = outcome
    self.reason = reason
    self.declinedAt = declinedAt
  }
}

/// How an offer ended without acceptance.
public enum OfferDeclineOutcome: String, Codable, Sendable, CaseIterable {
  /// The agency declined it.
  case declined
  /// Nobody answered within the offer timeout.
  case noAnswer = "no-answer"
  /// A supervisor's override replaced it before it was answered.
  case withdrawn
}

/// Why an agency declined an offer.
public enum OfferDeclineReason: String, Codable, Sendable, CaseIterable {
  /// The facilitator has no time for it now.
  case facilitatorUnavailable = "facilitator-unavailable"
  /// The agency knows of a conflict of interest the register does not.
  case conflictOfInterest = "conflict-of-interest"
  /// The case needs skills or experience the facilitator does not have.
  case skillsMismatch = "skills-mismatch"
  /// Too far for the facilitator to travel.
  case tooFar = "too-far"
  /// The agency's own capacity or policy.
  case agencyCapacity = "agency-capacity"
  /// Another reason (the agency's words stay in facilitator-matching).
  case other
}
