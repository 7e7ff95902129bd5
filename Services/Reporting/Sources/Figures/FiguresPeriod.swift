import EventContracts

/// The days a set of figures covers: `from` to `to`, both included, as civil dates in
/// Europe/London (the hub's areas are all in England). A fact falls in the period when the
/// London date of the time that dates it (a referral's or case's receipt) lies in it.
public struct FiguresPeriod: Sendable, Hashable, Codable {
  /// The first day counted.
  public var from: CalendarDate
  /// The last day counted.
  public var to: CalendarDate

  /// The days `from` to `to`; nil when `to` is before `from`.
  public init?(from: CalendarDate, to: CalendarDate) {
    guard from <= to else { return nil }
    self.from = from
    self.to = to
  }

  /// The calendar month `day` falls in: its first to its last day.
  public static func month(containing day: CalendarDate) -> FiguresPeriod {
    let first = CalendarDate(year: day.year, month: day.month, day: 1) ?? day
    let last =
      (28...31).reversed().lazy.compactMap {
        CalendarDate(year: day.year, month: day.month, day: $0)
      }.first ?? day
    return FiguresPeriod(from: first, to: last) ?? FiguresPeriod(unchecked: day)
  }

  /// A one-day period (only reachable if the calendar arithmetic above were wrong).
  private init(unchecked day: CalendarDate) {
    from = day
    to = day
  }
}
