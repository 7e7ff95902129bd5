import EventContracts
import Foundation
import PersonalData

/// Where notifications keeps personal data: each recipient's name, email, postal address and
/// phone, and the printed letter (which holds them), sealed (see `Shared/PersonalData`), rows
/// identified by notification id.
public struct RecipientPersonalData: Sendable {
  /// The sealed recipient columns, in the order ``sealed(_:notificationId:)`` returns them.
  static let recipientColumns = SealedColumn.table(
    "notifications", of: NotificationsService.name, rowID: "notification_id",
    columns: ["recipient_name", "recipient_email", "recipient_address", "recipient_phone"])
  /// The sealed printed letter.
  static let letter = SealedColumn(
    service: NotificationsService.name, table: "notifications", column: "letter_text",
    rowIDExpression: "notification_id")
  /// The sealed PDF of a letter (`letters.document`).
  static let document = SealedColumn(
    service: NotificationsService.name, table: "letters", column: "document",
    rowIDExpression: "notification_id")
  /// Every sealed column of notifications' tables, for `rjhub data reseal`.
  static let columns = recipientColumns + [letter, document]

  /// The keys.
  let sealer: PersonalDataSealer

  /// Seals and opens with `sealer`'s keys.
  public init(sealer: PersonalDataSealer) {
    self.sealer = sealer
  }

  /// The recipient's four fields sealed for notification `notificationId` (nil stays nil).
  func sealed(_ recipient: NotificationRequested.Recipient, notificationId: String) -> [String?] {
    let values = [recipient.name, recipient.email, recipient.address, recipient.phone]
    return zip(Self.recipientColumns, values).map { column, value in
      sealer.sealIfPresent(value, context: column.context(rowID: notificationId))
    }
  }

  /// The recipient from their four sealed fields.
  func opened(_ stored: [String?], notificationId: String) throws
    -> NotificationRequested
    .Recipient
  {
    let values = try zip(Self.recipientColumns, stored).map { column, value in
      try sealer.openIfPresent(value, context: column.context(rowID: notificationId))
    }
    return NotificationRequested.Recipient(
      name: values[0], email: values[1], address: values[2], phone: values[3])
  }

  /// The printed letter of notification `notificationId`, sealed.
  func sealedLetter(_ text: String, notificationId: String) -> String {
    sealer.seal(text, context: Self.letter.context(rowID: notificationId))
  }

  /// The PDF of notification `notificationId`'s letter, sealed.
  func sealedDocument(_ pdf: [UInt8], notificationId: String) -> String {
    sealer.sealData(Data(pdf), context: Self.document.context(rowID: notificationId))
  }

  /// The PDF of notification `notificationId`'s letter, opened.
  func openedDocument(_ stored: String, notificationId: String) throws -> [UInt8] {
    Array(try sealer.openData(stored, context: Self.document.context(rowID: notificationId)))
  }

  /// The printed letter of notification `notificationId`, opened.
  func openedLetter(_ stored: String?, notificationId: String) throws -> String? {
    try sealer.openIfPresent(stored, context: Self.letter.context(rowID: notificationId))
  }
}
