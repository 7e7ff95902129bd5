import AMQPClient
import DrillKit
import DurableMessaging
import EventContracts
import Foundation
import PostgresClient
import ServiceLifecycle
import Testing

/// Outbox → relay → broker → consumer with inbox, against the real servers.
@Suite("Outbox and inbox", .serialized)
struct OutboxInboxTests {
  @Test("every outbox message takes effect exactly once, in order")
  func exactlyOnceInOrder() async throws {
    try await MessagingHarness.with { h in
      let producer = h.brokerLink("producer")
      let consumer = h.brokerLink("consumer")
      try await withRunningServices(
        [
          BrokerLinkService(link: producer), BrokerLinkService(link: consumer),
          try h.relay(producer), try h.consumer(consumer),
        ], logger: h.logger
      ) {
        try await h.produce(3000)
        try await h.waitUntil("3000 effects") { try await h.effects().rows >= 3000 }
      }
      let effects = try await h.effects()
      #expect(effects.rows == 3000)
      #expect(effects.distinct == 3000)
      // One relay and one consumer: effects were recorded in the order the events were written.
      let outOfOrder = try await h.pool.withSession { [schema = h.consumerSchema] session in
        try session.query(
          """
          SELECT count(*) FROM (SELECT sequence, lag(sequence) OVER (ORDER BY id) AS previous
                                FROM \(schema.sql).drill_effects) t
          WHERE previous IS NOT NULL AND sequence < previous
          """
        ).rows[0].decode(0, as: Int.self)
      }
      #expect(outOfOrder == 0)
      let pending = try await h.pool.withSession { [schema = h.producerSchema] session in
        try session.query(
          "SELECT count(*) FROM \(schema.sql).outbox"
        ).rows[0].decode(0, as: Int.self)
      }
      #expect(pending == 0)
    }
  }

  @Test("a message delivered twice changes nothing the second time")
  func duplicateDeliveryIsIgnored() async throws {
    try await MessagingHarness.with { h in
      let consumer = h.brokerLink("consumer")
      let event = EventEnvelope(
        producer: "drill", area: "test-area", data: DrillRecorded(sequence: 7, run: "dup"))
      let body = try EventCoding.encode(event)
      try await withRunningServices(
        [BrokerLinkService(link: consumer), try h.consumer(consumer)], logger: h.logger
      ) {
        try await h.publishRaw(body: body, messageId: event.id.uuidString)
        try await h.waitUntil("first effect") { try await h.effects().rows == 1 }
        try await h.publishRaw(body: body, messageId: event.id.uuidString)
        try await h.publishRaw(body: body, messageId: event.id.uuidString)
        // A marker published after the duplicates proves they were consumed before it.
        let marker = EventEnvelope(
          producer: "drill", area: "test-area", data: DrillRecorded(sequence: 8, run: "dup"))
        try await h.publishRaw(
          body: try EventCoding.encode(marker), messageId: marker.id.uuidString)
        try await h.waitUntil("marker effect") { try await h.effects().rows >= 2 }
      }
      let effects = try await h.effects()
      #expect(effects.rows == 2)
      #expect(effects.distinct == 2)
    }
  }

  @Test("two relays and two consumers still give exactly-once effects")
  func twoRelaysTwoConsumers() async throws {
    try await MessagingHarness.with { h in
      let links = (0..<4).map { h.brokerLink("replica-\($0)") }
      let secondPool = PostgresConnectionPool(configuration: h.database, size: 2, logger: h.logger)
      try await withRunningServices(
        links.map { BrokerLinkService(link: $0) as any Service } + [
          try h.relay(links[0], batchSize: 200), try h.relay(links[1], batchSize: 200),
          try h.consumer(links[2]), try h.consumer(links[3], pool: secondPool),
        ], logger: h.logger
      ) {
        async let first: Void = h.produce(2500, first: 1)
        async let second: Void = h.produce(2500, first: 2501)
        _ = try await (first, second)
        try await h.waitUntil("5000 effects") { try await h.effects().rows >= 5000 }
        // Give any stray duplicate time to land before counting.
        try await Task.sleep(for: .milliseconds(500))
      }
      let effects = try await h.effects()
      #expect(effects.rows == 5000)
      #expect(effects.distinct == 5000)
      await secondPool.close()
    }
  }

