import EventContracts

/// Which days count as working days for a deadline: Monday to Friday, except the bank
/// holidays of the area's nation. Victims' Code limits ("within 5 working days") and the
/// referrer's acknowledgement are counted on it.
public struct WorkingDayCalendar: Sendable, Equatable {
  /// The non-working weekdays (bank holidays).
  public let holidays: Set<CalendarDate>
  /// The years whose holidays the calendar knows; outside them only weekends are skipped.
  public let coveredYears: ClosedRange<Int>

  /// A calendar skipping weekends and `holidays`, complete for `coveredYears`.
  public init(holidays: some Sequence<CalendarDate>, coveredYears: ClosedRange<Int>) {
    self.holidays = Set(holidays)
    self.coveredYears = coveredYears
  }

  /// England and Wales's, from the hub's built-in copy of GOV.UK's bank holidays: the
  /// calendar of an area that names no other (``HubArea/bankHolidays``).
  public static let englandAndWales = BankHolidays.builtIn.calendar(
    division: BankHolidays.englandAndWales)!

  /// Whether `date` is a weekday that is not a bank holiday.
  public func isWorkingDay(_ date: CalendarDate) -> Bool {
    !date.isWeekend && !holidays.contains(date)
  }

  /// The day `count` working days after `date`: each step moves to the next working day, so
  /// one working day after a Friday (or a Saturday) is the Monday, unless that is a holiday.
  /// Zero returns `date` itself.
  public func adding(workingDays count: Int, to date: CalendarDate) -> CalendarDate {
    var day = date
    var remaining = count
    while remaining > 0 {
      day = day.nextDay
      if isWorkingDay(day) { remaining -= 1 }
    }
    return day
  }

  /// How many working days fall after `start` up to and including `end`: the working days
  /// something received on `start` took until `end` (0 when `end` is not after `start`).
  public func workingDays(after start: CalendarDate, through end: CalendarDate) -> Int {
    var count = 0
    var day = start
    while day < end {
      day = day.nextDay
      if isWorkingDay(day) { count += 1 }
    }
    return count
  }

  /// `date` if it is a working day, else the first working day after it (a date falling on a
  /// weekend or holiday is due the next working day).
  public func workingDay(onOrAfter date: CalendarDate) -> CalendarDate {
    var day = date
    while !isWorkingDay(day) { day = day.nextDay }
    return day
  }

  /// Whether the calendar knows the holidays of `date`'s year.
  public func covers(_ date: CalendarDate) -> Bool { coveredYears.contains(date.year) }
}

extension CalendarDate {
  /// Monday is 0, Sunday 6 (1970-01-01 was a Thursday).
  var weekdayIndex: Int {
    let index = (daysSinceEpoch + 3) % 7
    return index < 0 ? index + 7 : index
  }

  /// Whether the day is a Saturday or a Sunday.
  var isWeekend: Bool { weekdayIndex >= 5 }

  /// The following calendar day.
  var nextDay: CalendarDate {
    if let date = CalendarDate(year: year, month: month, day: day + 1) { return date }
    if let date = CalendarDate(year: year, month: month + 1, day: 1) { return date }
    // Only 9999-12-31 has no next day; deadlines never get there.
    return CalendarDate(year: year + 1, month: 1, day: 1) ?? self
  }
}
