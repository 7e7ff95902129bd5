import EventContracts
import Foundation

/// The calendar day of an instant in Europe/London, where the hub's areas are: a referral
/// received at 23:30 UTC in summer arrived the next day there.
public enum LondonDay {
  static let calendar: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    // The zone database always has Europe/London; UTC would be a day off in summer only.
    calendar.timeZone = TimeZone(identifier: "Europe/London") ?? TimeZone(secondsFromGMT: 0)!
    return calendar
  }()

  /// The Europe/London calendar day of `instant`.
  public static func of(_ instant: Date) -> CalendarDate {
    let parts = calendar.dateComponents([.year, .month, .day], from: instant)
    // A Gregorian calendar always yields a valid year, month and day.
    return CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)!
  }
}

extension LondonDay {
  /// The instant `day` begins in Europe/London (midnight there, 23:00 UTC the evening before
  /// in summer).
  public static func start(of day: CalendarDate) -> Date {
    let parts = DateComponents(year: day.year, month: day.month, day: day.day)
    return calendar.date(from: parts) ?? Date(timeIntervalSince1970: 0)
  }
}
