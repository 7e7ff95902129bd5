import AMQPClient
import DurableMessaging
import EventContracts
import Foundation
import Logging
import PostgresClient
import Reporting
import ServiceLifecycle
import TestSupport

/// reporting's real event handler consuming a queue of its own (bound to a test exchange, so
/// nothing else reaches it) on a schema of its own, against the real servers; the figures
/// are read from that schema with the real ``FiguresReader``.
struct ReportingEventHarness {
  /// A topic exchange for these tests only; queues of each run bind to it.
  static let exchange = "reporting-test.events"

  let schema = TestServers.uniqueName("reporting_test")
  let queue: ServiceQueue
  let pool: PostgresConnectionPool
  let admin: AMQPConnection
  let logger = TestServers.logger("reporting-test")
  let group: ServiceGroup
  let running: Task<Void, any Error>

  init() async throws {
    queue = ServiceQueue(
      service: TestServers.uniqueName("reporting-test"), purpose: "events",
      bindings: ReportingService.eventQueue.bindings.map {
        ServiceQueue.Binding(exchange: Self.exchange, routingKey: $0.routingKey)
      })
    pool = PostgresConnectionPool(
      configuration: try PostgresConfiguration(
        url: try TestServers.databaseURL(), applicationName: "reporting-test"),
      size: 4, logger: logger)
    try await MigrationRunner(
      schema: schema, migrations: try ReportingService.migrations(schema: schema),
      logger: logger
    ).migrate(using: pool)
    admin = AMQPConnection(
      configuration: try AMQPConfiguration(
        url: try TestServers.amqpURL(), connectionName: "reporting-test"),
      logger: logger)
    try await admin.connect()
    try await admin.declare(
      AMQPTopology(exchanges: [ExchangeDeclaration(name: Self.exchange, kind: .topic)]))
    try await admin.declare(queue.topology)
    let link = BrokerLink(
      connection: AMQPConnection(
        configuration: try AMQPConfiguration(
          url: try TestServers.amqpURL(), connectionName: "reporting-test-consumer"),
        logger: logger),
      logger: logger)
    let consumer = try InboxConsumer(
      queue: queue, schema: schema, pool: pool, broker: link,
      handler: try ReportingService.eventHandler(schema: schema), logger: logger)
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(
        services: [BrokerLinkService(link: link), consumer], logger: logger))
    self.group = group
    running = Task { try await group.run() }
  }

  /// Publishes `events` in order, as their producers' relays would, and waits until the
  /// handler has taken all of them.
  func deliver(_ events: [OutgoingMessage]) async throws {
    let outcomes = try await admin.publish(events.map { $0.routed(to: Self.exchange) })
    guard outcomes.allSatisfy({ $0 == .confirmed }) else {
      throw ReportingTestError.notConfirmed("\(outcomes)")
    }
    try await settle()
  }

  /// Waits until everything delivered so far has been handled: a marker event (about no
  /// case, so it counts nowhere), delivered last, is in the inbox (the queue is consumed in
  /// order by one consumer).
  func settle() async throws {
    let marker = EventEnvelope(
      producer: "notifications", area: ReportingEvents.area,
      data: NotificationSent(
        notificationId: "marker", caseId: nil, purpose: .facilitatorAllocation, channel: .email,
        sentAt: Date()))
    let outcomes = try await admin.publish([
      try OutgoingMessage.event(marker).routed(to: Self.exchange)
    ])
    guard outcomes.allSatisfy({ $0 == .confirmed }) else {
      throw ReportingTestError.notConfirmed("\(outcomes)")
    }
    let s = try PostgresIdentifier.quoted(schema)
    let id = marker.id.uuidString.lowercased()
    let deadline = ContinuousClock.now + .seconds(60)
    while true {
      let handled = try await pool.withSession {
        try !$0.query("SELECT 1 FROM \(s).inbox WHERE message_id = $1", [.text(id)]).rows.isEmpty
      }
      if handled { return }
      guard ContinuousClock.now < deadline else { throw ReportingTestError.timedOut("inbox") }
      try await Task.sleep(for: .milliseconds(50))
    }
  }

  /// The figures of `area` for `period` as they stand, judged at `now`.
  func figures(
    area: String = ReportingEvents.area, period: FiguresPeriod? = ReportingEvents.april,
    now: Date = ReportingEvents.utc("2025-05-15T12:00:00Z")
  ) async throws -> AreaFigures {
    let reader = try FiguresReader(schema: schema)
    return try await pool.withTransaction { session in
      try reader.figures(area: area, period: period, now: now, in: session)
    }
  }

  /// How many rows `table` of the harness's schema holds (to see that nothing is kept twice).
  func rowCount(_ table: String) async throws -> Int {
    let s = try PostgresIdentifier.quoted(schema)
    let t = try PostgresIdentifier.quoted(table)
    return try await pool.withSession {
      try $0.query("SELECT count(*) FROM \(s).\(t)").rows[0].decode(0, as: Int.self)
    }
  }

  func tearDown() async {
    await group.triggerGracefulShutdown()
    _ = try? await running.value
    _ = try? await admin.deleteQueue(queue.name)
    _ = try? await admin.deleteQueue(queue.deadLetterQueue)
    await admin.close()
    let s = try? PostgresIdentifier.quoted(schema)
    if let s { _ = try? await pool.withSession { try $0.execute("DROP SCHEMA \(s) CASCADE") } }
    await pool.close()
  }
}

extension OutgoingMessage {
  /// `event` as its producer's relay publishes it to `rj.events` (message id = event id).
  static func event<P: EventPayload>(_ event: EventEnvelope<P>) throws -> OutgoingMessage {
    var properties = AMQPMessageProperties()
    properties.messageId = event.id.uuidString.lowercased()
    properties.contentType = "application/json"
    properties.persistent = true
    return OutgoingMessage(
      exchange: EventExchange.events, routingKey: event.routingKey,
      body: try EventCoding.encode(event), properties: properties, mandatory: true)
  }

  /// The same message published to `exchange` instead.
  func routed(to exchange: String) -> OutgoingMessage {
    var copy = self
    copy.exchange = exchange
    return copy
  }
}

/// Why a test's wait on the servers failed.
enum ReportingTestError: Error, CustomStringConvertible {
  case notConfirmed(String)
  case timedOut(String)
  case notReady(String)

  var description: String {
    switch self {
    case .notConfirmed(let outcomes): "publish not confirmed: \(outcomes)"
    case .timedOut(let what): "timed out waiting for \(what)"
    case .notReady(let log): "rjhub-reporting never became ready; its log ends:\n\(log)"
    }
  }
}
