import Foundation
import Logging

/// One AMQP 0-9-1 connection to RabbitMQ with a confirm-mode publisher, consumers and
/// topology management, reconnecting on its own with exponential backoff.
///
/// librabbitmq is not thread-safe and blocks, so the connection is owned by one dedicated
/// thread; these async methods queue commands for it and suspend until it answers. No
/// blocking C call ever runs on Swift's cooperative pool.
public final class AMQPConnection: Sendable {
  private let mailbox: CommandMailbox
  private let worker: ConnectionWorker
  private let threadName: String

  /// Prepares a connection; nothing happens on the network until ``connect()``.
  /// `topology` is declared on connect and after every reconnect.
  public init(configuration: AMQPConfiguration, topology: AMQPTopology = .empty, logger: Logger) {
    let mailbox = CommandMailbox()
    self.mailbox = mailbox
    self.worker = ConnectionWorker(
      configuration: configuration, topology: topology, mailbox: mailbox, logger: logger)
    self.threadName = "amqp-\(configuration.connectionName)"
  }

  deinit {
    _ = mailbox.submit(.close(nil))
  }

  /// Starts the owning thread, connects and declares the topology. Throws when this first
  /// attempt fails (it may be called again then); later losses are repaired automatically.
  public func connect() async throws {
    try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, Error>) in
      switch mailbox.startIfIdle() {
      case .idle:
        let worker = self.worker
        let thread = Thread { worker.run(firstConnect: done) }
        thread.name = threadName
        thread.start()
      case .running:
        done.resume()
      case .closed:
        done.resume(throwing: AMQPError.closed)
      }
    }
  }

  /// Whether the broker connection is up right now (for readiness probes).
  public var isConnected: Bool { mailbox.isConnected }

  /// Declares `topology` now and again after every reconnect.
  public func declare(_ topology: AMQPTopology) async throws {
    try await request { .declare(topology, $0) }
  }

  /// Publishes all messages in one confirm window, then waits for every confirm. Outcomes
  /// come in input order; an unroutable mandatory message is `.returned(312, "NO_ROUTE")`.
  /// Throws ``AMQPError/connectionLost(_:)`` when the connection drops before all outcomes
  /// are known, ``AMQPError/channelClosed(code:text:)`` when the broker closed the publisher
  /// channel (for example a missing exchange); later publishes work again either way.
  public func publish(_ messages: [OutgoingMessage]) async throws -> [PublishOutcome] {
    if messages.isEmpty { return [] }
    return try await request { .publish(messages, $0) }
  }

  /// Subscribes to `queue` with manual acks and at most `prefetch` unacked deliveries.
  /// The subscription is renewed automatically after reconnects.
  public func consume(queue: String, prefetch: Int) async throws -> AMQPConsumer {
    let id = mailbox.nextConsumerID()
    let (stream, continuation) = AsyncStream<Delivery>.makeStream()
    let consumer = AMQPConsumer(
      id: id, queue: queue, stream: stream, continuation: continuation, mailbox: mailbox)
    let mailbox = self.mailbox
    continuation.onTermination = { _ in _ = mailbox.submit(.cancel(consumerID: id, nil)) }
    let registration = ConsumerRegistration(
      id: id, queue: queue, prefetch: prefetch, continuation: continuation)
    try await request { .consume(registration, $0) }
    return consumer
  }

  /// Fetches one message with basic.get (manual ack); nil when the queue is empty.
  public func get(queue: String) async throws -> Delivery? {
    try await request { .get(queue: queue, $0) }
  }

  /// Acknowledges `delivery` (and all earlier ones on its channel when `multiple`). A
  /// delivery from an earlier connection is ignored: the broker has requeued it already.
  public func ack(_ delivery: Delivery, multiple: Bool = false) async {
    settle(delivery, .ack, multiple: multiple)
  }

  /// Rejects `delivery` (and all earlier ones when `multiple`), requeueing it or letting the
  /// queue dead-letter it. Ignored for deliveries of an earlier connection.
  public func nack(_ delivery: Delivery, multiple: Bool = false, requeue: Bool) async {
    settle(delivery, .nack(requeue: requeue), multiple: multiple)
  }

  /// Ready messages in `queue` (passive declare); `channelClosed(404)` when it is missing.
  public func queueMessageCount(_ queue: String) async throws -> Int {
    try await request { .messageCount(queue: queue, $0) }
  }

  /// Deletes `queue` with its messages.
  public func deleteQueue(_ queue: String) async throws {
    try await request { .deleteQueue(queue, $0) }
  }

  /// Drops the ready messages of `queue`.
  public func purgeQueue(_ queue: String) async throws {
    try await request { .purgeQueue(queue, $0) }
  }

  /// Ends consumers, fails pending publishes with ``AMQPError/closed``, closes the
  /// connection (bounded wait when the broker is gone) and ends the owning thread.
  public func close() async {
    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
      if mailbox.submit(.close(done)) != nil { done.resume() }
    }
  }

  private func settle(_ delivery: Delivery, _ kind: Settlement.Kind, multiple: Bool) {
    _ = mailbox.submit(
      .settle(
        Settlement(
          kind: kind, deliveryTag: delivery.deliveryTag, multiple: multiple,
          channel: delivery.channel, channelEpoch: delivery.channelEpoch,
          generation: delivery.generation)))
  }

  private func request<T: Sendable>(
    _ make: (CheckedContinuation<T, Error>) -> ConnectionCommand
  ) async throws -> T {
    try await withCheckedThrowingContinuation { (done: CheckedContinuation<T, Error>) in
      let command = make(done)
      if let phase = mailbox.submit(command) {
        command.fail(phase == .closed ? .closed : .connectionLost("not connected"))
      }
    }
  }
}
