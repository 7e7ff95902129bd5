import Foundation

/// Converts `Date` to and from PostgreSQL's timestamp text, by arithmetic rather than
/// `DateFormatter` (thread-safe, fast, and exact to the microsecond PostgreSQL stores).
enum PostgresTimestamp {
  private static let microsPerDay: Int64 = 86_400_000_000

  /// ISO 8601 in UTC with six fractional digits, e.g. `2024-03-01T12:34:56.123456Z`.
  static func format(_ date: Date) -> String {
    let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    let days = floorDivide(micros, microsPerDay)
    var rest = micros - days * microsPerDay
    let (year, month, day) = civil(fromDays: days)
    let hour = rest / 3_600_000_000
    rest -= hour * 3_600_000_000
    let minute = rest / 60_000_000
    rest -= minute * 60_000_000
    let second = rest / 1_000_000
    let fraction = rest - second * 1_000_000
    var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    text += "T" + pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2)
    text += "." + pad(fraction, 6) + "Z"
    return text
  }

  /// Parses PostgreSQL's timestamp output (`2024-03-01 12:34:56.123+05:30`, with or without
  /// fraction or offset; a missing offset means UTC), also accepting `T` and `Z`, and
  /// `infinity` / `-infinity` as the distant future and past. Returns nil when malformed.
  static func parse(_ text: String) -> Date? {
    if text == "infinity" { return .distantFuture }
    if text == "-infinity" { return .distantPast }
    var scanner = ByteScanner(Array(text.utf8))
    guard let year = scanner.number(), scanner.take("-"),
      let month = scanner.number(digits: 2), scanner.take("-"),
      let day = scanner.number(digits: 2)
    else { return nil }
    var micros: Int64 = 0
    var offsetSeconds: Int64 = 0
    if scanner.take(" ") || scanner.take("T") {
      guard let hour = scanner.number(digits: 2), scanner.take(":"),
        let minute = scanner.number(digits: 2), scanner.take(":"),
        let second = scanner.number(digits: 2)
      else { return nil }
      micros = ((hour * 60 + minute) * 60 + second) * 1_000_000
      if scanner.take(".") {
        guard let fraction = scanner.fraction() else { return nil }
        micros += fraction
      }
      guard let offset = scanner.offset() else { return nil }
      offsetSeconds = offset
    }
    guard scanner.isAtEnd, (1...12).contains(month), (1...31).contains(day) else { return nil }
    let days = days(fromCivil: year, month, day)
    let total = days * microsPerDay + micros - offsetSeconds * 1_000_000
    return Date(timeIntervalSince1970: Double(total) / 1_000_000)
  }

  private static func pad(_ value: Int64, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width
      ? digits : String(repeating: "0", count: width - digits.count) + digits
  }

  private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    let quotient = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
  }

  /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
  private static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = floorDivide(y, 400)
    let yearOfEra = y - era * 400
    let monthIndex = month > 2 ? month - 3 : month + 9
    let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The proleptic Gregorian date for days since 1970-01-01 (Howard Hinnant's algorithm).
  private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
    let shifted = days + 719_468
    let era = floorDivide(shifted, 146_097)
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }
}

/// A cursor over ASCII bytes for the timestamp parser.
private struct ByteScanner {
  private let bytes: [UInt8]
  private var position = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  var isAtEnd: Bool { position == bytes.count }

  mutating func take(_ character: Unicode.Scalar) -> Bool {
    guard position < bytes.count, bytes[position] == UInt8(ascii: character) else { return false }
    position += 1
    return true
  }

  /// Reads `digits` decimal digits exactly, or (nil) as many as there are (at least one).
  mutating func number(digits: Int? = nil) -> Int64? {
    var value: Int64 = 0
    var count = 0
    while position < bytes.count, let digit = digitValue(bytes[position]),
      digits.map({ count < $0 }) ?? (count < 9)
    {
      value = value * 10 + digit
      count += 1
      position += 1
    }
    if let digits { return count == digits ? value : nil }
    return count > 0 ? value : nil
  }

  /// Reads fractional-second digits and returns them as microseconds (rounded toward zero).
  mutating func fraction() -> Int64? {
    var value: Int64 = 0
    var count = 0
    while position < bytes.count, let digit = digitValue(bytes[position]) {
      if count < 6 { value = value * 10 + digit }
      count += 1
      position += 1
    }
    guard count > 0 else { return nil }
    for _ in count..<max(count, 6) { value *= 10 }
    return value
  }

  /// Reads `Z`, `+HH`, `+HH:MM`, `+HH:MM:SS` (or `-`), returning seconds east of UTC.
  mutating func offset() -> Int64? {
    if isAtEnd { return 0 }
    if take("Z") { return 0 }
    let sign: Int64
    if take("+") {
      sign = 1
    } else if take("-") {
      sign = -1
    } else {
      return nil
    }
    guard let hours = number(digits: 2) else { return nil }
    var seconds = hours * 3600
    if take(":") {
      guard let minutes = number(digits: 2) else { return nil }
      seconds += minutes * 60
      if take(":") {
        guard let secs = number(digits: 2) else { return nil }
        seconds += secs
      }
    }
    return sign * seconds
  }

  private func digitValue(_ byte: UInt8) -> Int64? {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int64(byte - UInt8(ascii: "0")) : nil
  }
}
