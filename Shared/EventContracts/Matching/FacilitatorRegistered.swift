import Foundation

/// A facilitator's register entry was created or changed: what reporting needs for the
/// volunteer pool's health (PRODUCT figure 12) and the partnership figures, with no name,
/// email or conflict of interest. A reader keeps the highest `revision` per facilitator, so
/// redelivered or reordered events change nothing. Routing key "facilitator.registered.v1".
public struct FacilitatorRegistered: EventPayload {
  /// "facilitator.registered".
  public static let eventType = "facilitator.registered"
  /// Version 1.
  public static let eventVersion = 1

  /// The facilitator's register id.
  public var facilitatorId: String
  /// Their agency.
  public var agency: String
  /// Staff advisor, police officer, partner-agency staff or community volunteer.
  public var kind: String
  /// Their RJ Council level: foundation, intermediate or advanced.
  public var level: String
  /// The areas they cover.
  public var areas: [String]
  /// The languages they speak (BCP 47).
  public var languages: [String]
  /// Whether they take cases.
  public var active: Bool
  /// The most open allocations they take.
  public var capacity: Int
  /// The last day their vetting is valid, when recorded.
  public var vettingExpiresOn: CalendarDate?
  /// The last day their supervision is in date (last supervision + 12 weeks), when recorded.
  public var supervisionDueOn: CalendarDate?
  /// Increases with every change of the entry.
  public var revision: Int
  /// When the entry changed.
  public var changedAt: Date

  /// Builds the payload.
  public init(
    facilitatorId: String, agency: String, kind: String, level: String, areas: [String],
    languages: [String], active: Bool, capacity: Int, vettingExpiresOn: CalendarDate?,
    supervisionDueOn: CalendarDate?, revision: Int, changedAt: Date
  ) {
    self.facilitatorId = facilitatorId
    self.agency = agency
    self.kind = kind
    self.level = level
    self.areas = areas
    self.languages = languages
    self.active = active
    self.capacity = capacity
    self.vettingExpiresOn = vettingExpiresOn
    self.supervisionDueOn = supervisionDueOn
    self.revision = revision
    self.changedAt = changedAt
  }
}
