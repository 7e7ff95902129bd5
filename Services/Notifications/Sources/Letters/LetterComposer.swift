import Foundation
import HubAreas
import LetterDocuments

/// Turns a claimed letter notification and its rendered template into the
/// ``LetterDocument`` that is printed: the area's office as return address (from the areas
/// directory, `RJHUB_AREAS_FILE`), the recipient's name and address in the window, the date,
/// the case as reference, the template's heading and paragraphs, in large print when asked.
struct LetterComposer: Sendable {
  /// The areas, for each letter's return address.
  let areas: HubAreaDirectory

  /// The document of `notification` to `address`, saying `rendered`, dated `date`.
  func document(
    for notification: ClaimedNotification, address: String, rendered: RenderedNotification,
    date: Date
  ) -> LetterDocument {
    let area = areas[notification.area] ?? .undescribed(notification.area)
    var recipient: [String] = []
    if let name = notification.recipient.name?.trimmingCharacters(in: .whitespacesAndNewlines),
      !name.isEmpty
    {
      recipient.append(name)
    }
    recipient += LetterDocument.addressLines(of: address)
    let returnAddress =
      area.contact.address.map(LetterDocument.addressLines(of:))
      ?? ["Restorative Justice Hub", area.name]
    return LetterDocument(
      returnAddress: returnAddress,
      senderContact: [area.contact.phone, area.contact.email].compactMap { $0 },
      recipient: recipient, date: Self.longDate(date), reference: notification.caseId,
      heading: rendered.subject, paragraphs: LetterDocument.paragraphs(of: rendered.body),
      format: notification.largePrint ? .largePrint : .standard)
  }

  /// `date` as an English letter writes it, on UK time: `1 December 2025`.
  static func longDate(_ date: Date) -> String {
    let day = LondonDay.of(date)
    let months = [
      "January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December",
    ]
    return "\(day.day) \(months[day.month - 1]) \(day.year)"
  }
}
