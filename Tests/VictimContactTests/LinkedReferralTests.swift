import AMQPClient
import EventContracts
import Foundation
import Testing

/// victim-contact on `case.referral-linked`: the further referral is kept once (its referrer
/// sealed) and its referrer acknowledged by email once, whatever the order and however often
/// it arrives; its acknowledgement never settles the first referrer's task.
@Suite("Referrals linked to a case", .serialized)
struct LinkedReferralTests {
  static func linked(_ caseId: String, email: String? = "test.coordinator.delta@example.org")
    -> EventEnvelope<CaseReferralLinked>
  {
    EventEnvelope(
      producer: "intake", area: SyntheticCases.area, caseId: caseId, correlationId: UUID(),
      data: CaseReferralLinked(
        caseId: caseId, referralId: "VH-\(caseId)", sourceSystem: "norfolk-victim-hub",
        referrerType: .victimHub, matchedBy: .crimeReference,
        referrer: CaseContactDetails.Person(
          name: "Test Coordinator Delta", email: email, organisation: "Norfolk Victim Care")))
  }

  @Test("kept once and acknowledged once, before or after the case arrives")
  func acknowledgedOnce() async throws {
    try await CaseEventHarness.with { h in
      let caseId = SyntheticCases.caseId()
      let linked = Self.linked(caseId)
      // Out of order: the link first (twice, and resent), then the case's halves.
      try await h.deliver([
        try .event(linked), try .event(linked), try .event(SyntheticCases.resent(linked)),
      ])
      try await h.settle()
      try await h.deliver([
        try .event(SyntheticCases.opened(caseId)), try .event(SyntheticCases.details(caseId)),
      ])
      try await h.settle()

      let requested = try await h.events(NotificationRequested.self, caseId: caseId)
      let acknowledgements = requested.filter { $0.data.purpose == .referrerAcknowledgement }
      #expect(acknowledgements.count == 2, "the first referrer and the linked one, once each")
      let linkedAck = try #require(
        acknowledgements.first { $0.data.recipient.email == "test.coordinator.delta@example.org" })
      #expect(linkedAck.data.notificationId.hasPrefix("\(caseId)/referrer-acknowledgement/"))
      #expect(
        linkedAck.data.notificationId.count == "\(caseId)/referrer-acknowledgement/".count + 16)
      #expect(linkedAck.data.values["referralId"] == "VH-\(caseId)")
      #expect(
        try await h.value(
          "SELECT count(*)::text FROM {schema}.linked_referrals WHERE case_id = $1", [.text(caseId)]
        )
          == "1")
      let storedName = try #require(
        try await h.value(
          "SELECT referrer_name FROM {schema}.linked_referrals WHERE case_id = $1", [.text(caseId)])
      )
      #expect(storedName.hasPrefix("v1.") && !storedName.contains("Delta"), "sealed")

      // The linked acknowledgement going out settles no first-contact task.
      try await h.deliver([
        try .event(
          EventEnvelope(
            producer: "notifications", area: SyntheticCases.area, caseId: caseId,
            data: NotificationSent(
              notificationId: linkedAck.data.notificationId, caseId: caseId,
              purpose: .referrerAcknowledgement, channel: .email, sentAt: Date())))
      ])
      try await h.settle()
      let tasks = try await h.tasks(of: caseId)
      #expect(tasks.first { $0.kind == "acknowledge-referrer" }?.status == "open")
      #expect(
        try await h.value(
          "SELECT status FROM {schema}.notifications WHERE notification_id = $1",
          [.text(linkedAck.data.notificationId)]) == "sent")
    }
  }

  @Test("a linked referrer without an email is kept, and nothing is sent")
  func noEmail() async throws {
    try await CaseEventHarness.with { h in
      let caseId = SyntheticCases.caseId()
      try await h.deliver([
        try .event(SyntheticCases.opened(caseId)), try .event(SyntheticCases.details(caseId)),
        try .event(Self.linked(caseId, email: nil)),
      ])
      try await h.settle()
      let requested = try await h.events(NotificationRequested.self, caseId: caseId)
      #expect(requested.filter { $0.data.purpose == .referrerAcknowledgement }.count == 1)
      #expect(
        try await h.value(
          "SELECT count(*)::text FROM {schema}.linked_referrals WHERE case_id = $1", [.text(caseId)]
        )
          == "1")
    }
  }
}
