import AMQPClient
import DrillKit
import DurableMessaging
import EventContracts
import Foundation
import PostgresClient
import Testing

/// Messages that can never succeed reach the service's dead-letter queue with their reason,
/// and an operator can replay them.
@Suite("Dead letters", .serialized)
struct DeadLetterTests {
  @Test("a poison message is retried, dead-lettered with its reason, and can be replayed")
  func poisonThenReplay() async throws {
    try await MessagingHarness.with { h in
      let s = h.consumerSchema.sql
      try await h.pool.withSession { try $0.execute("INSERT INTO \(s).drill_poison VALUES (13)") }
      let consumer = h.brokerLink("consumer")
      let producer = h.brokerLink("producer")
      try await withRunningServices(
        [
          BrokerLinkService(link: producer), BrokerLinkService(link: consumer),
          try h.relay(producer), try h.consumer(consumer, maxAttempts: 3),
        ], logger: h.logger
      ) {
        try await h.produce(20, batch: 20)
        try await h.waitUntil("19 effects and a dead letter") {
          let effects = try await h.effects().rows
          let letters = try await h.deadLetters().count
          return effects == 19 && letters == 1
        }
      }
      let letters = try await h.deadLetters()
      let letter = try #require(letters.first)
      #expect(letter.reason == DeadLetterReason.retriesExhausted.rawValue)
      #expect(letter.error?.contains("drill handler refuses sequence 13") == true)
      #expect(letter.queue == h.queue.name)
      #expect(letter.originalExchange == h.exchange)
      #expect(letter.originalRoutingKey == "drill.recorded.v1")
      #expect(letter.deliveryCount == 3)
      let header = try EventCoding.decode(DrillRecorded.self, from: letter.body)
      #expect(header.data.sequence == 13)

      // The bug is fixed; the operator replays; the message takes effect once.
      try await h.pool.withSession { try $0.execute("DELETE FROM \(s).drill_poison") }
      let replayed = try await DeadLetterQueue(service: h.service, connection: h.admin)
        .replay(messageIds: [try #require(letter.messageId)])
      #expect(replayed == [letter.messageId])
      let fresh = h.brokerLink("consumer-after-replay")
      try await withRunningServices(
        [BrokerLinkService(link: fresh), try h.consumer(fresh)], logger: h.logger
      ) {
        try await h.waitUntil("20 effects") { try await h.effects().rows == 20 }
      }
      #expect(try await h.effects().distinct == 20)
      #expect(try await h.deadLetters().isEmpty)
    }
  }

  @Test("a body that does not decode is dead-lettered at once, naming what is wrong")
  func malformedAtOnce() async throws {
    try await MessagingHarness.with { h in
      let consumer = h.brokerLink("consumer")
      try await withRunningServices(
        [BrokerLinkService(link: consumer), try h.consumer(consumer)], logger: h.logger
      ) {
        try await h.publishRaw(
          body: Array(#"{"id": "not-a-uuid", "data": {}}"#.utf8), messageId: "m-1")
        try await h.publishRaw(body: Array("not json at all".utf8), messageId: "m-2")
        try await h.waitUntil("two dead letters") { try await h.deadLetters().count == 2 }
      }
      let letters = try await h.deadLetters()
      #expect(letters.map(\.reason) == ["malformed-message", "malformed-message"])
      #expect(letters.allSatisfy { $0.deliveryCount == 1 })
      #expect(letters.allSatisfy { ($0.error ?? "").isEmpty == false })
      #expect(try await h.effects().rows == 0)
    }
  }

  @Test("a message without a message id, or of an unknown type, is dead-lettered")
  func missingIdAndUnknownType() async throws {
    try await MessagingHarness.with { h in
      let consumer = h.brokerLink("consumer")
      let event = EventEnvelope(
        producer: "drill", area: "test-area", data: DrillRecorded(sequence: 1, run: "x"))
      try await withRunningServices(
        [BrokerLinkService(link: consumer), try h.consumer(consumer)], logger: h.logger
      ) {
        try await h.publishRaw(body: try EventCoding.encode(event), messageId: nil)
        try await h.publishRaw(
          body: try EventCoding.encode(event), messageId: "other-type",
          routingKey: "drill.something-else.v1")
        try await h.waitUntil("two dead letters") { try await h.deadLetters().count == 2 }
      }
      let reasons = Set(try await h.deadLetters().map(\.reason))
      #expect(reasons == ["missing-message-id", "unknown-event-type"])
    }
  }
}
