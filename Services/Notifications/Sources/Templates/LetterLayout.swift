import Foundation
import HubAreas

/// A letter ready to print: the recipient's name and address block, the date, the heading
/// and the body. It holds personal data and is stored only in the notification's own
/// `letter_text` column.
enum LetterLayout {
  /// The letter to `name` at `address` (lines split on line breaks and commas), dated `date`.
  static func letter(
    to name: String?, address: String, date: Date, notification: RenderedNotification
  ) -> String {
    var lines: [String] = []
    if let name = name?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty {
      lines.append(name)
    }
    lines += address.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "," })
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    lines += ["", longDate(date), "", notification.subject, "", notification.body]
    return lines.joined(separator: "\n") + "\n"
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
