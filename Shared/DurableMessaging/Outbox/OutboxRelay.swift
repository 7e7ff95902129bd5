import AMQPClient
import Foundation
import Logging
import Metrics
import PostgresClient
import ServiceLifecycle

/// Settings for an ``OutboxRelay``.
public struct OutboxRelayConfiguration: Sendable {
  /// The service name, sent as the AMQP `app_id`.
  public var serviceName: String
  /// Messages read, published (as one confirm window) and marked per round.
  public var batchSize: Int = 500
  /// How long to wait for a NOTIFY before looking anyway (the safety net for lost wake-ups).
  public var pollInterval: Duration = .seconds(1)
  /// Publishes refused by the broker (nacked or unroutable) before a message is parked for an
  /// operator instead of retried.
  public var maxPublishAttempts: Int = 10
  /// Paces retries after the database or broker failed.
  public var backoff = Backoff()
  /// How long shutdown may spend publishing what is still waiting.
  public var shutdownFlushLimit: Duration = .seconds(20)

  /// Defaults for `serviceName`.
  public init(serviceName: String) { self.serviceName = serviceName }
}

/// Publishes a service's outbox to RabbitMQ, in order, with publisher confirms.
///
/// Each round, on its own connection: takes an advisory lock for the schema (so of several
/// replicas exactly one relays at a time, in order, and the others stand by), reads the oldest
/// waiting messages, publishes them as one confirm window with `mandatory` set, and marks the
/// confirmed ones published as it releases the lock. A message the broker refuses or
/// cannot route is retried and, after ``OutboxRelayConfiguration/maxPublishAttempts``, parked
/// with the reason for an operator. A crash between publish and marking publishes the round
/// again: consumers' inboxes make that harmless. Wakes on the outbox trigger's NOTIFY, and
/// polls as a safety net. On graceful shutdown it publishes what is waiting, then stops.
public final class OutboxRelay: Service, Sendable {
  let outbox: Outbox
  let database: PostgresConnection
  let broker: BrokerLink
  let configuration: OutboxRelayConfiguration
  let logger: Logger
  let sql: RelaySQL
  let publishedCounter: @Sendable (String) -> Counter
  let failureCounter: @Sendable (String) -> Counter
  let backlogGauge: Gauge
  let oldestAgeGauge: Gauge
  let parkedGauge: Gauge

  /// A relay for `outbox`, on its own connection to `database`, publishing through `broker`.
  public init(
    outbox: Outbox, database: PostgresConfiguration, broker: BrokerLink,
    configuration: OutboxRelayConfiguration, logger: Logger
  ) {
    self.outbox = outbox
    self.database = PostgresConnection(configuration: database, logger: logger)
    self.broker = broker
    self.configuration = configuration
    var logger = logger
    logger[metadataKey: "outbox"] = "\(outbox.schema)"
    self.logger = logger
    self.sql = RelaySQL(schema: outbox.schema)
    self.publishedCounter = {
      Counter(label: MessagingMetricNames.published, dimensions: [("exchange", $0)])
    }
    self.failureCounter = {
      Counter(label: MessagingMetricNames.publishFailures, dimensions: [("exchange", $0)])
    }
    let dims = [("schema", outbox.schema.name)]
    self.backlogGauge = Gauge(label: MessagingMetricNames.outboxBacklog, dimensions: dims)
    self.oldestAgeGauge = Gauge(label: MessagingMetricNames.outboxOldestAge, dimensions: dims)
    self.parkedGauge = Gauge(label: MessagingMetricNames.outboxParked, dimensions: dims)
  }

  /// Relays until graceful shutdown, then flushes what is waiting and closes its connection.
  public func run() async throws {
    defer { Task { [database] in await database.close() } }
    do {
      try await cancelWhenGracefulShutdown { try await self.broker.ready() }
    } catch {
      logger.info("outbox relay stopped before the broker was reachable")
      return
    }
    var failures = 0
    var listening = false
    var lastGauges = ContinuousClock.now - .seconds(60)
    while !Task.isShuttingDownGracefully && !Task.isCancelled {
      do {
        if !listening {
          let channel = sql.channel
          try await database.withSession { try $0.listen(channel) }
          listening = true
        }
        let round = try await relayRound()
        failures = 0
        if ContinuousClock.now - lastGauges > .seconds(1) {
          try await updateGauges()
          lastGauges = .now
        }
        if case .published(let count) = round, count >= configuration.batchSize { continue }
        let wait = configuration.pollInterval
        _ = try await database.withSession { try $0.waitForNotifications(timeout: wait) }
      } catch is CancellationError {
        break
      } catch {
        logger.warning(
          "outbox relay round failed; retrying",
          metadata: ["error": "\(ErrorRedaction.describe(error))", "attempt": "\(failures)"])
        try? await Task.sleep(for: configuration.backoff.delay(attempt: failures))
        failures += 1
      }
    }
    if !Task.isCancelled { await flushOnShutdown() }
  }

