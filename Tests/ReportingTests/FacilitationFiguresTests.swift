import AMQPClient
import EventContracts
import Foundation
import Testing

@testable import Reporting

/// Partnership engagement (PRODUCT figure 6) and the volunteer pool's health (figure 12),
/// worked examples with their numbers written out, against the real servers: once per offer
/// and per register revision, whatever is redelivered or arrives out of order.
@Suite("Partnership and volunteer pool figures", .serialized)
struct FacilitationFiguresTests {
  typealias E = ReportingEvents
  static let service = "Norfolk RJ Service"
  static let support = "Victim Support"
  static let youth = "Youth Justice Service"

  /// Agency A (the service): 3 offered in April, 2 accepted (one by an allocation, one under
  /// its standing agreement), 1 declined facilitator-unavailable. Agency B: 2 offered, 1 lapsed
  /// unanswered, 1 accepted. Agency C: 1 withdrawn, 1 awaiting an answer. Around them: an
  /// offer made on 1 May in London, one in another area, and a decline whose offer never came.
  static func partnershipEvents() throws -> [OutgoingMessage] {
    let (a, b, c) = (service, support, youth)
    return [
      // Outcomes first: an allocation or decline may overtake its offer.
      try .event(E.accepted(offer: "A1", agency: a)),
      try .event(E.declined(offer: "A3", agency: a, .declined, reason: .facilitatorUnavailable)),
      try .event(E.offered("A1", agency: a, at: "2025-04-01T08:00:00Z")),
      try .event(E.offered("A2", agency: a, standing: true)),
      try .event(E.offered("A3", agency: a, at: "2025-04-30T21:00:00Z")),
      try .event(E.offered("B1", agency: b)),
      try .event(E.declined(offer: "B1", agency: b, .noAnswer)),
      try .event(E.offered("B2", agency: b)),
      try .event(E.accepted(offer: "B2", agency: b)),
      try .event(E.offered("C1", agency: c)),
      try .event(E.declined(offer: "C1", agency: c, .withdrawn)),
      try .event(E.offered("C2", agency: c)),
      // 23:30 UTC on 30 April is 00:30 on 1 May in London: May's offer.
      try .event(E.offered("B3", agency: b, at: "2025-04-30T23:30:00Z")),
      try .event(E.offered("S1", agency: b, area: E.otherArea)),
      try .event(E.declined(offer: "X1", agency: a, .declined, reason: .tooFar)),
    ]
  }

