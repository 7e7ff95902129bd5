import Foundation

/// A complaint about a case or the service was received (revision 1), acknowledged or
/// answered (higher revisions). Published by victim-contact; the complaint's words and the
/// response stay there. A reader keeps the highest revision. Routing key
/// "complaint.recorded.v1".
public struct ComplaintRecorded: EventPayload {
  /// "complaint.recorded".
  public static let eventType = "complaint.recorded"
  /// Version 1.
  public static let eventVersion = 1

  /// The complaint's id.
  public var complaintId: String
  /// The case it is about; nil for a complaint about the service.
  public var caseId: String?
  /// When it was received.
  public var receivedAt: Date
  /// The day a response is due (28 days after receipt).
  public var respondBy: CalendarDate
  /// Where it stands.
  public var status: ComplaintStatus
  /// When it was acknowledged.
  public var acknowledgedAt: Date?
  /// When it was answered.
  public var respondedAt: Date?
  /// What the response found.
  public var outcome: ComplaintOutcome?
  /// Increases with every change.
  public var revision: Int

  /// Builds the payload.
  public init(
    complaintId: String, caseId: String?, receivedAt: Date, respondBy: CalendarDate,
    status: ComplaintStatus, acknowledgedAt: Date?, respondedAt: Date?,
    outcome: ComplaintOutcome?, revision: Int
  ) {
    self.complaintId = complaintId
    self.caseId = caseId
    self.receivedAt = receivedAt
    self.respondBy = respondBy
    self.status = status
    self.acknowledgedAt = acknowledgedAt
    self.respondedAt = respondedAt
    self.outcome = outcome
    self.revision = revision
  }
}

/// Where a complaint stands.
public enum ComplaintStatus: String, Codable, Sendable, CaseIterable {
  /// Logged, not yet acknowledged.
  case received
  /// Acknowledged to the complainant.
  case acknowledged
  /// Answered.
  case responded
}

/// What the response to a complaint found.
public enum ComplaintOutcome: String, Codable, Sendable, CaseIterable {
  /// The complaint was upheld.
  case upheld
  /// Partly upheld.
  case partlyUpheld = "partly-upheld"
  /// Not upheld.
  case notUpheld = "not-upheld"
  /// The complainant withdrew it.
  case withdrawn
}
