import AMQPClient
import EventContracts
import Foundation
import Reporting
import Testing

/// Re-referrals of closed cases counted once (issue 21): the new case intake opens for a
/// closed case's victim and crime (`previousCaseId`) is one case opened and one re-referral,
/// its referral one accepted referral and never a linked one; the closed case keeps its own
/// figures.
@Suite("Re-referral figures", .serialized)
struct ReReferralFiguresTests {
  typealias E = ReportingEvents

  @Test("a re-referral of a closed case counts once as a new case, never as linked")
  func reReferralCountedOnce() async throws {
    try await ReportingEventHarness.with { h in
      let (closed, reReferral, unrelated) = (E.caseId(), E.caseId(), E.caseId())
      let newCase = E.opened(
        reReferral, receivedAt: "2025-04-22T09:00:00Z", referrer: .victimHub,
        previousCaseId: closed)
      let events: [OutgoingMessage] =
        try [
          E.opened(closed, receivedAt: "2025-03-10T09:00:00Z"),
          newCase, newCase,  // delivered twice
          E.opened(unrelated, receivedAt: "2025-04-11T09:00:00Z"),
        ].map(OutgoingMessage.event)
        + [
          E.accepted(closed, receivedAt: "2025-03-10T09:00:00Z"),
          E.accepted(reReferral, receivedAt: "2025-04-22T09:00:00Z"),
          E.accepted(unrelated, receivedAt: "2025-04-11T09:00:00Z"),
          // A further referral of the crime joins the new case.
          E.accepted(
            reReferral, referralId: "REF-LINKED-\(reReferral)",
            receivedAt: "2025-04-25T09:00:00Z", linked: true),
        ].map(OutgoingMessage.event)
        + [E.stage(closed, to: .closed, from: .followUp, sequence: 8)].map(OutgoingMessage.event)
      try await h.deliver(events)

      let april = try await h.figures()
      #expect(april.casesOpened.total == 2)
      #expect(april.casesOpened.reReferrals == 1)
      #expect(april.casesOpened.byReferrerType["victim-hub"] == 1)
      #expect(april.referrals.accepted == 3)
      #expect(april.referrals.linkedToExistingCase == 1)
      #expect(april.casesByStage["referred"] == 2)
      // The closed case is March's: received then, closed now, and no re-referral there.
      let march = try await h.figures(
        period: FiguresPeriod(from: CalendarDate("2025-03-01")!, to: CalendarDate("2025-03-31")!))
      #expect(march.casesOpened.total == 1)
      #expect(march.casesOpened.reReferrals == 0)
      #expect(march.casesByStage["closed"] == 1)
      #expect(try await h.rowCount("cases") == 3)
    }
  }
}
