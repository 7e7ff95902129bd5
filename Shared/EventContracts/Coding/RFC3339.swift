import Foundation

/// RFC 3339 timestamps as the event contracts carry them: written in UTC with millisecond
/// fractions ("2025-03-01T10:15:30.120Z"); read with or without fractions and with any offset.
/// Hand-written so it is deterministic, `Sendable` and identical on every platform.
public enum RFC3339 {
  /// The UTC text of a date at millisecond precision.
  public static func format(_ date: Date) -> String {
    let totalMillis = milliseconds(date)
    let days = Int((Double(totalMillis) / 86_400_000).rounded(.down))
    let millisOfDay = Int(totalMillis - Int64(days) * 86_400_000)
    let (year, month, day) = CivilCalendar.civil(days: days)
    let seconds = millisOfDay / 1000
    return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(seconds / 3600, 2)
      + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2) + "."
      + pad(
        millisOfDay % 1000, 3) + "Z"
  }

  /// Parses "YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)"; nil when it is not such a timestamp.
  public static func parse(_ text: String) -> Date? {
    var scanner = DigitScanner(text)
    guard let year = scanner.number(digits: 4), scanner.take("-") != nil,
      let month = scanner.number(digits: 2), scanner.take("-") != nil,
      let day = scanner.number(digits: 2), scanner.take("T", "t") != nil,
      let hour = scanner.number(digits: 2), scanner.take(":") != nil,
      let minute = scanner.number(digits: 2), scanner.take(":") != nil,
      let second = scanner.number(digits: 2),
      CivilCalendar.isValid(year: year, month: month, day: day),
      hour < 24, minute < 60, second < 60
    else { return nil }
    var millis = 0
    if scanner.take(".") != nil {
      guard let fraction = scanner.fractionMilliseconds() else { return nil }
      millis = fraction
    }
    guard let offsetMinutes = parseOffset(&scanner), scanner.atEnd else { return nil }
    let days = CivilCalendar.days(year: year, month: month, day: day)
    let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    let total = (seconds - Int64(offsetMinutes) * 60) * 1000 + Int64(millis)
    return date(milliseconds: total)
  }

  /// A date rounded to the nearest millisecond since 1970, the precision the wire carries.
  static func normalise(_ date: Date) -> Date {
    self.date(milliseconds: milliseconds(date))
  }

  private static func milliseconds(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1000).rounded())
  }

  private static func date(milliseconds: Int64) -> Date {
    Date(timeIntervalSince1970: Double(milliseconds) / 1000)
  }

  private static func parseOffset(_ scanner: inout DigitScanner) -> Int? {
    if scanner.take("Z", "z") != nil { return 0 }
    guard let sign = scanner.take("+", "-"), let hours = scanner.number(digits: 2),
      scanner.take(":") != nil, let minutes = scanner.number(digits: 2), hours < 24, minutes < 60
    else { return nil }
    let offset = hours * 60 + minutes
    return sign == UInt8(ascii: "-") ? -offset : offset
  }

  private static func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
