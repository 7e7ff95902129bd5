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
  let rig: InboxHandlerRig
  var schema: SchemaName { rig.schema }
  var pool: PostgresConnectionPool { rig.pool }

  init() async throws {
    rig = try await InboxHandlerRig(
      name: "reporting-test", purpose: "events", bindings: ReportingService.eventQueue.bindings,
      migrations: { ReportingService.migrations(schema: $0) },
      handler: { ReportingService.eventHandler(schema: $0) })
  }

  /// Publishes `events` in order, as their producers' relays would, and waits until the
  /// handler has taken all of them.
  func deliver(_ events: [OutgoingMessage]) async throws {
    try await rig.publish(events)
    try await settle()
  }

  /// Waits until everything delivered so far has been handled: a marker event (about no
  /// case, so it counts nowhere) is delivered last and awaited in the inbox.
  func settle() async throws {
    try await rig.settle(
      marker: EventEnvelope(
        producer: "notifications", area: ReportingEvents.area,
        data: NotificationSent(
          notificationId: "marker", caseId: nil, purpose: .facilitatorAllocation,
          channel: .email, sentAt: Date())))
  }

  /// The figures of `area` for `period` as they stand, judged at `now`.
  func figures(
    area: String = ReportingEvents.area, period: FiguresPeriod? = ReportingEvents.april,
    now: Date = ReportingEvents.utc("2025-05-15T12:00:00Z")
  ) async throws -> AreaFigures {
    let reader = FiguresReader(schema: schema)
    return try await pool.withTransaction { session in
      try reader.figures(area: area, period: period, now: now, in: session)
    }
  }

  /// How many rows `table` of the harness's schema holds (to see that nothing is kept twice).
  func rowCount(_ table: String) async throws -> Int { try await rig.rowCount(table) }

  func tearDown() async { await rig.tearDown() }
}

extension ReportingEventHarness: ScopedTestRig {
  /// Runs `body` against a new harness and always tears it down afterwards, whether `body`
  /// returns or throws.
  static func with<T>(
    _ body: (ReportingEventHarness) async throws -> T
  ) async throws -> T {
    try await withTearDown(of: ReportingEventHarness(), body)
  }
}
