import EventContracts
import Foundation
import HubAreas
import Testing

@testable import VictimContact

/// The six-month follow-up survey's due day, from fixed clocks (issue 21: it was checked only
/// as "after 1 May 2027"): the same London day six months after closure, or the month's last
/// day, moved on to the first working day.
@Suite("Six-month follow-up survey date")
struct FollowUpSurveyDateTests {
  func due(_ closedAt: String) throws -> String {
    let instant = try #require(try? Date(closedAt, strategy: .iso8601))
    return StageChanger.followUpSurveyDue(closedAt: instant, calendar: .englandAndWales)
      .description
  }

  @Test("the survey is due on the exact working day six months after closure")
  func followUpSurveyDueOnTheExactDay() throws {
    // A plain weekday six months on.
    #expect(try due("2026-12-02T10:00:00Z") == "2027-06-02")
    // 25 December 2026 is Christmas, 26-27 the weekend, 28 the Boxing Day substitute.
    #expect(try due("2026-06-25T10:00:00Z") == "2026-12-29")
    // 31 August + 6 months is the last day of February, a Sunday: Monday 1 March.
    #expect(try due("2026-08-31T12:00:00Z") == "2027-03-01")
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST): 1 January 2027 is New Year's
    // Day, a Friday, so Monday 4 January.
    #expect(try due("2026-06-30T23:30:00Z") == "2027-01-04")
    // 23:30 UTC on 31 December is still 31 December in London (GMT).
    #expect(try due("2026-12-31T23:30:00Z") == "2027-06-30")
  }
}
