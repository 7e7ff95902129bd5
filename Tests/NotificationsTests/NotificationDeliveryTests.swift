import EventContracts
import Foundation
import PostgresClient
import TestSupport
import Testing

@testable import Notifications

/// Requests consumed from a real queue into a real schema, delivered by real delivery loops
/// to the real local SMTP server, whose mailbox is then read. Each test writes to synthetic
/// addresses of its own, since other tests share the mailbox.
@Suite("notification delivery", .serialized)
struct NotificationDeliveryTests {
  /// A synthetic address no other test uses.
  static func address(_ who: String, domain: String = "example.org") -> String {
    "\(who).\(UUID().uuidString.lowercased())@\(domain)"
  }

  @Test("requested twice under two message ids: one email, with the derived Message-ID")
  func requestedTwiceSendsOnce() async throws {
    try await NotificationsHarness.with { h in
      let address = Self.address("referrer")
      let request = NotificationsHarness.request(
        recipient: .init(name: "Robin Referrer", email: address))
      let id = request.data.notificationId
      // Both copies are stored (or skipped) before any delivery runs.
      try await h.request([request, NotificationsHarness.resent(request)])
      try await h.request([NotificationsHarness.resent(request)])
      let states = try await h.running([try h.delivery()]) { try await h.settled([id]) }

      #expect(states[id]?.status == "sent")
      #expect(states[id]?.attempts == 1)
      let emails = try SMTPTestServer.messages(to: address)
      #expect(emails.count == 1)
      let email = try #require(emails.first)
      #expect(
        email.headers("Message-ID") == ["<\(request.data.caseId!)/referrer-acknowledgement@rjhub>"])
      #expect(email.headers("Message-ID") == [EmailMessage.messageID(notificationId: id)])
      #expect(email.headers("To") == ["\"Robin Referrer\" <\(address)>"])
      #expect(email.headers("From") == ["\"RJ Hub\" <rj-hub@localhost>"])
      #expect(email.headers("Return-Path") == ["<rj-hub@localhost>"])
      #expect(
        email.headers("Subject") == ["Referral received - RJ Hub case \(request.data.caseId!)"])
      #expect(email.text.hasPrefix("Dear Robin Referrer,\r\n\r\nThank you for your referral"))
      #expect(email.text.contains("REF-\(request.data.caseId!)"))