  /// Publishes rounds until nothing is waiting (or another replica holds the lock), returning
  /// how many messages this relay published. Used on shutdown, by tools and by tests.
  @discardableResult
  public func relayPending() async throws -> Int {
    var total = 0
    while true {
      guard case .published(let count) = try await relayRound(), count > 0 else { return total }
      total += count
    }
  }

  func flushOnShutdown() async {
    let deadline = ContinuousClock.now + configuration.shutdownFlushLimit
    var attempt = 0
    while ContinuousClock.now < deadline {
      do {
        let published = try await relayPending()
        logger.info("outbox flushed on shutdown", metadata: ["published": "\(published)"])
        return
      } catch {
        logger.warning(
          "outbox flush failed; retrying", metadata: ["error": "\(ErrorRedaction.describe(error))"])
        try? await Task.sleep(for: configuration.backoff.delay(attempt: attempt))
        attempt += 1
      }
    }
    logger.error("outbox not fully flushed before shutdown; the next start publishes the rest")
  }

  enum Round: Equatable {
    case published(Int)
    case busy
  }

  /// One round: lock, then publish batch after batch until nothing is waiting, then unlock.
  ///
  /// Batches are pipelined: while the broker confirms one batch, the next is read and
  /// published behind it on the same channel (so order on the wire is kept), and the
  /// confirmed one is deleted from the outbox. The database and the broker thus work at the
  /// same time instead of taking turns.
  ///
  /// The lock is a session-level advisory lock on the relay's dedicated connection. If the
  /// connection dies mid-round the lock dies with it; a round another replica starts
  /// meanwhile may publish some messages again, which consumers' inboxes absorb.
  func relayRound() async throws -> Round {
    let sql = self.sql
    let sealing = outbox.sealing
    let limit = configuration.batchSize
    let first: [PendingOutboxMessage]?
    do {
      first = try await database.withSession { session in
        let results = try session.pipeline([
          PostgresStatement(sql.tryLock, [.text(sql.lockName)]),
          PostgresStatement(sql.selectPending, [.int(0), .int(Int64(limit))]),
        ])
        guard try results[0].rows.first?.decode(0, as: Bool.self) == true else { return nil }
        return try results[1].rows.map { try PendingOutboxMessage(row: $0, sealing: sealing) }
      }
    } catch {
      await releaseLock()
      throw error
    }
    guard var batch = first else { return .busy }
    var published = 0
    var inFlight: (claimed: [PendingOutboxMessage], confirms: Task<[PublishOutcome], any Error>)?
    do {
      while true {
        let confirms: Task<[PublishOutcome], any Error>? =
          batch.isEmpty
          ? nil
          : Task { [broker, appId = configuration.serviceName, batch] in
            try await broker.connection.publish(batch.map { $0.outgoing(appId: appId) })
          }
        if let previous = inFlight {
          let outcomes = try await previous.confirms.value
          try await mark(previous.claimed, outcomes: outcomes)
          published += previous.claimed.count
        }
        guard let confirms else { break }
        inFlight = (batch, confirms)
        // Stop reading new batches at shutdown or after a long run (other replicas and
        // gauges get a turn); what was published is still confirmed and marked above.
        if Task.isShuttingDownGracefully || published >= 50 * limit || batch.count < limit {
          batch = []
          continue
        }
        let after = batch[batch.count - 1].seq
        batch = try await database.withSession { session in
          try session.query(sql.selectPending, [.int(after), .int(Int64(limit))]).rows
            .map { try PendingOutboxMessage(row: $0, sealing: sealing) }
        }
      }
    } catch {
      if let inFlight { _ = try? await inFlight.confirms.value }
      await releaseLock()
      throw error
    }
    await releaseLock()
    return .published(published)
  }

  func releaseLock() async {
    _ = try? await database.withSession { try $0.execute("SELECT pg_advisory_unlock_all()") }
  }

