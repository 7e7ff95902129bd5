import Foundation

/// An intervention or preparation meeting was planned (revision 1), then delivered or
/// cancelled (a higher revision). Published by victim-contact; the place and attendees' names
/// stay there. A reader keeps the highest revision. Routing key "intervention.recorded.v1".
public struct InterventionRecorded: EventPayload {
  /// "intervention.recorded".
  public static let eventType = "intervention.recorded"
  /// Version 1.
  public static let eventVersion = 1

  /// The intervention's id.
  public var interventionId: String
  /// The hub's case id.
  public var caseId: String
  /// What kind.
  public var kind: InterventionKind
  /// Where it stands.
  public var status: InterventionStatus
  /// When it is (or was) planned for.
  public var plannedFor: Date
  /// When it was delivered.
  public var deliveredAt: Date?
  /// The parts of those attending (no ids or names).
  public var attendees: [Participant]
  /// The facilitators (register ids), lead first.
  public var facilitatorIds: [String]
  /// Increases with every change.
  public var revision: Int

  /// Builds the payload.
  public init(
    interventionId: String, caseId: String, kind: InterventionKind, status: InterventionStatus,
    plannedFor: Date, deliveredAt: Date?, attendees: [Participant], facilitatorIds: [String],
    revision: Int
  ) {
    self.interventionId = interventionId
    self.caseId = caseId
    self.kind = kind
    self.status = status
    self.plannedFor = plannedFor
    self.deliveredAt = deliveredAt
    self.attendees = attendees
    self.facilitatorIds = facilitatorIds
    self.revision = revision
  }
}

/// The kinds of intervention, and the preparation meetings before them.
public enum InterventionKind: String, Codable, Sendable, CaseIterable {
  /// A facilitator prepares one participant (not an intervention between the parties).
  case preparationMeeting = "preparation-meeting"
  /// Direct: a face-to-face restorative conference.
  case conference
  /// Indirect: the facilitator carries messages between the parties.
  case shuttle = "shuttle-communication"
  /// Indirect: an exchange of letters.
  case letters = "letter-exchange"
  /// Indirect: recorded audio or video messages.
  case recordedMessage = "recorded-message"

  /// Whether it is a direct intervention.
  public var isDirect: Bool { self == .conference }
  /// Whether it is an indirect intervention.
  public var isIndirect: Bool { self != .conference && self != .preparationMeeting }
}

/// Where an intervention stands.
public enum InterventionStatus: String, Codable, Sendable, CaseIterable {
  /// Planned.
  case planned
  /// Delivered (held, or the indirect exchange completed).
  case delivered
  /// Cancelled.
  case cancelled
}
