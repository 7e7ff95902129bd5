import Foundation

/// notifications handed a notification over for delivery: the SMTP relay accepted the email,
/// or the letter was dispatched for printing and posting (never when it is merely laid out: a
/// laid-out letter waits `awaiting-dispatch`). No recipient details. Routing key
/// "notification.sent.v1".
public struct NotificationSent: EventPayload {
  /// "notification.sent".
  public static let eventType = "notification.sent"
  /// Version 1.
  public static let eventVersion = 1

  /// The notification's id.
  public var notificationId: String
  /// The hub's case id, when it is about a case.
  public var caseId: String?
  /// What it was for.
  public var purpose: NotificationPurpose
  /// How it went.
  public var channel: PreferredContact
  /// When it was handed over.
  public var sentAt: Date

  /// Builds the payload.
  public init(
    notificationId: String, caseId: String?, purpose: NotificationPurpose,
    channel: PreferredContact, sentAt: Date
  ) {
    self.notificationId = notificationId
    self.caseId = caseId
    self.purpose = purpose
    self.channel = channel
    self.sentAt = sentAt
  }
}

/// notifications gave up on a notification (no address for the channel, the relay refused
/// the recipient, attempts exhausted). `reason` is a code, never the address. Routing key
/// "notification.failed.v1".
public struct NotificationFailed: EventPayload {
  /// "notification.failed".
  public static let eventType = "notification.failed"
  /// Version 1.
  public static let eventVersion = 1

  /// The notification's id.
  public var notificationId: String
  /// The hub's case id, when it is about a case.
  public var caseId: String?
  /// What it was for.
  public var purpose: NotificationPurpose
  /// The channel it was meant for.
  public var channel: PreferredContact
  /// Why, as a code: "no-address", "channel-unsupported", "recipient-refused",
  /// "attempts-exhausted".
  public var reason: String
  /// When it gave up.
  public var failedAt: Date

  /// Builds the payload.
  public init(
    notificationId: String, caseId: String?, purpose: NotificationPurpose,
    channel: PreferredContact, reason: String, failedAt: Date
  ) {
    self.notificationId = notificationId
    self.caseId = caseId
    self.purpose = purpose
    self.channel = channel
    self.reason = reason
    self.failedAt = failedAt
  }
}
