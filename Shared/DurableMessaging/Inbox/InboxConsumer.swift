import AMQPClient
import Logging
import Metrics
import PostgresClient
import ServiceLifecycle

/// Settings for an ``InboxConsumer``.
public struct InboxConsumerConfiguration: Sendable {
  /// Unacknowledged deliveries the broker may send ahead (keep it above ``batchSize``).
  public var prefetch: Int = 1000
  /// The most deliveries handled in one transaction.
  public var batchSize: Int = 500
  /// Handler failures a message gets before it is dead-lettered as
  /// ``DeadLetterReason/retriesExhausted``. Keep it below the queue's broker delivery limit.
  public var maxAttempts: Int = 5
  /// Paces retries of a batch after a transient database failure (no attempt is counted:
  /// messages are never dead-lettered because the database was down).
  public var transientBackoff = Backoff(initial: .milliseconds(100), maximum: .seconds(5))
  /// Paces the redelivery of a message whose handler failed.
  public var retryBackoff = Backoff(initial: .milliseconds(100), maximum: .seconds(2))

  /// The defaults.
  public init() {}
}

/// Consumes one queue into a service's database, exactly once in effect.
///
/// Deliveries are taken in batches; each batch is handled in one transaction that first
/// records the message ids in the inbox (`INSERT … ON CONFLICT DO NOTHING`) and hands only
/// the new ones to the handler, so a redelivered or duplicated message changes nothing.
/// Acknowledgements (one `multiple` ack per batch) go out only after the commit; a crash
/// before them redelivers the batch, which the inbox then recognises.
///
/// Failures: a transient database error retries the batch with backoff, indefinitely; a
/// ``MessageRejection`` dead-letters that message and handles the rest; any other error
/// handles the batch one message at a time, and a message that keeps failing is requeued
/// until ``InboxConsumerConfiguration/maxAttempts`` and then dead-lettered with the reason.
/// On graceful shutdown it cancels its subscription, finishes and acknowledges what it has
/// received, and returns.
public final class InboxConsumer: Service, Sendable {
  let queue: ServiceQueue
  let pool: PostgresConnectionPool
  let broker: BrokerLink
  let handler: any InboxHandler
  let configuration: InboxConsumerConfiguration
  let logger: Logger
  let outbox: Outbox
  let insertInboxSQL: String
  let deadLetters: DeadLetterPublisher
  let metrics: ConsumerMetrics

  /// A consumer of `queue` that records into the inbox (and outbox) in `schema`. Dead letters
  /// are published through `deadLetterBroker` (by default the consuming connection); outbox
  /// bodies are kept by `outboxSealing`.
  public init(
    queue: ServiceQueue, schema: SchemaName, pool: PostgresConnectionPool, broker: BrokerLink,
    deadLetterBroker: BrokerLink? = nil, handler: any InboxHandler,
    configuration: InboxConsumerConfiguration = .init(),
    outboxSealing: any OutboxBodySealing = PlainOutboxBodies(), logger: Logger
  ) {
    self.queue = queue
    self.pool = pool
    self.broker = broker
    self.handler = handler
    self.configuration = configuration
    var logger = logger
    logger[metadataKey: "queue"] = "\(queue.name)"
    self.logger = logger
    self.outbox = Outbox(schema: schema, sealing: outboxSealing)
    self.insertInboxSQL = """
      INSERT INTO \(schema.sql).inbox (queue, message_id)
      SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING RETURNING message_id
      """
    self.deadLetters = DeadLetterPublisher(
      broker: deadLetterBroker ?? broker, exchange: queue.deadLetterExchange, logger: logger)
    self.metrics = ConsumerMetrics(queue: queue.name)
  }

  /// Consumes until graceful shutdown, then drains what it holds.
  public func run() async throws {
    guard let consumer = try await subscribe() else {
      logger.info("consumer stopped before it subscribed")
      return
    }
    let buffer = DeliveryBuffer()
    let pump = Task {
      for await delivery in consumer { buffer.append(delivery) }
      buffer.finish()
    }
    await withGracefulShutdownHandler {
      while let batch = await buffer.take(max: configuration.batchSize) {
        await handle(batch)
      }
    } onGracefulShutdown: {
      Task { await consumer.cancel() }
    }
    pump.cancel()
    logger.info("consumer stopped")
  }

  /// Declares the queue and subscribes, retrying while the broker is unreachable; `nil` when
  /// shutdown comes first.
  func subscribe() async throws -> AMQPConsumer? {
    var attempt = 0
    while true {
      do {
        try await cancelWhenGracefulShutdown { try await self.broker.ready() }
        try await broker.connection.declare(queue.topology)
        return try await broker.connection.consume(
          queue: queue.name, prefetch: configuration.prefetch)
      } catch {
        if Task.isCancelled || Task.isShuttingDownGracefully { return nil }
        logger.warning(
          "could not subscribe; retrying", metadata: ["error": "\(ErrorRedaction.describe(error))"])
        try await Task.sleep(for: configuration.retryBackoff.delay(attempt: attempt))
        attempt += 1
      }
    }
  }

