import AMQPClient
import EventContracts
import Foundation
import Reporting
import Testing

/// The referrer-acknowledgement timeliness figure, judged on London dates against a fixed
/// clock: on time, late, overdue, not yet due, and no due date yet.
@Suite("reporting acknowledgement timeliness", .serialized)
struct AcknowledgementTimelinessTests {
  typealias E = ReportingEvents

  @Test("sent on or before the due date is on time, after it late; unsent is overdue once past")
  func timeliness() async throws {
    try await ReportingEventHarness.with { h in
      let (onTime, late, overdue, notYetDue, unscheduled) = (
        E.caseId(), E.caseId(), E.caseId(), E.caseId(), E.caseId()
      )
      try await h.deliver([
        // Sent at 23:30 London time on the due date, and announced before the case and task.
        try .event(E.sent(onTime, at: "2025-04-22T22:30:00Z")),
        try .event(E.opened(onTime, receivedAt: "2025-04-17T10:00:00Z")),
        try .event(E.acknowledgementDue(onTime, on: "2025-04-22")),
        // Sent at 00:30 London time the day after the due date.
        try .event(E.opened(late, receivedAt: "2025-04-17T10:00:00Z")),
        try .event(E.acknowledgementDue(late, on: "2025-04-22")),
        try .event(E.sent(late, at: "2025-04-22T23:30:00Z")),
        // Only failed (and the victim's information, which is not the acknowledgement, sent).
        try .event(E.opened(overdue, receivedAt: "2025-04-18T10:00:00Z")),
        try .event(E.acknowledgementDue(overdue, on: "2025-04-23")),
        try .event(E.failed(overdue, at: "2025-04-18T11:00:00Z")),
        try .event(E.sent(overdue, at: "2025-04-18T11:00:00Z", purpose: .victimRJInformation)),
        // Due today: not late yet.
        try .event(E.opened(notYetDue, receivedAt: "2025-04-23T10:00:00Z")),
        try .event(E.acknowledgementDue(notYetDue, on: "2025-04-24")),
        try .event(E.acknowledgementDue(notYetDue, on: "2025-04-30", kind: .informVictim)),
        // No acknowledgement task seen yet.
        try .event(E.opened(unscheduled, receivedAt: "2025-04-23T10:00:00Z")),
      ])

      let thursday = try await h.figures(now: E.utc("2025-04-24T12:00:00Z"))
      #expect(thursday.asOf == CalendarDate("2025-04-24"))
      #expect(
        thursday.referrerAcknowledgement
          == AcknowledgementFigures(onTime: 1, late: 1, overdue: 1, notYetDue: 1, notScheduled: 1))

      // A day earlier the failed one was not yet overdue either.
      let wednesday = try await h.figures(now: E.utc("2025-04-23T12:00:00Z"))
      #expect(
        wednesday.referrerAcknowledgement
          == AcknowledgementFigures(onTime: 1, late: 1, overdue: 0, notYetDue: 2, notScheduled: 1))

      // Sent at last, after its due date: late, however it failed before.
      try await h.deliver([try .event(E.sent(overdue, at: "2025-04-25T09:00:00Z"))])
      let friday = try await h.figures(now: E.utc("2025-04-25T12:00:00Z"))
      #expect(
        friday.referrerAcknowledgement
          == AcknowledgementFigures(onTime: 1, late: 2, overdue: 1, notYetDue: 0, notScheduled: 1))
    }
  }
}
