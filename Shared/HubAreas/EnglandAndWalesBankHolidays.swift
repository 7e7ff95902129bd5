import EventContracts

/// The bank holidays of England and Wales, as GOV.UK publishes them
/// (https://www.gov.uk/bank-holidays), for the years the hub's deadlines fall in.
///
/// Victims' Code deadlines are counted in working days, so a missing holiday would make a
/// deadline a day early. To extend the table, add the next year's dates exactly as GOV.UK
/// lists them (substitute days included, e.g. 2026-12-28 for Boxing Day on a Saturday) and
/// widen ``years``. Outside ``years`` only weekends are skipped, and the service warns when a
/// deadline lands there.
public enum EnglandAndWalesBankHolidays {
  /// The years the table is complete for.
  public static let years: ClosedRange<Int> = 2024...2027

  /// Every bank holiday in ``years``, in date order.
  public static let dates: [CalendarDate] = [
    // 2024
    "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26",
    "2024-12-25", "2024-12-26",
    // 2025
    "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25",
    "2025-12-25", "2025-12-26",
    // 2026 (Boxing Day is a Saturday: substitute Monday 28 December)
    "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31",
    "2026-12-25", "2026-12-28",
    // 2027 (Christmas Day and Boxing Day fall at the weekend: substitutes 27 and 28 December)
    "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30",
    "2027-12-27", "2027-12-28",
  ].compactMap(CalendarDate.init)
}
