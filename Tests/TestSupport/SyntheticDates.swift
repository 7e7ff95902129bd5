import Foundation

/// Calendar days relative to today, as register entries and referrals carry them.
public enum SyntheticDates {
  /// The day `days` from today (UTC), `YYYY-MM-DD`: a vetting expiry a year ahead is
  /// `day(365)`, a supervision a fortnight ago `day(-14)`.
  public static func day(_ days: Int) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate]
    return formatter.string(from: Date().addingTimeInterval(Double(days) * 86_400))
  }
}
