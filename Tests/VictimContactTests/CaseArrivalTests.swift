import AMQPClient
import EventContracts
import Foundation
import Testing

/// victim-contact's consumer against the real servers: a case is acted on once both of its
/// halves have arrived, in either order, exactly once, and never writes to a victim who is
/// not safe to contact.
@Suite("Case arrival and first contact", .serialized)
struct CaseArrivalTests {
  @Test(
    "either order, each half delivered twice, gives exactly one set of tasks and notifications",
    arguments: [false, true])
  func eitherOrderExactlyOnce(detailsFirst: Bool) async throws {
    try await CaseEventHarness.with { h in
      let caseId = SyntheticCases.caseId()
      let opened = SyntheticCases.opened(caseId)
      let details = SyntheticCases.details(caseId)
      let first = try detailsFirst ? OutgoingMessage.event(details) : .event(opened)
      let second = try detailsFirst ? OutgoingMessage.event(opened) : .event(details)
      // The first half twice (the same message redelivered), then the second half.
      try await h.deliver([first, first])
      try await h.settle()
      #expect(try await h.tasks(of: caseId).isEmpty, "nothing happens with half a case")
      try await h.deliver([second])
      try await h.settle()
      // Both halves again, redelivered and resent under new ids.
      try await h.deliver([
        first, second, try .event(SyntheticCases.resent(opened)),
        try .event(SyntheticCases.resent(details)),
      ])
      try await h.settle()

      let scheduled = try await h.events(ContactTaskScheduled.self, caseId: caseId)
      #expect(
        scheduled.map(\.data.kind).sorted(by: { $0.rawValue < $1.rawValue }) == [
          .acknowledgeReferrer, .informVictim,
        ])
      #expect(
        Set(scheduled.map(\.data.taskId)) == [
          "\(caseId)/acknowledge-referrer", "\(caseId)/inform-victim",
        ])
      let requested = try await h.events(NotificationRequested.self, caseId: caseId)
      #expect(requested.count == 2)
      let acknowledgement = try #require(
        requested.first { $0.data.purpose == .referrerAcknowledgement })
      #expect(acknowledgement.data.notificationId == "\(caseId)/referrer-acknowledgement")
      #expect(acknowledgement.data.channel == .email)
      #expect(acknowledgement.data.recipient.email == SyntheticCases.referrerEmail)
      #expect(
        acknowledgement.data.values == [
          "caseId": caseId, "referralId": "REF-\(caseId)", "area": SyntheticCases.area,
        ])
      #expect(acknowledgement.area == SyntheticCases.area)
      #expect(acknowledgement.producer == "victim-contact")
      let information = try #require(requested.first { $0.data.purpose == .victimRJInformation })
      #expect(information.data.notificationId == "\(caseId)/victim-rj-information")
      #expect(information.data.channel == .email)
      #expect(information.data.recipient.email == SyntheticCases.victimEmail)
      #expect(information.data.language == "cy-GB")
      #expect(try await h.tasks(of: caseId).count == 2)
    }
  }

  /// A victim and where their RJ information must (or must not) go.
  struct Branch: CustomTestStringConvertible, Sendable {
    var name: String
    var preferred: PreferredContact?
    var safeToContact: Bool?
    var hasEmail = true
    /// The victim notification's channel, or nil when none may be sent.
    var writesBy: PreferredContact?
    /// The contact-victim task's "assignee flag", or nil when there is none.
    var contactTask: String?
    var testDescription: String { name }
  }

  static let branches = [
    Branch(name: "safe, prefers email", preferred: .email, safeToContact: true, writesBy: .email),
    Branch(
      name: "safe, prefers letter", preferred: .letter, safeToContact: true, writesBy: .letter),
    Branch(
      name: "safe, prefers phone", preferred: .phone, safeToContact: true,
      contactTask: "case-worker phone-preferred"),
    Branch(
      name: "marked unsafe", preferred: .email, safeToContact: false,
      contactTask: "supervisor unsafe-to-contact"),
    Branch(
      name: "safety unknown", preferred: .letter, safeToContact: nil,
      contactTask: "supervisor unsafe-to-contact"),
    Branch(
      name: "prefers email but gave none", preferred: .email, safeToContact: true,
      hasEmail: false, contactTask: "case-worker no-contact-details"),
  ]

  @Test("the victim is written to only when safe, on their preferred channel", arguments: branches)
  func safeContact(branch: Branch) async throws {
    try await CaseEventHarness.with { h in
      let caseId = SyntheticCases.caseId()
      var victim = SyntheticCases.Victim(
        preferred: branch.preferred, safeToContact: branch.safeToContact)
      if !branch.hasEmail { victim.details?.email = nil }
      try await h.deliver([
        try .event(SyntheticCases.opened(caseId, victim: victim)),
        try .event(SyntheticCases.details(caseId, victim: victim)),
      ])
      try await h.settle()

      let toVictim = try await h.events(NotificationRequested.self, caseId: caseId)
        .filter { $0.data.purpose == .victimRJInformation }
      #expect(toVictim.map(\.data.channel) == (branch.writesBy.map { [$0] } ?? []))
      if let letter = toVictim.first, branch.writesBy == .letter {
        #expect(letter.data.recipient.address == SyntheticCases.victimAddress)
        #expect(letter.data.recipient.email == nil)
      }
      let tasks = try await h.tasks(of: caseId)
      let contactTask = tasks.first { $0.kind == "contact-victim" }
      #expect(contactTask.map { "\($0.assignee) \($0.flag ?? "-")" } == branch.contactTask)
      if let contactTask {
        #expect(contactTask.dueOn == SyntheticCases.fiveWorkingDaysLater)
      }
      let scheduled = try await h.events(ContactTaskScheduled.self, caseId: caseId)
      #expect(scheduled.count == tasks.count)
      #expect(
        tasks.first { $0.kind == "acknowledge-referrer" }?.dueOn
          == SyntheticCases.oneWorkingDayLater)
      #expect(
        tasks.first { $0.kind == "inform-victim" }?.dueOn == SyntheticCases.fiveWorkingDaysLater)
    }
  }

  @Test("a victim with enhanced rights is due RJ information in 1 working day")
  func enhancedRights() async throws {
    try await CaseEventHarness.with { h in
      let caseId = SyntheticCases.caseId()
      let victim = SyntheticCases.Victim(enhancedRights: true)
      try await h.deliver([
        try .event(SyntheticCases.details(caseId, victim: victim)),
        try .event(SyntheticCases.opened(caseId, victim: victim)),
      ])
      try await h.settle()
      let inform = try await h.events(ContactTaskScheduled.self, caseId: caseId)
        .first { $0.data.kind == .informVictim }
      #expect(inform?.data.dueOn.description == SyntheticCases.oneWorkingDayLater)
    }
  }

  @Test("notification outcomes settle tasks; a failed RJ information gives a case worker a task")
  func notificationOutcomes() async throws {
    try await CaseEventHarness.with { h in
      let caseId = SyntheticCases.caseId()
      try await h.deliver([
        try .event(SyntheticCases.opened(caseId)), try .event(SyntheticCases.details(caseId)),
      ])
      try await h.settle()
      let sent = EventEnvelope(
        producer: "notifications", area: SyntheticCases.area, caseId: caseId,
        data: NotificationSent(
          notificationId: "\(caseId)/referrer-acknowledgement", caseId: caseId,
          purpose: .referrerAcknowledgement, channel: .email, sentAt: Date()))
      let failed = EventEnvelope(
        producer: "notifications", area: SyntheticCases.area, caseId: caseId,
        data: NotificationFailed(
          notificationId: "\(caseId)/victim-rj-information", caseId: caseId,
          purpose: .victimRJInformation, channel: .email, reason: "recipient-refused",
          failedAt: Date()))
      try await h.deliver([try .event(sent), try .event(failed)])
      try await h.settle()

      let tasks = try await h.tasks(of: caseId)
      #expect(tasks.first { $0.kind == "acknowledge-referrer" }?.status == "completed")
      #expect(tasks.first { $0.kind == "inform-victim" }?.status == "open")
      let followUp = try #require(tasks.first { $0.kind == "contact-victim" })
      #expect(followUp.assignee == "case-worker" && followUp.flag == "notification-failed")
      #expect(followUp.dueOn == SyntheticCases.fiveWorkingDaysLater)
      #expect(
        try await h.events(ContactTaskScheduled.self, caseId: caseId).map(\.data.kind).last
          == .contactVictim)
      #expect(
        try await h.value(
          "SELECT status || ' ' || failure_reason FROM {schema}.notifications WHERE notification_id = $1",
          [.text("\(caseId)/victim-rj-information")]) == "failed recipient-refused")

      let delivered = EventEnvelope(
        producer: "notifications", area: SyntheticCases.area, caseId: caseId,
        data: NotificationSent(
          notificationId: "\(caseId)/victim-rj-information", caseId: caseId,
          purpose: .victimRJInformation, channel: .email, sentAt: Date()))
      try await h.deliver([try .event(delivered)])
      try await h.settle()
      #expect(
        try await h.tasks(of: caseId).first { $0.kind == "inform-victim" }?.status == "completed")
    }
  }

  @Test("allocations and unfilled requests are recorded on the case")
  func facilitatorOutcomes() async throws {
    try await CaseEventHarness.with { h in
      let caseId = SyntheticCases.caseId()
      let otherCase = SyntheticCases.caseId()
      let unfilled = EventEnvelope(
        producer: "facilitator-matching", area: SyntheticCases.area, caseId: otherCase,
        data: AllocationUnfilled(
          requestId: "\(otherCase)/facilitators", caseId: otherCase, reason: "no-capacity",
          decidedAt: Date()))
      let allocated = EventEnvelope(
        producer: "facilitator-matching", area: SyntheticCases.area, caseId: caseId,
        data: FacilitatorAllocated(
          allocationId: "ALLOC-\(caseId)", requestId: "\(caseId)/facilitators", caseId: caseId,
          facilitatorId: "FAC-0042", agency: "Norfolk RJ Service", role: .lead,
          allocatedAt: Date()))
      try await h.deliver([
        try .event(SyntheticCases.opened(caseId)), try .event(SyntheticCases.details(caseId)),
        try .event(allocated), try .event(allocated), try .event(unfilled),
      ])
      try await h.settle()
      #expect(
        try await h.value(
          "SELECT string_agg(facilitator_id || ' ' || role, ',') FROM {schema}.facilitator_allocations WHERE case_id = $1",
          [.text(caseId)]) == "FAC-0042 lead")
      #expect(
        try await h.value(
          "SELECT status FROM {schema}.facilitator_requests WHERE case_id = $1", [.text(caseId)])
          == "allocated")
      #expect(
        try await h.value(
          "SELECT status || ' ' || unfilled_reason FROM {schema}.facilitator_requests WHERE case_id = $1",
          [.text(otherCase)]) == "unfilled no-capacity")
    }
  }
}
