import EventContracts
import Foundation
import HubAreas
import Testing
import VictimContact

@Suite("Working-day calendar and Victims' Code deadlines")
struct WorkingDayCalendarTests {
  let calendar = WorkingDayCalendar.englandAndWales

  func day(_ text: String) throws -> CalendarDate { try #require(CalendarDate(text)) }

  func instant(_ text: String) throws -> Date {
    try #require(ISO8601DateFormatter().date(from: text))
  }

  @Test("one working day after a Friday, Saturday or Sunday is the Monday")
  func weekends() throws {
    #expect(calendar.adding(workingDays: 1, to: try day("2025-03-07")) == (try day("2025-03-10")))
    #expect(calendar.adding(workingDays: 1, to: try day("2025-03-08")) == (try day("2025-03-10")))
    #expect(calendar.adding(workingDays: 1, to: try day("2025-03-09")) == (try day("2025-03-10")))
    #expect(calendar.adding(workingDays: 1, to: try day("2025-03-11")) == (try day("2025-03-12")))
    #expect(calendar.adding(workingDays: 5, to: try day("2025-03-05")) == (try day("2025-03-12")))
    #expect(calendar.adding(workingDays: 0, to: try day("2025-03-08")) == (try day("2025-03-08")))
    #expect(!calendar.isWorkingDay(try day("2025-03-08")))
    #expect(calendar.isWorkingDay(try day("2025-03-10")))
  }

  @Test("bank holidays are skipped: Easter, Christmas, and substitute days")
  func bankHolidays() throws {
    // Maundy Thursday 2025: Good Friday, the weekend and Easter Monday are not working days.
    #expect(calendar.adding(workingDays: 1, to: try day("2025-04-17")) == (try day("2025-04-22")))
    #expect(calendar.adding(workingDays: 5, to: try day("2025-04-17")) == (try day("2025-04-28")))
    // Christmas 2025 falls on Thursday and Friday.
    #expect(calendar.adding(workingDays: 5, to: try day("2025-12-22")) == (try day("2025-12-31")))
    // Boxing Day 2026 is a Saturday: Monday 28 December is the substitute holiday.
    #expect(calendar.adding(workingDays: 1, to: try day("2026-12-24")) == (try day("2026-12-29")))
    // Christmas 2027 is a weekend: Monday 27 and Tuesday 28 are substitutes.
    #expect(calendar.adding(workingDays: 1, to: try day("2027-12-24")) == (try day("2027-12-29")))
    #expect(!calendar.isWorkingDay(try day("2024-08-26")))
    #expect(!calendar.isWorkingDay(try day("2026-05-04")))
  }

  @Test(
    "journey dates: a date on a weekend or holiday falls due the next working day; months and days")
  func journeyDates() throws {
    #expect(calendar.workingDay(onOrAfter: try day("2026-12-25")) == (try day("2026-12-29")))
    #expect(calendar.workingDay(onOrAfter: try day("2027-03-27")) == (try day("2027-03-30")))
    #expect(calendar.workingDay(onOrAfter: try day("2026-12-01")) == (try day("2026-12-01")))
    #expect(try day("2026-12-01").adding(months: 6) == (try day("2027-06-01")))
    #expect(try day("2026-08-31").adding(months: 6) == (try day("2027-02-28")))
    #expect(try day("2027-08-31").adding(months: 6) == (try day("2028-02-29")))
    #expect(try day("2026-11-03").adding(days: 28) == (try day("2026-12-01")))
    #expect(try day("2026-12-20").adding(days: 28) == (try day("2027-01-17")))
    #expect(calendar.workingDays(after: try day("2025-04-08"), through: try day("2025-04-18")) == 7)
    #expect(calendar.workingDays(after: try day("2025-04-18"), through: try day("2025-04-18")) == 0)
    #expect(calendar.workingDays(after: try day("2025-04-17"), through: try day("2025-04-22")) == 1)
    // A case action due in 3 working days, set on Wednesday 23 December 2026: Christmas Day
    // and the substitute Boxing Day (Monday 28th) are skipped.
    #expect(calendar.adding(workingDays: 3, to: try day("2026-12-23")) == (try day("2026-12-30")))
  }

  @Test("the built-in bank holidays of England and Wales hold eight weekdays for each year")
  func holidayTable() throws {
    let holidays = calendar.holidays.sorted()
    #expect(holidays.count == 8 * calendar.coveredYears.count)
    for year in calendar.coveredYears {
      #expect(holidays.filter { $0.year == year }.count == 8, "year \(year)")
    }
    // England and Wales move a holiday that falls at the weekend to a weekday, so every
    // entry must be a weekday: one on a weekend is a typo.
    let weekdaysOnly = WorkingDayCalendar(holidays: [], coveredYears: 2024...2027)
    for holiday in holidays {
      #expect(weekdaysOnly.isWorkingDay(holiday), "\(holiday) falls on a weekend")
      #expect(!calendar.isWorkingDay(holiday))
    }
    #expect(Set(holidays).count == holidays.count, "no date is listed twice")
    #expect(calendar.covers(try day("2028-12-31")))
    #expect(!calendar.covers(try day("2029-01-02")))
  }

  @Test("a calendar with extra holidays skips them too, so the table is easy to extend")
  func extensible() throws {
    let extended = WorkingDayCalendar(
      holidays: calendar.holidays.union([try day("2029-01-01")]),
      coveredYears: 2024...2029)
    #expect(extended.adding(workingDays: 1, to: try day("2028-12-29")) == (try day("2029-01-02")))
    #expect(calendar.adding(workingDays: 1, to: try day("2028-12-29")) == (try day("2029-01-01")))
  }

  @Test(
    "deadlines count from the referral's day in London: 1 working day to acknowledge, 5 to inform the victim, 1 with enhanced rights"
  )
  func deadlines() throws {
    let deadlines = VictimsCodeDeadlines()
    let thursday = try instant("2025-04-17T10:00:00Z")
    #expect(
      deadlines.acknowledgeReferrer(receivedAt: thursday, area: "norfolk")
        == (try day("2025-04-22")))
    #expect(
      deadlines.informVictim(receivedAt: thursday, enhancedRights: false, area: "norfolk")
        == (try day("2025-04-28")))
    #expect(
      deadlines.informVictim(receivedAt: thursday, enhancedRights: true, area: "norfolk")
        == (try day("2025-04-22")))
    // 23:30 UTC on Friday 6 June 2025 is already Saturday in London (BST).
    let lateFriday = try instant("2025-06-06T23:30:00Z")
    #expect(LondonDay.of(lateFriday) == (try day("2025-06-07")))
    #expect(
      deadlines.acknowledgeReferrer(receivedAt: lateFriday, area: "norfolk")
        == (try day("2025-06-09")))
    // In winter London is on UTC: 23:30 UTC on a Friday is still Friday.
    let winterFriday = try instant("2025-01-10T23:30:00Z")
    #expect(LondonDay.of(winterFriday) == (try day("2025-01-10")))
    #expect(
      deadlines.acknowledgeReferrer(receivedAt: winterFriday, area: "norfolk")
        == (try day("2025-01-13")))
  }

  @Test(
    "each area counts on its own calendar: a closed day in one area is a working day in another")
  func perAreaCalendars() throws {
    var suffolk = try #require(HubAreaDirectory.defaults.first { $0.id == "suffolk" })
    suffolk.closedDays = ["2025-04-22"]  // a local closure the Tuesday after Easter Monday
    let directory = HubAreaDirectory(
      [try #require(HubAreaDirectory.defaults.first { $0.id == "norfolk" }), suffolk])
    let deadlines = VictimsCodeDeadlines(directory: directory)
    let thursday = try instant("2025-04-17T10:00:00Z")
    #expect(
      deadlines.acknowledgeReferrer(receivedAt: thursday, area: "norfolk")
        == (try day("2025-04-22")))
    #expect(
      deadlines.acknowledgeReferrer(receivedAt: thursday, area: "suffolk")
        == (try day("2025-04-23")))
    #expect(
      deadlines.informVictim(receivedAt: thursday, enhancedRights: false, area: "suffolk")
        == (try day("2025-04-29")))
    // An area not described here counts on England and Wales's bank holidays.
    #expect(
      deadlines.acknowledgeReferrer(receivedAt: thursday, area: "kent") == (try day("2025-04-22")))
  }
}
