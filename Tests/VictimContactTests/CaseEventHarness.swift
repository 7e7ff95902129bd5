import AMQPClient
import DurableMessaging
import EventContracts
import Foundation
import Logging
import PostgresClient
import ServiceLifecycle
import TestSupport
import VictimContact

/// victim-contact's real case-event handler consuming a queue of its own (bound to a test
/// exchange, so nothing else reaches it) on a schema of its own, against the real servers.
/// What it emits is read from its outbox (no relay runs).
struct CaseEventHarness {
  let rig: InboxHandlerRig
  var schema: SchemaName { rig.schema }
  var pool: PostgresConnectionPool { rig.pool }

  init() async throws {
    rig = try await InboxHandlerRig(
      name: "victim-contact-test", purpose: "cases",
      bindings: VictimContactService.caseQueue.bindings,
      migrations: { VictimContactService.migrations(schema: $0) },
      handler: {
        VictimContactService.caseEventHandler(schema: $0, sealer: TestPersonalData.sealer)
      })
  }

  /// Publishes `events` in order, as their producers' relays would.
  func deliver(_ events: [OutgoingMessage]) async throws { try await rig.publish(events) }

  /// Waits until everything delivered so far has been handled: a marker event, delivered
  /// last, is in the inbox (the queue is consumed in order by one consumer).
  func settle() async throws {
    try await rig.settle(
      marker: EventEnvelope(
        producer: "notifications", area: SyntheticCases.area,
        data: NotificationSent(
          notificationId: "marker", caseId: nil, purpose: .facilitatorAllocation,
          channel: .email, sentAt: Date())))
  }

  /// The events of type `P` about `caseId` the handler emitted, oldest first.
  func events<P: EventPayload>(_ type: P.Type, caseId: String) async throws -> [EventEnvelope<P>] {
    try await rig.emitted(type).filter { $0.caseId == caseId }
  }

  /// A task as stored.
  struct StoredTask: Equatable, CustomStringConvertible {
    var kind: String
    var dueOn: String
    var assignee: String
    var flag: String?
    var status: String
    var description: String { "\(kind) \(dueOn) \(assignee) \(flag ?? "-") \(status)" }
  }

  /// `caseId`'s tasks, by kind.
  func tasks(of caseId: String) async throws -> [StoredTask] {
    let s = schema.sql
    return try await pool.withSession {
      try $0.query(
        """
        SELECT kind, due_on::text, assignee_role, flag, status FROM \(s).tasks
        WHERE case_id = $1 ORDER BY kind
        """, [.text(caseId)]
      ).rows.map {
        StoredTask(
          kind: try $0.decode(0), dueOn: try $0.decode(1), assignee: try $0.decode(2),
          flag: try $0.decode(3), status: try $0.decode(4))
      }
    }
  }

  /// One text value from the harness's schema, e.g. a notification's status.
  func value(_ sql: String, _ binds: [PostgresBind]) async throws -> String? {
    let s = schema.sql
    let statement = sql.replacingOccurrences(of: "{schema}", with: s)
    return try await pool.withSession {
      try $0.query(statement, binds).rows.first.flatMap { try $0.decode(0, as: String?.self) }
    }
  }

  func tearDown() async { await rig.tearDown() }
}

extension CaseEventHarness: ScopedTestRig {
  /// Runs `body` against a new harness and always tears it down afterwards, whether `body`
  /// returns or throws.
  static func with<T>(
    _ body: (CaseEventHarness) async throws -> T
  ) async throws -> T {
    try await withTearDown(of: CaseEventHarness(), body)
  }
}