      let sent = try await h.events(NotificationSent.self, notificationId: id)
      #expect(sent.count == 1)
      #expect(sent.first?.data.channel == .email)
      #expect(sent.first?.data.purpose == .referrerAcknowledgement)
      #expect(sent.first?.caseId == request.data.caseId)
      #expect(sent.first?.area == NotificationsHarness.area)
      #expect(sent.first?.producer == "notifications")
      #expect(sent.first?.causationId == request.id)
      #expect(sent.first?.correlationId == request.correlationId)
      #expect(try await h.events(NotificationFailed.self, notificationId: id).isEmpty)
    }
  }

  @Test("a new request wakes an idle delivery loop at once (no waiting for the poll)")
  func wakesOnRequest() async throws {
    try await NotificationsHarness.with { h in
      let address = Self.address("victim")
      let request = NotificationsHarness.request(
        .victimRJInformation, recipient: .init(name: "Val Victim", email: address),
        language: "cy-GB")
      let delivery = try h.delivery { $0.pollInterval = .seconds(120) }
      try await h.running([delivery]) {
        // Let the loop finish its first (empty) round and start waiting.
        try await Task.sleep(for: .milliseconds(500))
        let start = ContinuousClock.now
        try await h.request([request])
        let states = try await h.settled([request.data.notificationId], within: .seconds(20))
        #expect(states.values.first?.status == "sent")
        #expect(ContinuousClock.now - start < .seconds(20))
      }
      let email = try #require(try SMTPTestServer.messages(to: address).first)
      #expect(email.headers("Subject") == ["Information about restorative justice"])
      #expect(email.text.contains("Taking part is your choice."))
    }
  }

  @Test("a claim whose replica died mid-send is left alone until its deadline, then delivered")
  func reclaimAfterDeadline() async throws {
    try await NotificationsHarness.with { h in
      let address = Self.address("reclaimed")
      let request = NotificationsHarness.request(recipient: .init(email: address))
      let id = request.data.notificationId
      try await h.request([request])
      // A replica claims the notification for 3 seconds, then dies without an outcome.
      let store = NotificationStore(
        schema: h.schema, personalData: NotificationsHarness.personalData)
      let claimed = try await h.pool.withTransaction {
        try store.claimDue(limit: 10, lease: .seconds(3), token: UUID(), in: $0)
      }
      #expect(claimed.map(\.notificationId) == [id])
      let claimedAt = ContinuousClock.now
      let states = try await h.running([try h.delivery()]) {
        try await Task.sleep(for: .seconds(1))
        #expect(try await h.stored(id)?.status == "pending", "not taken before the deadline")
        #expect(try SMTPTestServer.messages(to: address).isEmpty)
        return try await h.settled([id], within: .seconds(30))
      }
      #expect(ContinuousClock.now - claimedAt >= .seconds(3))
      #expect(states[id]?.status == "sent")
      #expect(states[id]?.attempts == 2)
      #expect(try SMTPTestServer.messages(to: address).count == 1)
      #expect(try await h.events(NotificationSent.self, notificationId: id).count == 1)
    }
  }

  @Test("a letter is rendered to a sealed PDF awaiting dispatch, and not announced as sent")
  func letterAwaitingDispatchLeavesTaskOpen() async throws {
    try await NotificationsHarness.with { h in
      let request = NotificationsHarness.request(
        .victimRJInformation, channel: .letter,
        recipient: .init(name: "Lee Letter", address: "1 Synthetic Street, Exampletown, EX1 1AA"))
      let id = request.data.notificationId
      try await h.request([request])
      let states = try await h.running([try h.delivery()]) { try await h.settled([id]) }

      #expect(states[id]?.status == "awaiting-dispatch")
      let letter = try #require(try await h.storedLetter(id))
      #expect(letter.status == "queued")
      #expect(letter.format == "standard")
      #expect(letter.pdf.starts(with: Array("%PDF-".utf8)))
      let poppler = try Poppler(letter.pdf)
      defer { poppler.remove() }
      let text = try poppler.text()
      for line in ["Lee Letter", "1 Synthetic Street", "Exampletown", "EX1 1AA"] {
        #expect(text.contains(line), "\(line)")
      }
      #expect(text.contains("Information about restorative justice"))
      #expect(text.contains("Dear Lee Letter,"))
      #expect(text.contains(request.data.caseId!))
      // Nothing printed or posted it: no notification.sent, so victim-contact's inform-victim
      // task stays open and the Victims' Code deadline is not met by rendering.
      #expect(try await h.events(NotificationSent.self, notificationId: id).isEmpty)
      #expect(try await h.events(NotificationFailed.self, notificationId: id).isEmpty)
    }
  }

  @Test("phone fails as channel-unsupported; email without an address as no-address")
  func undeliverable() async throws {
    try await NotificationsHarness.with { h in
      let phone = NotificationsHarness.request(
        channel: .phone, recipient: .init(name: "Pat Phone", phone: "01234 567890"))
      let noAddress = NotificationsHarness.request(
        .facilitatorAllocation, recipient: .init(name: "Fran Facilitator"))
      let ids = [phone.data.notificationId, noAddress.data.notificationId]
      try await h.request([phone, noAddress])
      let states = try await h.running([try h.delivery()]) { try await h.settled(ids) }

      #expect(states[ids[0]]?.status == "failed")
      #expect(states[ids[0]]?.failureReason == "channel-unsupported")
      #expect(states[ids[1]]?.failureReason == "no-address")
      let phoneFailed = try await h.events(NotificationFailed.self, notificationId: ids[0])
      #expect(phoneFailed.map(\.data.reason) == ["channel-unsupported"])
      #expect(phoneFailed.map(\.data.channel) == [.phone])
      let noAddressFailed = try await h.events(NotificationFailed.self, notificationId: ids[1])
      #expect(noAddressFailed.map(\.data.reason) == ["no-address"])
      #expect(try await h.events(NotificationSent.self, notificationId: ids[0]).isEmpty)
    }
  }

  @Test("a recipient the relay refuses (5xx) fails as recipient-refused, without a retry")
  func refused() async throws {
    try await NotificationsHarness.with { h in
      let address = Self.address("refused", domain: "refused.example.org")
      let request = NotificationsHarness.request(recipient: .init(email: address))
      let id = request.data.notificationId
      try await h.request([request])
      let states = try await h.running([try h.delivery()]) { try await h.settled([id]) }

      #expect(states[id]?.status == "failed")
      #expect(states[id]?.failureReason == "recipient-refused")
      #expect(states[id]?.attempts == 1)
      #expect(states[id]?.lastError == "smtp-550")
      let failed = try await h.events(NotificationFailed.self, notificationId: id)
      #expect(failed.map(\.data.reason) == ["recipient-refused"])
      #expect(!(failed.first.map { "\($0)" } ?? "").contains(address))
      #expect(try SMTPTestServer.messages(to: address).isEmpty)
    }
  }

  @Test("an unreachable relay is retried, then the notification fails as attempts-exhausted")
  func unreachableRelay() async throws {
    try await NotificationsHarness.with { h in
      let address = Self.address("unreachable")
      let request = NotificationsHarness.request(recipient: .init(email: address))
      let id = request.data.notificationId
      try await h.request([request])
      let port = try TCPPort.closed()
      let delivery = try h.delivery(smtpURL: "smtp://127.0.0.1:\(port)") { $0.maxAttempts = 3 }
      let states = try await h.running([delivery]) { try await h.settled([id]) }

      #expect(states[id]?.status == "failed")
      #expect(states[id]?.failureReason == "attempts-exhausted")
      #expect(states[id]?.attempts == 3)
      #expect(states[id]?.lastError == "curl-7")
      let failed = try await h.events(NotificationFailed.self, notificationId: id)
      #expect(failed.map(\.data.reason) == ["attempts-exhausted"])
      #expect(try await h.events(NotificationSent.self, notificationId: id).isEmpty)
      #expect(try SMTPTestServer.messages(to: address).isEmpty)
    }
  }

  @Test("two delivery loops on one schema deliver each of many requests exactly once")
  func concurrentLoops() async throws {
    try await NotificationsHarness.with { h in
      let count = 40
      let addresses = (0..<count).map { _ in Self.address("concurrent") }
      let requests = addresses.map {
        NotificationsHarness.request(recipient: .init(name: "Casey Concurrent", email: $0))
      }
      let ids = requests.map(\.data.notificationId)
      try await h.request(requests)
      // Each loop sends as a sender of its own, so the mailbox shows which loop sent what.
      let senders = ["loop-a@localhost", "loop-b@localhost"]
      let loops = try senders.map { sender in try h.delivery(from: sender) { $0.batchSize = 3 } }
      let states = try await h.running(loops) { try await h.settled(ids, within: .seconds(120)) }

      #expect(states.values.allSatisfy { $0.status == "sent" && $0.attempts == 1 })
      var sentBy: [String: Int] = [:]
      for (address, id) in zip(addresses, ids) {
        let emails = try SMTPTestServer.messages(to: address)
        #expect(emails.count == 1, "\(id)")
        #expect(emails.first?.headers("Message-ID") == [EmailMessage.messageID(notificationId: id)])
        #expect(try await h.events(NotificationSent.self, notificationId: id).count == 1, "\(id)")
        for sender in emails.flatMap({ $0.headers("Return-Path") }) {
          sentBy[sender, default: 0] += 1
        }
      }
      #expect(sentBy.values.reduce(0, +) == count)
      #expect(Set(sentBy.keys) == Set(senders.map { "<\($0)>" }), "both loops took part: \(sentBy)")
    }
  }
}
