import EventContracts
import Foundation
import PostgresClient

/// A notification a delivery round has claimed: what it is, who it goes to, and which
/// attempt this is (1 for the first).
struct ClaimedNotification: Sendable, Equatable {
  var notificationId: String
  var caseId: String?
  var area: String
  var purpose: NotificationPurpose
  var channel: PreferredContact
  var language: String?
  var values: [String: String]
  /// The id of the request event that was stored (the first one, if it came twice).
  var requestEventId: UUID
  var correlationId: UUID?
  /// Personal data: never log it.
  var recipient: NotificationRequested.Recipient
  /// This attempt's number, counted when the row was claimed.
  var attempt: Int
  /// The recipient asked for large print (letters only).
  var largePrint = false
}

extension ClaimedNotification {
  /// Reads a row of ``NotificationStore``'s claim statement, opening the recipient with
  /// `personalData`.
  init(row: PostgresRow, personalData: RecipientPersonalData) throws {
    notificationId = try row.decode("notification_id")
    caseId = try row.decode("case_id")
    area = try row.decode("area")
    let purposeText: String = try row.decode("purpose")
    let channelText: String = try row.decode("channel")
    guard let purpose = NotificationPurpose(rawValue: purposeText),
      let channel = PreferredContact(rawValue: channelText)
    else {
      throw PostgresError.decoding(
        column: "purpose/channel", type: "NotificationPurpose/PreferredContact",
        reason: "unknown code")
    }
    self.purpose = purpose
    self.channel = channel
    language = try row.decode("language")
    let valuesText: String = try row.decode("template_values")
    values = try JSONDecoder().decode([String: String].self, from: Data(valuesText.utf8))
    requestEventId = try row.decode("request_event_id")
    correlationId = try row.decode("correlation_id")
    recipient = try personalData.opened(
      [
        try row.decode("recipient_name"), try row.decode("recipient_email"),
        try row.decode("recipient_address"), try row.decode("recipient_phone"),
      ], notificationId: notificationId)
    attempt = try row.decode("attempts")
    largePrint = try row.decode("large_print")
  }
}
