import Foundation

/// Header values for ``EmailMessage``: line breaks removed, non-ASCII text as RFC 2047
/// encoded words, dates in RFC 5322 form.
enum MailHeaderText {
  /// `text` on one line (CR, LF and other controls become spaces), encoded if not ASCII.
  static func unstructured(_ text: String) -> String {
    let flat = oneLine(text)
    return isPlainASCII(flat) ? flat : encodedWords(flat)
  }

  /// `"Name" <address>`, or just `<address>` without a name.
  static func mailbox(name: String?, address: String) -> String {
    guard let name = name.map(oneLine), !name.isEmpty else { return "<\(address)>" }
    if isPlainASCII(name) {
      let quoted = name.replacingOccurrences(of: "\\", with: "\\\\")
        .replacingOccurrences(of: "\"", with: "\\\"")
      return "\"\(quoted)\" <\(address)>"
    }
    return "\(encodedWords(name)) <\(address)>"
  }

  /// `date` as RFC 5322 wants it, in UTC: `Mon, 01 Dec 2025 09:30:00 +0000`.
  static func date(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = .gmt
    let parts = calendar.dateComponents(
      [.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
    let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    let months = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    func two(_ value: Int?) -> String { String(value ?? 0).leftPadded(to: 2) }
    return "\(weekdays[(parts.weekday ?? 1) - 1]), \(two(parts.day)) "
      + "\(months[(parts.month ?? 1) - 1]) \(parts.year ?? 1970) "
      + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) +0000"
  }

  /// `text` with every control character (line breaks included) replaced by a space and
  /// surrounding whitespace trimmed.
  static func oneLine(_ text: String) -> String {
    String(
      String.UnicodeScalarView(
        text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 })
    ).trimmingCharacters(in: .whitespaces)
  }

  /// Whether `text` is printable ASCII only (no controls), usable in a header as is.
  static func isPlainASCII(_ text: String) -> Bool {
    text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
  }

  /// `=?UTF-8?B?...?=` words of at most 45 bytes of text each (75 characters encoded),
  /// never splitting a character, folded onto continuation lines.
  static func encodedWords(_ text: String) -> String {
    var words: [String] = []
    var chunk: [UInt8] = []
    for character in text {
      let bytes = Array(String(character).utf8)
      if chunk.count + bytes.count > 45, !chunk.isEmpty {
        words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
        chunk = []
      }
      chunk += bytes
    }
    if !chunk.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
    return words.joined(separator: "\r\n ")
  }
}
