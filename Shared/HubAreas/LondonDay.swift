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
