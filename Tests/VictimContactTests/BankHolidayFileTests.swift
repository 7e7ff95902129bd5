import EventContracts
import Foundation
import HubAreas
import HubConfiguration
import ServiceRuntime
import TestSupport
import Testing
import VictimContact

/// Working-day calendars that do not end in 2027 (issue 21): each area's bank holidays come
/// from a data file in GOV.UK's published format (`RJHUB_BANK_HOLIDAYS_FILE`, England and
/// Wales, Scotland and Northern Ireland), replaceable without a rebuild, and a service refuses
/// to start when an area's holidays do not cover the next twelve months.
@Suite("Bank holidays from GOV.UK's file")
struct BankHolidayFileTests {
  static func day(_ text: String) throws -> CalendarDate { try #require(CalendarDate(text)) }

  static func file(_ text: String) throws -> String {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("bank-holidays-\(UUID().uuidString).json")
    try Data(text.utf8).write(to: url)
    return url.path
  }

  /// GOV.UK's format with England and Wales's 2029 New Year and a Scottish list.
  static let holidays2029 = """
    {"england-and-wales": {"division": "england-and-wales", "events": [
       {"title": "New Year’s Day", "date": "2029-01-01", "notes": "", "bunting": true},
       {"title": "Christmas Day", "date": "2029-12-25", "notes": "", "bunting": true}]},
     "scotland": {"division": "scotland", "events": [
       {"title": "New Year’s Day", "date": "2029-01-01", "notes": "", "bunting": true},
       {"title": "2nd January", "date": "2029-01-02", "notes": "", "bunting": true}]}}
    """

  static let areas = """
    {"areas": [
      {"id": "norfolk", "name": "Norfolk", "districts": [], "bankHolidays": "england-and-wales",
       "closedDays": [], "contact": {}},
      {"id": "police-scotland", "name": "Police Scotland", "districts": [],
       "bankHolidays": "scotland", "closedDays": [], "contact": {}}
    ]}
    """

  @Test("working-day calendars come from the bank holidays file, per division, past 2027")
  func workingDayCalendarsComeFromTheBankHolidaysFile() throws {
    let environment = EnvironmentReader([
      "RJHUB_BANK_HOLIDAYS_FILE": try Self.file(Self.holidays2029),
      "RJHUB_AREAS_FILE": try Self.file(Self.areas),
    ])
    let directory = try HubAreaDirectory(
      environment: environment, today: try Self.day("2028-06-01"))
    let england = directory.calendar(for: "norfolk")
    let scotland = directory.calendar(for: "police-scotland")
    // Monday 1 January 2029 is a holiday in both; Tuesday 2 January in Scotland only.
    #expect(!england.isWorkingDay(try Self.day("2029-01-01")))
    #expect(england.isWorkingDay(try Self.day("2029-01-02")))
    #expect(!scotland.isWorkingDay(try Self.day("2029-01-02")))
    #expect(
      scotland.adding(workingDays: 1, to: try Self.day("2028-12-29"))
        == (try Self.day("2029-01-03")))
    #expect(
      england.adding(workingDays: 1, to: try Self.day("2028-12-29")) == (try Self.day("2029-01-02"))
    )
    #expect(england.covers(try Self.day("2029-12-31")))
    // The victim-contact deadlines count on the file's calendars too.
    let deadlines = VictimsCodeDeadlines(directory: directory)
    #expect(
      deadlines.acknowledgeReferrer(
        receivedAt: try #require(ISO8601DateFormatter().date(from: "2028-12-29T10:00:00Z")),
        area: "police-scotland") == (try Self.day("2029-01-03")))
  }

  @Test("the built-in copy lists the three divisions, every holiday a weekday, through 2028")
  func builtInCopyCoversTheThreeDivisions() throws {
    let builtIn = BankHolidays.builtIn
    #expect(Set(builtIn.divisions.keys) == ["england-and-wales", "scotland", "northern-ireland"])
    let weekdaysOnly = WorkingDayCalendar(holidays: [], coveredYears: 2024...2028)
    for (name, division) in builtIn.divisions {
      #expect(division.coveredYears == 2024...2028, "\(name)")
      #expect(Set(division.dates).count == division.dates.count, "\(name) lists a date twice")
      for holiday in division.dates {
        #expect(weekdaysOnly.isWorkingDay(holiday), "\(name): \(holiday) falls on a weekend")
      }
    }
    let scotland = try #require(builtIn.calendar(division: "scotland"))
    let northernIreland = try #require(builtIn.calendar(division: "northern-ireland"))
    // St Andrew's Day 2025 (a Sunday) is taken on Monday 1 December in Scotland only.
    #expect(!scotland.isWorkingDay(try Self.day("2025-12-01")))
    #expect(WorkingDayCalendar.englandAndWales.isWorkingDay(try Self.day("2025-12-01")))
    // The Battle of the Boyne (Saturday 12 July 2025) is Monday 14 July in Northern Ireland.
    #expect(!northernIreland.isWorkingDay(try Self.day("2025-07-14")))
    #expect(scotland.isWorkingDay(try Self.day("2025-07-14")))
    #expect(!scotland.isWorkingDay(try Self.day("2025-08-04")))
    #expect(WorkingDayCalendar.englandAndWales.isWorkingDay(try Self.day("2025-08-04")))
  }

  @Test("start-up is refused when an area's holidays end within the next twelve months")
  func startRefusedWhenTheCalendarEndsWithinTwelveMonths() throws {
    let builtIn = EnvironmentReader([:])
    // The built-in copy ends on 31 December 2028: enough on 31 December 2027, not after.
    _ = try HubAreaDirectory(environment: builtIn, today: try Self.day("2027-12-31"))
    #expect {
      try HubAreaDirectory(environment: builtIn, today: try Self.day("2028-01-10"))
    } throws: { error in
      guard let error = error as? ConfigurationError else { return false }
      return error.variable == "RJHUB_BANK_HOLIDAYS_FILE" && error.reason == .outOfDate
        && "\(error)".contains(
          "bank holidays of england-and-wales (area cambridgeshire) through 2029-01-10")
        && "\(error)".contains("they end 2028-12-31")
    }
    // A service whose file ended in 2026 does not start.
    let stale = try Self.file(
      """
      {"england-and-wales": {"division": "england-and-wales", "events": [
        {"title": "Boxing Day", "date": "2026-12-28", "notes": "Substitute day", "bunting": true}]}}
      """)
    let serviceEnvironment = EnvironmentReader(
      [
        "RJHUB_JWT_HS256_KEY": "synthetic-test-key-synthetic-test-key-0123",
        "RJHUB_BANK_HOLIDAYS_FILE": stale,
      ]
      .merging(TestPersonalData.environment) { $1 })
    #expect {
      try VictimContactService.definition(environment: serviceEnvironment)
    } throws: { error in
      "\(error)".hasPrefix("RJHUB_BANK_HOLIDAYS_FILE is out of date")
    }
  }

  @Test("a file out of GOV.UK's format, or without an area's division, is refused by name")
  func malformedFilesRefused() throws {
    let badDate = try Self.file(
      """
      {"scotland": {"division": "scotland", "events": [
        {"title": "New Year’s Day", "date": "2029-01-01"}, {"title": "2nd January", "date": "2 Jan"}]}}
      """)
    #expect {
      try BankHolidays.load(path: badDate)
    } throws: { error in
      "\(error)".contains("RJHUB_BANK_HOLIDAYS_FILE")
        && "\(error)".contains("scotland.events[1].date is not YYYY-MM-DD")
    }
    #expect {
      try BankHolidays.load(path: "/nonexistent/bank-holidays.json")
    } throws: { error in
      (error as? ConfigurationError)?.reason == .unreadableFile
    }
    // Norfolk follows England and Wales, which this file does not list.
    let scotlandOnly = try Self.file(
      """
      {"scotland": {"division": "scotland", "events": [
        {"title": "New Year’s Day", "date": "2029-01-01"}]}}
      """)
    #expect {
      try HubAreaDirectory(
        environment: EnvironmentReader([
          "RJHUB_BANK_HOLIDAYS_FILE": scotlandOnly, "RJHUB_INTAKE_AREAS": "norfolk",
        ]), today: try Self.day("2028-06-01"))
    } throws: { error in
      "\(error)".contains("the bank holidays of england-and-wales (area norfolk)")
        && "\(error)".contains("the file lists scotland")
    }
  }
}
