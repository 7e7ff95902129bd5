import Foundation

/// A service asks notifications to send a letter, email or text from a template. Carries the
/// recipient's contact details (the only hub event besides ``CaseContactDetails`` that does)
/// and the template's values. `notificationId` is derived from what it is for (case and
/// purpose), so a repeated request can never send twice. Routing key
/// "notification.requested.v1".
public struct NotificationRequested: EventPayload {
  /// "notification.requested".
  public static let eventType = "notification.requested"
  /// Version 1.
  public static let eventVersion = 1

  /// The notification's id: one id, at most one delivery.
  public var notificationId: String
  /// The hub's case id, when it is about a case.
  public var caseId: String?
  /// What it is for; names the template.
  public var purpose: NotificationPurpose
  /// How to send it.
  public var channel: PreferredContact
  /// Who receives it.
  public var recipient: Recipient
  /// The language to write in (BCP 47); templates fall back to English.
  public var language: String?
  /// Values the template may use (no free text beyond what the template needs).
  public var values: [String: String]
  /// When it was requested.
  public var requestedAt: Date
  /// True when the recipient asked for large print: a letter is then printed in the
  /// large-print format (16 pt or more). Absent (nil) means standard print; other channels
  /// ignore it. Optional, so earlier producers' requests still decode.
  public var largePrint: Bool?

  /// Where a notification goes.
  public struct Recipient: Codable, Sendable, Equatable {
    /// The name to address.
    public var name: String?
    /// Email address, for the email channel.
    public var email: String?
    /// Postal address, for letters.
    public var address: String?
    /// Telephone number, for texts and calls.
    public var phone: String?

    /// Builds a recipient.
    public init(
      name: String? = nil, email: String? = nil, address: String? = nil, phone: String? = nil
    ) {
      self.name = name
      self.email = email
      self.address = address
      self.phone = phone
    }
  }

  /// Builds the payload.
  public init(
    notificationId: String, caseId: String?, purpose: NotificationPurpose,
    channel: PreferredContact, recipient: Recipient, language: String? = nil,
    values: [String: String] = [:], requestedAt: Date, largePrint: Bool? = nil
  ) {
    self.notificationId = notificationId
    self.caseId = caseId
    self.purpose = purpose
    self.channel = channel
    self.recipient = recipient
    self.language = language
    self.values = values
    self.requestedAt = requestedAt
    self.largePrint = largePrint
  }
}

/// What a notification is for; each has its template.
public enum NotificationPurpose: String, Codable, Sendable, CaseIterable {
  /// Tells the referrer the referral was received and a case opened.
  case referrerAcknowledgement = "referrer-acknowledgement"
  /// Gives the victim information about restorative justice.
  case victimRJInformation = "victim-rj-information"
  /// Tells a facilitator a case was allocated to them.
  case facilitatorAllocation = "facilitator-allocation"
  /// Tells an area's supervisors that a case's task is overdue (no personal data: the case
  /// and task ids, the due date).
  case taskOverdue = "task-overdue"
  /// Asks a victim for the six-month follow-up survey of their case.
  case followUpSurvey = "follow-up-survey"
}
