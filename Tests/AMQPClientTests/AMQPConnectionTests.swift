import AMQPClient
import Foundation
import TestSupport
import Testing

/// Against the real RabbitMQ from `infra/up.sh`. Serialized because the reconnect test closes
/// every client connection of the broker.
@Suite("AMQP connection against RabbitMQ", .serialized)
struct AMQPConnectionTests {
  @Test("round trip through a quorum queue keeps body, properties and headers")
  func roundTrip() async throws {
    let names = TestTopology()
    let connection = try await names.connect()
    #expect(connection.isConnected)
    let headers: AMQPHeaders = [
      "event": .string("case.opened"), "version": .int(3), "urgent": .bool(true),
      "score": .double(0.5), "tags": .array([.string("a"), .int(-7)]),
      "nested": .table(["inner": .string("x"), "n": .int(Int64.max)]), "nothing": .void,
    ]
    let timestamp = Date(timeIntervalSince1970: 1_700_000_000)
    let properties = AMQPMessageProperties(
      messageId: "m-1", correlationId: "c-1", replyTo: "reply-here",
      contentType: "application/json", type: "CaseOpened", appId: "tests",
      timestamp: timestamp, headers: headers, persistent: true)
    let outcomes = try await connection.publish([
      OutgoingMessage(
        exchange: names.exchange, routingKey: names.routingKey, body: Array("{}".utf8),
        properties: properties)
    ])
    #expect(outcomes == [.confirmed])

    let consumer = try await connection.consume(queue: names.queue, prefetch: 10)
    let inbox = DeliveryInbox()
    await inbox.start(consumer)
    let received = await inbox.wait(for: 1)
    let delivery = try #require(received.first)
    #expect(delivery.body == Array("{}".utf8))
    #expect(delivery.exchange == names.exchange)
    #expect(delivery.routingKey == names.routingKey)
    #expect(delivery.queue == names.queue)
    #expect(delivery.properties == properties)
    #expect(delivery.deliveryCount == 0)
    #expect(delivery.redelivered == false)
    #expect(delivery.generation == 1)
    await connection.ack(delivery)
    await consumer.cancel()
    #expect(await eventually { try await connection.queueMessageCount(names.queue) == 0 })
    await names.cleanUp(connection)
    #expect(connection.isConnected == false)
  }

  @Test("a window of 1000 persistent messages is confirmed and consumed with multiple acks")
  func thousandMessages() async throws {
    let names = TestTopology()
    let connection = try await names.connect()
    let messages = (0..<1000).map { names.message("message \($0)", id: "id-\($0)") }
    let started = ContinuousClock.now
    let outcomes = try await connection.publish(messages)
    let elapsed = ContinuousClock.now - started
    #expect(outcomes.count == 1000)
    #expect(outcomes.allSatisfy { $0 == .confirmed })
    print("published 1000 persistent messages with confirms in \(elapsed)")

    let consumer = try await connection.consume(queue: names.queue, prefetch: 200)
    var seen = Set<String>()
    var count = 0
    for await delivery in consumer {
      seen.insert(delivery.properties.messageId ?? "")
      count += 1
      if count % 50 == 0 { await connection.ack(delivery, multiple: true) }
      if count == 1000 { break }
    }
    #expect(seen.count == 1000)
    await consumer.cancel()
    #expect(await eventually { try await connection.queueMessageCount(names.queue) == 0 })
    await names.cleanUp(connection)
  }

  @Test("an unroutable mandatory message is returned while its neighbours are confirmed")
  func unroutableIsReturned() async throws {
    let names = TestTopology()
    let connection = try await names.connect()
    var lost = names.message("nobody listens", id: "lost")
    lost.routingKey = "no-binding"
    let outcomes = try await connection.publish([
      names.message("first", id: "first"), lost, names.message("last", id: "last"),
    ])
    #expect(outcomes.count == 3)
    #expect(outcomes[0] == .confirmed)
    if case .returned(let code, let text) = outcomes[1] {
      #expect(code == 312)
      #expect(text == "NO_ROUTE")
    } else {
      Issue.record("expected .returned, got \(outcomes[1])")
    }
    #expect(outcomes[2] == .confirmed)
    #expect(await eventually { try await connection.queueMessageCount(names.queue) == 2 })
    await names.cleanUp(connection)
  }

  @Test("publishing to a missing exchange throws channelClosed and the next publish works")
  func missingExchange() async throws {
    let names = TestTopology()
    let connection = try await names.connect()
    var wrong = names.message("misaddressed")
    wrong.exchange = TestServers.uniqueName("amqptest_missing")
    do {
      _ = try await connection.publish([wrong])
      Issue.record("publishing to a missing exchange succeeded")
    } catch AMQPError.channelClosed(let code, _) {
      #expect(code == 404)
    }
    let outcomes = try await connection.publish([names.message("fine")])
    #expect(outcomes == [.confirmed])
    #expect(connection.isConnected)
    await names.cleanUp(connection)
  }

