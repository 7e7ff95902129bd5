/// A calendar day with no time or zone ("YYYY-MM-DD"), as referrals carry an offence date or a
/// date of birth; lets intake check and compare such dates without time-zone surprises.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The year, e.g. 2024.
  public let year: Int
  /// The month, 1 to 12.
  public let month: Int
  /// The day of the month, 1 to 31.
  public let day: Int

  /// A date from its parts; nil when they do not name a real day (e.g. 2023-02-29).
  public init?(year: Int, month: Int, day: Int) {
    guard (0...9999).contains(year), CivilCalendar.isValid(year: year, month: month, day: day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses exactly "YYYY-MM-DD"; nil for any other shape or an impossible day.
  public init?(_ text: String) {
    var scanner = DigitScanner(text)
    guard let year = scanner.number(digits: 4), scanner.take("-") != nil,
      let month = scanner.number(digits: 2), scanner.take("-") != nil,
      let day = scanner.number(digits: 2), scanner.atEnd
    else { return nil }
    self.init(year: year, month: month, day: day)
  }

  /// The "YYYY-MM-DD" text of the date.
  public var description: String {
    func pad(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  /// Days since 1970-01-01, for differences between dates (e.g. an age in days).
  public var daysSinceEpoch: Int { CivilCalendar.days(year: year, month: month, day: day) }

  /// The date `count` calendar days later (earlier for a negative count), e.g. a complaint's
  /// 28-day response date.
  public func adding(days count: Int) -> CalendarDate {
    let civil = CivilCalendar.civil(days: daysSinceEpoch + count)
    return CalendarDate(year: civil.year, month: civil.month, day: civil.day) ?? self
  }

  /// The same day `count` months later, or the month's last day when it is shorter (31 August
  /// plus six months is 28 or 29 February), e.g. a six-month follow-up.
  public func adding(months count: Int) -> CalendarDate {
    let index = year * 12 + (month - 1) + count
    let (newYear, newMonth) = (index / 12, index % 12 + 1)
    for candidate in stride(from: day, through: min(day, 28), by: -1) {
      if let date = CalendarDate(year: newYear, month: newMonth, day: candidate) { return date }
    }
    return self
  }

  /// Earlier dates sort first.
  public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }
}

extension CalendarDate: Codable {
  /// Reads a full-date string ("2025-03-13"); anything else is a decoding error.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let date = CalendarDate(text) else {
      throw DecodingError.dataCorruptedError(
        in: container,
        debugDescription: DecodingFailure.ownExplanationPrefix + "a date such as 2025-03-13")
    }
    self = date
  }

  /// Writes the full-date string ("2025-03-13").
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