  /// Deletes the confirmed messages and records a failed attempt for the refused ones.
  func mark(_ claimed: [PendingOutboxMessage], outcomes: [PublishOutcome]) async throws {
    var confirmed: [Int64] = []
    var statements: [PostgresStatement] = []
    var published: [String: Int] = [:]
    for (message, outcome) in zip(claimed, outcomes) {
      switch outcome {
      case .confirmed:
        confirmed.append(message.seq)
        published[message.exchange, default: 0] += 1
      case .nacked, .returned:
        let reason =
          if case .returned(let code, let text) = outcome {
            "unroutable: \(code) \(text)"
          } else { "refused by the broker (nack)" }
        failureCounter(message.exchange).increment()
        logger.error(
          "outbox message not accepted by the broker",
          metadata: [
            "message_id": "\(message.messageId)", "routing_key": "\(message.routingKey)",
            "exchange": "\(message.exchange)", "reason": "\(reason)",
            "attempt": "\(message.attempts + 1)",
          ])
        statements.append(
          PostgresStatement(
            sql.recordFailure,
            [.int(message.seq), .text(reason), .int(Int64(configuration.maxPublishAttempts))]))
      }
    }
    let sql = self.sql
    let all = [PostgresStatement(sql.markPublished, [.intArray(confirmed)])] + statements
    _ = try await database.withSession { try $0.pipeline(all) }
    for (exchange, count) in published {
      publishedCounter(exchange.isEmpty ? "(default)" : exchange).increment(by: count)
    }
  }

  func updateGauges() async throws {
    let sql = self.sql
    let row = try await database.withSession { session -> (Int, Double, Int) in
      let row = try session.query(sql.backlog).rows[0]
      return (
        try row.decode(0, as: Int.self), try row.decode(1, as: Double.self),
        try row.decode(2, as: Int.self)
      )
    }
    backlogGauge.record(row.0)
    oldestAgeGauge.record(row.1)
    parkedGauge.record(row.2)
  }
}

/// The relay's statements for one schema.
struct RelaySQL: Sendable {
  let lockName: String
  let channel: String
  let tryLock = "SELECT pg_try_advisory_lock(hashtext($1))"
  let selectPending: String
  let markPublished: String
  let recordFailure: String
  let backlog: String

  init(schema: SchemaName) {
    let s = schema.sql
    lockName = "rjhub.outbox-relay.\(schema.name)"
    channel = MessagingMigrations.notifyChannel(schema: schema)
    selectPending = """
      SELECT seq, message_id::text, exchange, routing_key, correlation_id, headers::text, body,
             attempts, created_at, message_type
      FROM \(s).outbox WHERE seq > $1 AND parked_at IS NULL
      ORDER BY seq LIMIT $2
      """
    markPublished = "DELETE FROM \(s).outbox WHERE seq = ANY($1::bigint[])"
    recordFailure = """
      UPDATE \(s).outbox SET attempts = attempts + 1, last_error = $2,
        parked_at = CASE WHEN attempts + 1 >= $3 THEN now() END
      WHERE seq = $1
      """
    backlog = """
      SELECT count(*) FILTER (WHERE parked_at IS NULL),
             COALESCE(extract(epoch FROM now() - min(created_at)
               FILTER (WHERE parked_at IS NULL)), 0)::float8,
             count(*) FILTER (WHERE parked_at IS NOT NULL)
      FROM \(s).outbox
      """
  }
}

/// One outbox row claimed by a relay round.
struct PendingOutboxMessage: Sendable {
  var seq: Int64
  var messageId: String
  var exchange: String
  var routingKey: String
  var correlationId: String?
  var headers: [String: String]
  var body: [UInt8]
  var attempts: Int
  var createdAt: Date
  var messageType: String?

  /// The message in `row`, its body opened with `sealing`.
  init(row: PostgresRow, sealing: any OutboxBodySealing) throws {
    seq = try row.decode(0, as: Int64.self)
    messageId = try row.decode(1, as: String.self)
    exchange = try row.decode(2, as: String.self)
    routingKey = try row.decode(3, as: String.self)
    correlationId = try row.decode(4, as: String?.self)
    if let json = try row.decode(5, as: String?.self),
      let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
    {
      headers = object
    } else {
      headers = [:]
    }
    body = try sealing.open(row.decode(6, as: String.self), messageId: messageId)
    attempts = try row.decode(7, as: Int.self)
    createdAt = try row.decode(8, as: Date.self)
    messageType = try row.decode(9, as: String?.self)
  }

  func outgoing(appId: String) -> OutgoingMessage {
    var properties = AMQPMessageProperties()
    properties.messageId = messageId
    properties.correlationId = correlationId
    properties.contentType = "application/json"
    properties.type = messageType ?? routingKey
    properties.appId = appId
    properties.timestamp = createdAt
    properties.persistent = true
    properties.headers = headers.mapValues { .string($0) }
    return OutgoingMessage(
      exchange: exchange, routingKey: routingKey, body: body, properties: properties,
      mandatory: true)
  }
}