  @Test("two relays on one outbox publish every message once, with no consumer to hide repeats")
  func twoRelaysNoDoublePublish() async throws {
    try await MessagingHarness.with { h in
      let links = (0..<2).map { h.brokerLink("relay-\($0)") }
      try await withRunningServices(
        links.map { BrokerLinkService(link: $0) as any Service } + [
          try h.relay(links[0], batchSize: 100), try h.relay(links[1], batchSize: 100),
        ], logger: h.logger
      ) {
        async let first: Void = h.produce(1500, first: 1, batch: 50)
        async let second: Void = h.produce(1500, first: 1501, batch: 50)
        _ = try await (first, second)
        try await h.waitUntil("3000 queued") {
          try await h.admin.queueMessageCount(h.queue.name) >= 3000
        }
        try await Task.sleep(for: .milliseconds(500))
      }
      #expect(try await h.admin.queueMessageCount(h.queue.name) == 3000)
    }
  }

  @Test("a relay stopping gracefully publishes what is waiting first")
  func gracefulShutdownFlushesOutbox() async throws {
    try await MessagingHarness.with { h in
      let producer = h.brokerLink("producer")
      try await h.produce(1200)
      try await withRunningServices(
        [BrokerLinkService(link: producer), try h.relay(producer, batchSize: 100)], logger: h.logger
      ) {}
      let count = try await h.admin.queueMessageCount(h.queue.name)
      #expect(count == 1200)
    }
  }

  @Test("an outbox message nobody can receive is retried, then parked with the reason")
  func unroutableIsParked() async throws {
    try await MessagingHarness.with { h in
      let producer = h.brokerLink("producer")
      let outbox = Outbox(schema: h.producerSchema)
      let stray = OutboxMessage(
        messageId: UUID(), exchange: h.exchange, routingKey: "nobody.listens.v1",
        body: Array("{}".utf8))
      try await h.pool.withTransaction { try outbox.enqueue([stray], in: $0) }
      try await h.produce(10)
      let relay = try h.relay(producer, maxPublishAttempts: 2)
      try await withRunningServices([BrokerLinkService(link: producer)], logger: h.logger) {
        try await producer.ready()
        for _ in 0..<3 { try await relay.relayPending() }
      }
      let row = try await h.pool.withSession { [schema = h.producerSchema] session in
        try session.query(
          """
          SELECT attempts, last_error, parked_at IS NOT NULL,
            (SELECT count(*) FROM \(schema.sql).outbox) = 1
          FROM \(schema.sql).outbox WHERE message_id = $1
          """, [.uuid(stray.messageId)]
        ).rows[0]
      }
      #expect(try row.decode(0, as: Int.self) == 2)
      #expect(try row.decode(1, as: String.self).contains("312"))
      #expect(try row.decode(2, as: Bool.self))
      #expect(try row.decode(3, as: Bool.self))
      #expect(try await h.admin.queueMessageCount(h.queue.name) == 10)
    }
  }

  @Test("housekeeping removes inbox rows older than the window and keeps the rest")
  func inboxHousekeeping() async throws {
    try await MessagingHarness.with { h in
      let s = h.consumerSchema.sql
      try await h.pool.withSession { session in
        try session.execute(
          """
          INSERT INTO \(s).inbox (queue, message_id, received_at)
          SELECT 'q', 'old-' || g, now() - interval '8 days' FROM generate_series(1, 30) g
          UNION ALL SELECT 'q', 'new-' || g, now() - interval '1 day' FROM generate_series(1, 5) g
          """)
      }
      let housekeeping = MessagingHousekeeping(
        schema: h.consumerSchema, pool: h.pool, logger: h.logger)
      let removed = try await housekeeping.cleanOnce()
      #expect(removed == 30)
      let left = try await h.pool.withSession { session in
        try session.query("SELECT count(*) FROM \(s).inbox").rows[0].decode(0, as: Int.self)
      }
      #expect(left == 5)
    }
  }
}
