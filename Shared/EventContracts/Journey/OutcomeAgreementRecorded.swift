import Foundation

/// An outcome agreement was made (revision 1) or one of its items settled (a higher
/// revision). Published by victim-contact; what each item says stays there. A reader keeps
/// the highest revision. Routing key "outcome-agreement.recorded.v1".
public struct OutcomeAgreementRecorded: EventPayload {
  /// "outcome-agreement.recorded".
  public static let eventType = "outcome-agreement.recorded"
  /// Version 1.
  public static let eventVersion = 1

  /// The agreement's id.
  public var agreementId: String
  /// The hub's case id.
  public var caseId: String
  /// The day it was made.
  public var madeOn: CalendarDate
  /// Its items, in agreed order.
  public var items: [Item]
  /// Increases with every change.
  public var revision: Int

  /// One thing someone agreed to do.
  public struct Item: Codable, Sendable, Equatable {
    /// The item's id.
    public var itemId: String
    /// What kind of thing.
    public var kind: AgreementItemKind
    /// Whose it is to do.
    public var responsible: Participant
    /// By when.
    public var dueOn: CalendarDate
    /// Whether it was done.
    public var status: AgreementItemStatus
    /// When it was settled (done or not done).
    public var settledOn: CalendarDate?

    /// Builds an item.
    public init(
      itemId: String, kind: AgreementItemKind, responsible: Participant, dueOn: CalendarDate,
      status: AgreementItemStatus, settledOn: CalendarDate?
    ) {
      self.itemId = itemId
      self.kind = kind
      self.responsible = responsible
      self.dueOn = dueOn
      self.status = status
      self.settledOn = settledOn
    }
  }

  /// Builds the payload.
  public init(
    agreementId: String, caseId: String, madeOn: CalendarDate, items: [Item], revision: Int
  ) {
    self.agreementId = agreementId
    self.caseId = caseId
    self.madeOn = madeOn
    self.items = items
    self.revision = revision
  }
}

/// What an outcome agreement's item is.
public enum AgreementItemKind: String, Codable, Sendable, CaseIterable {
  /// An apology, spoken or written.
  case apology
  /// Reparation: putting something right, paying back, work for the victim or community.
  case reparation
  /// Agreed behaviour, e.g. staying away, attending a course.
  case agreedBehaviour = "agreed-behaviour"
  /// Anything else agreed.
  case other
}

/// Whether an agreed item was done.
public enum AgreementItemStatus: String, Codable, Sendable, CaseIterable {
  /// Not yet settled.
  case open
  /// Done.
  case done
  /// Not done.
  case notDone = "not-done"
}
