import AMQPClient
import Foundation
import TestSupport
import Testing

/// A unique exchange, quorum queue and dead-letter pair for one test.
struct TestTopology {
  let exchange: String
  let queue: String
  let deadLetterExchange: String
  let deadLetterQueue: String
  let routingKey = "work"

  init() {
    exchange = TestServers.uniqueName("amqptest_ex")
    queue = TestServers.uniqueName("amqptest_q")
    deadLetterExchange = TestServers.uniqueName("amqptest_dlx")
    deadLetterQueue = TestServers.uniqueName("amqptest_dlq")
  }

  var topology: AMQPTopology {
    AMQPTopology(
      exchanges: [
        ExchangeDeclaration(name: exchange, kind: .direct),
        ExchangeDeclaration(name: deadLetterExchange, kind: .fanout),
      ],
      queues: [
        QueueDeclaration(
          name: queue, deadLetterExchange: deadLetterExchange,
          deadLetterRoutingKey: "dead", deliveryLimit: 5),
        QueueDeclaration(name: deadLetterQueue),
      ],
      bindings: [
        QueueBinding(queue: queue, exchange: exchange, routingKey: routingKey),
        QueueBinding(queue: deadLetterQueue, exchange: deadLetterExchange, routingKey: ""),
      ])
  }

  func message(_ text: String, id: String = UUID().uuidString) -> OutgoingMessage {
    OutgoingMessage(
      exchange: exchange, routingKey: routingKey, body: Array(text.utf8),
      properties: AMQPMessageProperties(messageId: id, contentType: "text/plain"))
  }

  /// Connects with this topology declared.
  func connect(_ name: String = "amqp-client-tests") async throws -> AMQPConnection {
    let configuration = try AMQPConfiguration(url: TestServers.amqpURL(), connectionName: name)
    let connection = AMQPConnection(
      configuration: configuration, topology: topology, logger: TestServers.logger(name))
    try await connection.connect()
    return connection
  }

  /// Removes the queues (exchanges are cheap and uniquely named).
  func cleanUp(_ connection: AMQPConnection) async {
    try? await connection.deleteQueue(queue)
    try? await connection.deleteQueue(deadLetterQueue)
    await connection.close()
  }
}

/// Collects a consumer's deliveries in the background so tests can wait with a deadline.
actor DeliveryInbox {
  private var received: [Delivery] = []
  private var task: Task<Void, Never>?

  func start(_ consumer: AMQPConsumer) {
    task = Task {
      for await delivery in consumer { self.append(delivery) }
    }
  }

  private func append(_ delivery: Delivery) { received.append(delivery) }

  /// Waits until `count` deliveries arrived in total (or `timeout` passed) and returns them all.
  func wait(for count: Int, timeout: Duration = .seconds(20)) async -> [Delivery] {
    let deadline = ContinuousClock.now + timeout
    while received.count < count, ContinuousClock.now < deadline {
      try? await Task.sleep(for: .milliseconds(10))
    }
    return received
  }
}

/// Polls `condition` until it holds or `timeout` passes.
func eventually(
  timeout: Duration = .seconds(20), _ condition: () async throws -> Bool
) async -> Bool {
  let deadline = ContinuousClock.now + timeout
  while ContinuousClock.now < deadline {
    if (try? await condition()) == true { return true }
    try? await Task.sleep(for: .milliseconds(50))
  }
  return false
}