  @Test("offers per agency: accepted, declined by reason, unanswered, withdrawn, rates")
  func partnershipWorkedExample() async throws {
    try await ReportingEventHarness.with { h in
      let events = try Self.partnershipEvents()
      try await h.deliver(events)
      let figures = try await h.figures().partnership
      let a = try #require(figures.byAgency[Self.service])
      #expect(a.offered == 3)
      #expect(a.accepted == 2)
      #expect(a.declined == 1)
      #expect(a.declinedByReason["facilitator-unavailable"] == 1)
      #expect(a.declinedByReason.count == OfferDeclineReason.allCases.count, "zeros included")
      #expect(a.declinedByReason.values.reduce(0, +) == 1)
      #expect(a.noAnswer == 0 && a.withdrawn == 0 && a.awaitingAnswer == 0)
      #expect(a.acceptanceRate == 0.667)
      let b = try #require(figures.byAgency[Self.support])
      #expect(b.offered == 2)
      #expect(b.accepted == 1)
      #expect(b.noAnswer == 1)
      #expect(b.declined == 0 && b.withdrawn == 0 && b.awaitingAnswer == 0)
      #expect(b.acceptanceRate == 0.5)
      let c = try #require(figures.byAgency[Self.youth])
      #expect(c.offered == 2)
      #expect(c.withdrawn == 1)
      #expect(c.awaitingAnswer == 1)
      #expect(c.acceptanceRate == 0)
      #expect(figures.byAgency.count == 3)
      #expect(figures.all.offered == 7)
      #expect(figures.all.accepted == 3)
      #expect(figures.all.acceptanceRate == 0.429)
      #expect(
        figures.all.accepted + figures.all.declined + figures.all.noAnswer
          + figures.all.withdrawn + figures.all.awaitingAnswer == figures.all.offered)

      // Redelivered (new message ids) and in reverse order: nothing changes.
      try await h.deliver(events.reversed().map { $0.withNewMessageId() })
      #expect(try await h.figures().partnership == figures)
      #expect(try await h.rowCount("allocation_offers") == 9)
      #expect(try await h.rowCount("offer_declines") == 4)

      let may = try await h.figures(
        period: FiguresPeriod(from: CalendarDate("2025-05-01")!, to: CalendarDate("2025-05-31")!)
      ).partnership
      #expect(may.byAgency.keys.sorted() == [Self.support])
      #expect(may.all.offered == 1 && may.all.awaitingAnswer == 1)
      let elsewhere = try await h.figures(area: E.otherArea).partnership
      #expect(elsewhere.all.offered == 1)
      let march = try await h.figures(
        period: FiguresPeriod(from: CalendarDate("2025-03-01")!, to: CalendarDate("2025-03-31")!)
      ).partnership
      #expect(march.byAgency.isEmpty)
      #expect(march.all.offered == 0 && march.all.acceptanceRate == nil)
    }
  }

  /// Twelve active volunteers covering Norfolk (V01–V12) and a staff advisor; around them an
  /// inactive volunteer whose older, active revision arrives late (V13), one covering only
  /// Suffolk (V14), one registered in May (V15). Conferences in the twelve months to 30 April
  /// 2025 (1 May 2024 to 30 April 2025 in London): V01 5, V02 5, V03 5, V04 1, V05 2, V06 1,
  /// V08 1 — 20 in all.
  static func poolEvents() throws -> [OutgoingMessage] {
    var events: [OutgoingMessage] = []
    let register: [EventEnvelope<FacilitatorRegistered>] = [
      E.registered("V01", languages: ["en-GB", "pl"]),
      E.registered("V02", languages: ["en", "pa-IN"]),
      E.registered("V03", vettingExpiresOn: "2025-05-10"),
      E.registered("V04", supervisionDueOn: "2025-05-30"),
      E.registered("V05", supervisionDueOn: "2025-05-31"),
      E.registered("V06", vettingExpiresOn: "2025-04-20"),
      E.registered("V07", vettingExpiresOn: "2025-04-30"),
      E.registered("V08", supervisionDueOn: "2025-04-01"),
      E.registered("V09"), E.registered("V10"), E.registered("V11"),
      E.registered("V12", active: false, revision: 1, changedAt: "2025-03-01T09:00:00Z"),
      E.registered("V12", revision: 2, changedAt: "2025-04-05T09:00:00Z"),
      E.registered("V13", active: false, revision: 2, changedAt: "2025-04-10T09:00:00Z"),
      E.registered("V14", areas: [E.otherArea]),
      E.registered("V15", revision: 1, changedAt: "2025-05-03T09:00:00Z"),
      E.registered("S01", kind: "staff-advisor", languages: ["en-GB", "ar"]),
    ]
    events += try register.map { try OutgoingMessage.event($0) }
    var conferences: [EventEnvelope<InterventionRecorded>] = []
    for n in 1...5 {
      conferences.append(E.conference("C\(n)", facilitators: ["V01", "V02"]))
      conferences.append(E.conference("C\(n + 5)", facilitators: ["V03", "S01"]))
    }
    conferences += [
      E.conference("C11", facilitators: ["V04", "V05"]),
      // 30 April 2024 in London: before the twelve months.
      E.conference("C12", facilitators: ["V04"], deliveredAt: "2024-04-30T12:00:00Z"),
      // 23:30 UTC on 30 April 2024 is 1 May in London: inside them.
      E.conference("C13", facilitators: ["V05"], deliveredAt: "2024-04-30T23:30:00Z"),
      // 1 May 2025 in London: after the period's end.
      E.conference("C14", facilitators: ["V06"], deliveredAt: "2025-04-30T23:30:00Z"),
      E.conference("C15", facilitators: ["V06"]),
      E.conference("C16", facilitators: ["V07"], status: .cancelled),
      E.conference("C17", facilitators: ["V07"], kind: .shuttle),
      E.conference("C18", facilitators: ["V13"]),
      // Delivered in another area: still the volunteer's conference.
      E.conference("C19", facilitators: ["V08"], area: E.otherArea),
    ]
    events += try conferences.map { try OutgoingMessage.event($0) }
    // Late arrivals: V13's older, active revision and C15's planned revision.
    events += [
      try .event(
        E.registered("V13", active: true, revision: 1, changedAt: "2025-03-01T09:00:00Z")),
      try .event(
        E.conference("C15", facilitators: ["V06", "V07"], status: .planned, revision: 1)),
    ]
    return events
  }

  @Test("the volunteer pool at the period's end: volunteers, conferences, languages, lapses")
  func volunteerPoolWorkedExample() async throws {
    try await ReportingEventHarness.with { h in
      let events = try Self.poolEvents()
      try await h.deliver(events)
      let pool = try await h.figures().volunteerPool
      #expect(pool.activeVolunteers == 12)
      #expect(pool.expectedActiveVolunteers == 12)
      #expect(pool.activeVolunteers >= pool.expectedActiveVolunteers, "the pool is big enough")
      #expect(pool.conferencesInTwelveMonths == 20)
      #expect(pool.conferencesPerVolunteer == 1.7)
      #expect(pool.expectedConferencesPerVolunteer == 5)
      #expect(pool.volunteersReachingExpectedConferences == 3, "V01, V02 and V03, with 5 each")
      #expect(pool.volunteersBelowExpectedConferences == 9)
      #expect(pool.activeFacilitators == 13)
      #expect(pool.facilitatorsByLanguage == ["en": 13, "pl": 1, "pa": 1, "ar": 1])
      #expect(pool.languagesCovered == 4)
      #expect(pool.vettingLapsingWithin30Days == 1, "V03 on 10 May")
      #expect(pool.supervisionDueWithin30Days == 1, "V04 on 30 May, not V05 on 31 May")
      #expect(pool.vettingLapsed == 2, "V06 and V07")
      #expect(pool.supervisionOverdue == 1, "V08")

      // Redelivered under new message ids and in reverse order: nothing changes.
      try await h.deliver(events.reversed().map { $0.withNewMessageId() })
      #expect(try await h.figures().volunteerPool == pool)
      #expect(try await h.rowCount("facilitator_revisions") == 18)
      #expect(try await h.rowCount("interventions") == 19)

      // At the end of March: V12 was inactive and V13 active (its second revision came in
      // April); V15 joins in May.
      let march = try await h.figures(
        period: FiguresPeriod(from: CalendarDate("2025-03-01")!, to: CalendarDate("2025-03-31")!)
      ).volunteerPool
      #expect(march.activeVolunteers == 12)
      let may = try await h.figures(
        period: FiguresPeriod(from: CalendarDate("2025-05-01")!, to: CalendarDate("2025-05-31")!),
        now: E.utc("2025-06-15T12:00:00Z")
      ).volunteerPool
      #expect(may.activeVolunteers == 13)
      #expect(may.conferencesInTwelveMonths == 20, "C14 on 1 May joins; C13 (1 May 2024) leaves")
    }
  }

  @Test("a pool below its expected size, and a volunteer below five conferences")
  func thresholds() async throws {
    try await ReportingEventHarness.with { h in
      var events: [OutgoingMessage] = [
        try .event(E.registered("V01")), try .event(E.registered("V02")),
        try .event(E.registered("S01", kind: "police-officer")),
      ]
      for n in 1...4 {
        events.append(try .event(E.conference("C\(n)", facilitators: ["V01", "V02"])))
      }
      events.append(try .event(E.conference("C5", facilitators: ["V01", "S01"])))
      try await h.deliver(events)
      let pool = try await h.figures().volunteerPool
      #expect(pool.activeVolunteers == 2)
      #expect(pool.activeVolunteers < pool.expectedActiveVolunteers)
      #expect(pool.conferencesInTwelveMonths == 9)
      #expect(pool.conferencesPerVolunteer == 4.5)
      #expect(pool.volunteersReachingExpectedConferences == 1, "V01 has 5, V02 4")
      #expect(pool.volunteersBelowExpectedConferences == 1)
      #expect(pool.activeFacilitators == 3)
      let empty = try await h.figures(area: E.otherArea).volunteerPool
      #expect(empty.activeVolunteers == 0)
      #expect(empty.conferencesPerVolunteer == nil)
      #expect(empty.languagesCovered == 0)
    }
  }
}