  /// Handles one batch to the end: committed and acknowledged, requeued, or dead-lettered.
  func handle(_ batch: [Delivery]) async {
    var pending: [(Delivery, String)] = []
    var seen: Set<String> = []
    for delivery in batch {
      guard let id = delivery.properties.messageId, !id.isEmpty else {
        await deadLetter(delivery, .missingMessageID, "the delivery has no AMQP message_id")
        continue
      }
      if seen.insert(id).inserted {
        pending.append((delivery, id))
      } else {
        metrics.duplicate.increment()
        await broker.connection.ack(delivery)
      }
    }
    var transientAttempt = 0
    while !pending.isEmpty {
      do {
        let start = ContinuousClock.now
        let fresh = try await commit(pending)
        metrics.handlerDuration.recordNanoseconds(
          (ContinuousClock.now - start).nanosecondsClamped)
        metrics.processed.increment(by: fresh)
        metrics.duplicate.increment(by: pending.count - fresh)
        await acknowledge(pending.map(\.0))
        return
      } catch let rejection as MessageRejection {
        guard let index = pending.firstIndex(where: { $0.1 == rejection.messageId }) else {
          logger.error("handler rejected a message outside its batch; handling one by one")
          await handleOneByOne(pending)
          return
        }
        let (delivery, _) = pending.remove(at: index)
        await deadLetter(delivery, rejection.reason, rejection.detail)
      } catch let error as PostgresError where error.isTransient {
        if Task.isCancelled { return }
        metrics.retriedTransient.increment()
        logger.warning(
          "database unavailable; retrying the batch",
          metadata: [
            "error": "\(ErrorRedaction.describe(error))", "attempt": "\(transientAttempt)",
          ])
        try? await Task.sleep(for: configuration.transientBackoff.delay(attempt: transientAttempt))
        transientAttempt += 1
      } catch {
        if pending.count > 1 {
          await handleOneByOne(pending)
        } else {
          await handlerFailed(pending[0].0, error: error)
        }
        return
      }
    }
  }

  func handleOneByOne(_ pending: [(Delivery, String)]) async {
    for (delivery, _) in pending { await handle([delivery]) }
  }

  /// One transaction: record ids in the inbox, handle the new ones, queue their events.
  func commit(_ pending: [(Delivery, String)]) async throws -> Int {
    let sql = insertInboxSQL
    let queueName = queue.name
    let handler = self.handler
    let outbox = self.outbox
    let logger = self.logger
    let ids = pending.map(\.1)
    return try await pool.withSession { session in
      try session.transaction { session in
        let inserted = try session.query(sql, [.text(queueName), .textArray(ids)])
        var fresh = Set<String>()
        for row in inserted.rows { fresh.insert(try row.decode(0, as: String.self)) }
        guard !fresh.isEmpty else { return 0 }
        let messages = pending.compactMap { delivery, id in
          fresh.contains(id) ? InboundMessage(delivery: delivery, messageId: id) : nil
        }
        let context = InboxContext(session: session, outbox: outbox, logger: logger)
        try handler.handle(messages, context: context)
        try context.flush()
        return messages.count
      }
    }
  }

  /// Acknowledges a committed batch: one `multiple` ack per connection generation, for the
  /// highest delivery tag (every lower tag of that channel is settled by then).
  func acknowledge(_ deliveries: [Delivery]) async {
    var highest: [UInt64: Delivery] = [:]
    for delivery in deliveries {
      if let current = highest[delivery.generation], current.deliveryTag >= delivery.deliveryTag {
        continue
      }
      highest[delivery.generation] = delivery
    }
    for delivery in highest.values.sorted(by: { $0.generation < $1.generation }) {
      await broker.connection.ack(delivery, multiple: true)
    }
  }

  func handlerFailed(_ delivery: Delivery, error: any Error) async {
    let description = ErrorRedaction.describe(error)
    let attempt = delivery.deliveryCount + 1
    if attempt >= configuration.maxAttempts {
      await deadLetter(
        delivery, .retriesExhausted, "failed \(attempt) times; last error: \(description)")
      return
    }
    metrics.retriedHandler.increment()
    logger.warning(
      "handler failed; the message will be redelivered",
      metadata: [
        "message_id": "\(delivery.properties.messageId ?? "-")", "attempt": "\(attempt)",
        "error": "\(description)",
      ])
    try? await Task.sleep(for: configuration.retryBackoff.delay(attempt: delivery.deliveryCount))
    await broker.connection.nack(delivery, requeue: true)
  }

  func deadLetter(_ delivery: Delivery, _ reason: DeadLetterReason, _ error: String) async {
    if await deadLetters.deadLetter(delivery, reason: reason, error: error) {
      await broker.connection.ack(delivery)
    } else {
      await broker.connection.nack(delivery, requeue: true)
    }
  }
}

/// The consumer's metric handles, created once.
struct ConsumerMetrics: Sendable {
  let processed: Counter
  let duplicate: Counter
  let retriedTransient: Counter
  let retriedHandler: Counter
  let handlerDuration: Timer

  init(queue: String) {
    processed = Counter(
      label: MessagingMetricNames.consumed,
      dimensions: [("queue", queue), ("outcome", "processed")])
    duplicate = Counter(
      label: MessagingMetricNames.consumed,
      dimensions: [("queue", queue), ("outcome", "duplicate")])
    retriedTransient = Counter(
      label: MessagingMetricNames.retried, dimensions: [("queue", queue), ("kind", "transient")])
    retriedHandler = Counter(
      label: MessagingMetricNames.retried, dimensions: [("queue", queue), ("kind", "handler")])
    handlerDuration = Timer(
      label: MessagingMetricNames.handlerDuration, dimensions: [("queue", queue)])
  }
}

extension Duration {
  var nanosecondsClamped: Int64 {
    let (seconds, attoseconds) = components
    return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
  }
}