  @Test("nack with requeue redelivers with the delivery count incremented")
  func nackRequeue() async throws {
    let names = TestTopology()
    let connection = try await names.connect()
    _ = try await connection.publish([names.message("again")])
    let consumer = try await connection.consume(queue: names.queue, prefetch: 1)
    let inbox = DeliveryInbox()
    await inbox.start(consumer)
    let first = try #require(await inbox.wait(for: 1).first)
    #expect(first.deliveryCount == 0)
    await connection.nack(first, requeue: true)
    let received = await inbox.wait(for: 2)
    try #require(received.count == 2)
    let second = received[1]
    #expect(second.redelivered)
    #expect(second.deliveryCount == 1)
    #expect(second.body == first.body)
    await connection.ack(second)
    await consumer.cancel()
    await names.cleanUp(connection)
  }

  @Test("nack without requeue dead-letters the message")
  func nackDeadLetters() async throws {
    let names = TestTopology()
    let connection = try await names.connect()
    _ = try await connection.publish([names.message("poison", id: "poison-1")])
    let delivery = try #require(
      await firstGet(connection, queue: names.queue), "message did not arrive")
    await connection.nack(delivery, requeue: false)
    let dead = try #require(
      await firstGet(connection, queue: names.deadLetterQueue), "not dead-lettered")
    #expect(dead.properties.messageId == "poison-1")
    #expect(dead.body == Array("poison".utf8))
    await connection.ack(dead)
    #expect(await eventually { try await connection.queueMessageCount(names.queue) == 0 })
    await names.cleanUp(connection)
  }

  @Test("get, queueMessageCount, purge and delete; a missing queue fails only that command")
  func operatorCommands() async throws {
    let names = TestTopology()
    let connection = try await names.connect()
    _ = try await connection.publish((0..<3).map { names.message("m\($0)") })
    #expect(await eventually { try await connection.queueMessageCount(names.queue) == 3 })
    let fetched = try #require(try await connection.get(queue: names.queue))
    #expect(fetched.body == Array("m0".utf8))
    #expect(fetched.queue == names.queue)
    await connection.ack(fetched)
    #expect(await eventually { try await connection.queueMessageCount(names.queue) == 2 })
    try await connection.purgeQueue(names.queue)
    #expect(try await connection.queueMessageCount(names.queue) == 0)
    #expect(try await connection.get(queue: names.queue) == nil)

    let missing = TestServers.uniqueName("amqptest_nothere")
    await #expect(throws: AMQPError.self) { try await connection.queueMessageCount(missing) }
    await #expect(throws: AMQPError.self) { try await connection.get(queue: missing) }
    #expect(try await connection.queueMessageCount(names.queue) == 0)

    try await connection.deleteQueue(names.deadLetterQueue)
    await #expect(throws: AMQPError.self) {
      try await connection.queueMessageCount(names.deadLetterQueue)
    }
    #expect(connection.isConnected)
    await names.cleanUp(connection)
  }

  @Test("after the broker closes all connections, publishing and consuming resume on their own")
  func reconnects() async throws {
    let names = TestTopology()
    let connection = try await names.connect("amqp-client-tests-reconnect")
    let consumer = try await connection.consume(queue: names.queue, prefetch: 10)
    let inbox = DeliveryInbox()
    await inbox.start(consumer)
    #expect(try await connection.publish([names.message("before")]) == [.confirmed])
    let before = try #require(await inbox.wait(for: 1).first)
    await connection.ack(before)

    // Needs `rabbitmqctl close_all_connections --global` (or `--vhost rjhub`) in the script:
    // without it only connections of vhost "/" are closed and the generation stays the same.
    try await TestServers.runInfra("rabbitmq.sh", ["close-connections"])

    var outcomes: [PublishOutcome] = []
    let resumed = await eventually(timeout: .seconds(30)) {
      outcomes = try await connection.publish([names.message("after")])
      return true
    }
    #expect(resumed)
    #expect(outcomes == [.confirmed])
    #expect(connection.isConnected)
    let received = await inbox.wait(for: 2, timeout: .seconds(30))
    try #require(received.count >= 2)
    let after = try #require(received.last)
    #expect(after.body == Array("after".utf8))
    #expect(
      after.generation > before.generation,
      "the connection was not closed: does infra/rabbitmq.sh close-connections use --global?")
    await connection.ack(after)
    // A stale ack (old generation) is ignored instead of breaking the channel.
    await connection.ack(before)
    #expect(try await connection.publish([names.message("still fine")]) == [.confirmed])
    #expect(await inbox.wait(for: 3).count == 3)
    await consumer.cancel()
    await names.cleanUp(connection)
  }

  private func firstGet(_ connection: AMQPConnection, queue: String) async -> Delivery? {
    var found: Delivery?
    _ = await eventually {
      found = try await connection.get(queue: queue)
      return found != nil
    }
    return found
  }
}
