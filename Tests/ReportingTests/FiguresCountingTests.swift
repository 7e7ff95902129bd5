import AMQPClient
import EventContracts
import Foundation
import Reporting
import Testing

/// reporting's real handler on a queue and schema of its own: events in, figures out, with
/// the London-date period boundaries, arrival out of order and duplicates under new ids.
@Suite("reporting figures from events", .serialized)
struct FiguresCountingTests {
  typealias E = ReportingEvents

  @Test("referrals and cases are counted by type and initiator, in the area and London period")
  func countsByTypeAndInitiator() async throws {
    try await ReportingEventHarness.with { h in
      let (a, b, c, d) = (E.caseId(), E.caseId(), E.caseId(), E.caseId())
      let (mayDay, lateMarch, suffolk) = (E.caseId(), E.caseId(), E.caseId())
      // 23:30 UTC on 31 March is 00:30 on 1 April in London (BST): in April.
      let opened = [
        E.opened(a, receivedAt: "2025-03-31T23:30:00Z", referrer: .police, initiatedBy: .victim),
        E.opened(
          b, receivedAt: "2025-04-10T09:00:00Z", referrer: .victimHub, initiatedBy: .offender),
        E.opened(c, receivedAt: "2025-04-15T09:00:00Z", referrer: .agency, initiatedBy: .victim),
        E.opened(
          d, receivedAt: "2025-04-30T22:59:00Z", referrer: .selfReferral, initiatedBy: .offender),
        // 23:00 UTC on 30 April is midnight starting 1 May in London: not April.
        E.opened(mayDay, receivedAt: "2025-04-30T23:00:00Z"),
        // 22:59 UTC on 31 March is 23:59 on 31 March in London: not April.
        E.opened(lateMarch, receivedAt: "2025-03-31T22:59:00Z"),
        E.opened(suffolk, receivedAt: "2025-04-10T09:00:00Z", area: E.otherArea),
      ]
      let accepted = [
        E.accepted(a, receivedAt: "2025-03-31T23:30:00Z"),
        E.accepted(b, receivedAt: "2025-04-10T09:00:00Z"),
        E.accepted(c, receivedAt: "2025-04-15T09:00:00Z"),
        E.accepted(d, receivedAt: "2025-04-30T22:59:00Z"),
        E.accepted(mayDay, receivedAt: "2025-04-30T23:00:00Z"),
        E.accepted(lateMarch, receivedAt: "2025-03-31T22:59:00Z"),
        E.accepted(suffolk, receivedAt: "2025-04-10T09:00:00Z", area: E.otherArea),
        // A second referral about case a, joined to it.
        E.accepted(
          a, referralId: "REF-LINKED-\(a)", receivedAt: "2025-04-20T09:00:00Z", linked: true),
      ]
      let rejected = [
        E.rejected(
          referralId: "REF-BAD-1", receivedAt: "2025-04-02T09:00:00Z",
          codes: ["required", "invalid-format"]),
        // The same referral rejected again when resubmitted: still one rejected referral.
        E.rejected(
          referralId: "REF-BAD-1", receivedAt: "2025-04-03T09:00:00Z", codes: ["required"]),
        E.rejected(referralId: nil, receivedAt: "2025-04-04T09:00:00Z", codes: ["malformed-json"]),
        E.rejected(
          referralId: "REF-BAD-2", receivedAt: "2025-05-02T09:00:00Z", codes: ["required"]),
        E.rejected(
          referralId: "REF-BAD-3", receivedAt: "2025-04-05T09:00:00Z", codes: ["unknown-area"],
          area: "unknown"),
      ]
      try await h.deliver(
        try opened.map(OutgoingMessage.event) + accepted.map(OutgoingMessage.event)
          + rejected.map(OutgoingMessage.event))

      let figures = try await h.figures()
      #expect(figures.area == E.area)
      #expect(figures.period == E.april)
      #expect(
        figures.referrals
          == ReferralFigures(
            accepted: 5, linkedToExistingCase: 1, rejected: 2,
            rejectedByErrorCode: ["required": 1, "invalid-format": 1, "malformed-json": 1]))
      #expect(
        figures.casesOpened
          == CasesOpenedFigures(
            total: 4, byReferrerType: ["police": 1, "victim-hub": 1, "agency": 1, "self": 1],
            byInitiator: ["victim": 2, "offender": 2]))
      #expect(
        figures.casesByStage
          == [
            "referred": 4, "initial-engagement": 0, "risk-assessment": 0, "preparation": 0,
            "intervention": 0, "outcome-monitoring": 0, "follow-up": 0, "closed": 0, "paused": 0,
            "transferred": 0,
          ])
      let may = try await h.figures(
        period: FiguresPeriod(from: CalendarDate("2025-05-01")!, to: CalendarDate("2025-05-31")!))
      #expect(may.casesOpened.total == 1)
      #expect(may.referrals.accepted == 1)
      #expect(may.referrals.rejected == 1)
      let otherArea = try await h.figures(area: E.otherArea)
      #expect(otherArea.casesOpened.total == 1)
      #expect(otherArea.casesOpened.byReferrerType["police"] == 1)
    }
  }

  @Test("a case's stage is its highest-sequence change, whatever order the changes arrive in")
  func stageByHighestSequence() async throws {
    try await ReportingEventHarness.with { h in
      let (x, y, z) = (E.caseId(), E.caseId(), E.caseId())
      let third = E.stage(x, to: .preparation, from: .riskAssessment, sequence: 3)
      // The latest change arrives first, before the case itself; the earlier ones after it.
      try await h.deliver([
        try .event(third),
        try .event(E.opened(x, receivedAt: "2025-04-10T09:00:00Z")),
        try .event(E.resent(third)),
        try .event(E.stage(x, to: .initialEngagement, from: .referred, sequence: 1)),
        try .event(E.stage(x, to: .riskAssessment, from: .initialEngagement, sequence: 2)),
        try .event(E.opened(y, receivedAt: "2025-04-11T09:00:00Z")),
        try .event(E.stage(y, to: .initialEngagement, from: .referred, sequence: 1)),
        try .event(E.opened(z, receivedAt: "2025-04-12T09:00:00Z")),
      ])
      let figures = try await h.figures()
      #expect(figures.casesByStage["preparation"] == 1)
      #expect(figures.casesByStage["initial-engagement"] == 1)
      #expect(figures.casesByStage["referred"] == 1)
      #expect(figures.casesByStage["risk-assessment"] == 0)
      #expect(figures.casesByStage.count == CaseStage.allCases.count)
      #expect(figures.casesByStage.values.reduce(0, +) == 3)

      // A later change moves it on; an older one arriving afterwards does not move it back.
      try await h.deliver([
        try .event(E.stage(x, to: .closed, from: .preparation, sequence: 4)),
        try .event(E.stage(x, to: .riskAssessment, from: .initialEngagement, sequence: 2)),
      ])
      let later = try await h.figures()
      #expect(later.casesByStage["closed"] == 1)
      #expect(later.casesByStage["preparation"] == 0)
    }
  }

  @Test("the same events delivered again under new message ids change no figure")
  func duplicatesCountOnce() async throws {
    try await ReportingEventHarness.with { h in
      let caseId = E.caseId()
      let events: [OutgoingMessage] = [
        try .event(E.opened(caseId, receivedAt: "2025-04-10T09:00:00Z")),
        try .event(E.accepted(caseId, receivedAt: "2025-04-10T09:00:00Z")),
        try .event(
          E.rejected(referralId: "REF-DUP", receivedAt: "2025-04-10T10:00:00Z", codes: ["required"])
        ),
        try .event(E.stage(caseId, to: .initialEngagement, from: .referred, sequence: 1)),
        try .event(E.acknowledgementDue(caseId, on: "2025-04-11")),
        try .event(E.sent(caseId, at: "2025-04-10T12:00:00Z")),
        try .event(E.contactRecorded(caseId)),
        try .event(E.allocated(caseId, role: .lead)),
        try .event(E.unfilled(caseId)),
      ]
      try await h.deliver(events)
      let once = try await h.figures()

      let again: [OutgoingMessage] = [
        try .event(E.resent(E.opened(caseId, receivedAt: "2025-04-10T09:00:00Z"))),
        try .event(E.resent(E.accepted(caseId, receivedAt: "2025-04-10T09:00:00Z"))),
        try .event(
          E.rejected(referralId: "REF-DUP", receivedAt: "2025-04-10T10:00:00Z", codes: ["required"])
        ),
        try .event(E.resent(E.stage(caseId, to: .initialEngagement, from: .referred, sequence: 1))),
        try .event(E.resent(E.acknowledgementDue(caseId, on: "2025-04-11"))),
        try .event(E.resent(E.sent(caseId, at: "2025-04-10T12:00:00Z"))),
        try .event(E.resent(E.allocated(caseId, role: .lead))),
        try .event(E.resent(E.unfilled(caseId))),
      ]
      try await h.deliver(again + again.map { $0.withNewMessageId() })
      let twice = try await h.figures()

      #expect(once == twice)
      #expect(twice.casesOpened.total == 1)
      #expect(twice.referrals.accepted == 1)
      #expect(twice.referrals.rejected == 1)
      #expect(twice.casesByStage["initial-engagement"] == 1)
      #expect(twice.referrerAcknowledgement.onTime == 1)
      #expect(twice.facilitatorAllocations.made == 1)
      #expect(twice.facilitatorAllocations.unfilled == 1)
      for table in [
        "cases", "accepted_referrals", "rejected_referrals", "case_stages", "contact_tasks",
        "notifications", "facilitator_allocations", "unfilled_allocations", "contact_attempts",
      ] {
        #expect(try await h.rowCount(table) == 1, "\(table)")
      }
    }
  }

  @Test("allocations made and unfilled count for the area's cases received in the period")
  func allocations() async throws {
    try await ReportingEventHarness.with { h in
      let (paired, waiting, march) = (E.caseId(), E.caseId(), E.caseId())
      try await h.deliver([
        // The allocations arrive before the case they belong to.
        try .event(E.allocated(paired, role: .lead)),
        try .event(E.allocated(paired, role: .coFacilitator)),
        try .event(E.opened(paired, receivedAt: "2025-04-10T09:00:00Z")),
        try .event(E.opened(waiting, receivedAt: "2025-04-11T09:00:00Z")),
        try .event(E.unfilled(waiting, reason: "no-facilitator-in-area")),
        try .event(E.opened(march, receivedAt: "2025-03-11T09:00:00Z")),
        try .event(E.allocated(march, role: .lead)),
      ])
      let figures = try await h.figures()
      #expect(
        figures.facilitatorAllocations
          == AllocationFigures(
            made: 2, madeByRole: ["lead": 1, "co-facilitator": 1], unfilled: 1,
            unfilledByReason: ["no-facilitator-in-area": 1], ended: 0,
            endedByReason: ["case-closed": 0, "case-transferred": 0, "released": 0]))
      let elsewhere = try await h.figures(area: E.otherArea)
      #expect(elsewhere.facilitatorAllocations.made == 0)
      #expect(elsewhere.facilitatorAllocations.madeByRole == ["lead": 0, "co-facilitator": 0])
    }
  }

  @Test("without dates the period is the London calendar month of the clock's day")
  func defaultPeriod() async throws {
    try await ReportingEventHarness.with { h in
      // 23:30 UTC on 31 May 2025 is already 1 June in London.
      let june = try await h.figures(period: nil, now: E.utc("2025-05-31T23:30:00Z"))
      #expect(june.period.from == CalendarDate("2025-06-01"))
      #expect(june.period.to == CalendarDate("2025-06-30"))
      #expect(june.asOf == CalendarDate("2025-06-01"))
      let february = try await h.figures(period: nil, now: E.utc("2024-02-10T12:00:00Z"))
      #expect(february.period.to == CalendarDate("2024-02-29"))
    }
  }
}

extension OutgoingMessage {
  /// The same message under a fresh message id (the event inside keeps its id).
  func withNewMessageId() -> OutgoingMessage {
    var copy = self
    copy.properties.messageId = UUID().uuidString.lowercased()
    return copy
  }
}
