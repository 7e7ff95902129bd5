import AMQPClient
import DurableMessaging
import EventContracts
import Foundation
import Logging
import PostgresClient
import ServiceLifecycle
import TestSupport

@testable import FacilitatorMatching

/// facilitator-matching's real request handler on a schema of its own, consumed by one or
/// more replicas (each an ``InboxConsumer`` with its own broker connection and database
/// pool, as separate processes would have) from a queue bound to a test exchange, so nothing
/// else reaches it. What it emits is read from its outbox (no relay runs).
struct AllocationHarness {
  let rig: InboxHandlerRig
  var schema: SchemaName { rig.schema }
  var pool: PostgresConnectionPool { rig.pool }

  /// Starts `replicas` consumers with `configuration` on a fresh schema.
  init(replicas: Int = 1, configuration: InboxConsumerConfiguration = .init()) async throws {
    rig = try await InboxHandlerRig(
      name: "facilitator-matching-test", purpose: "requests",
      bindings: FacilitatorMatchingService.requestQueue.bindings,
      migrations: { FacilitatorMatchingService.migrations(schema: $0) },
      handler: {
        FacilitatorMatchingService.requestHandler(schema: $0, sealer: TestPersonalData.sealer)
      },
      replicas: replicas, configuration: configuration, poolSize: 2)
  }

  /// Registers `facilitators` (through the register's own upsert).
  func register(_ facilitators: [FacilitatorRegistration]) async throws {
    let register = FacilitatorRegister(
      schema: schema,
      personalData: RegisterPersonalData(sealer: TestPersonalData.sealer))
    try await pool.withTransaction { session in
      for facilitator in facilitators {
        _ = try register.upsert(facilitator, at: Date(), in: session)
      }
    }
  }

  /// Publishes `events` in order, as victim-contact's relay would.
  func deliver(_ events: [EventEnvelope<FacilitatorsRequested>]) async throws {
    try await rig.publish(events)
  }

  /// Waits until every event of `events` is in the inbox (handled, or seen as a duplicate).
  func waitUntilHandled(_ events: [EventEnvelope<FacilitatorsRequested>]) async throws {
    try await rig.waitUntilHandled(events)
  }

  /// The events of type `P` the handler emitted, oldest first.
  func events<P: EventPayload>(_ type: P.Type) async throws -> [EventEnvelope<P>] {
    try await rig.emitted(type)
  }

  /// Open allocations per facilitator, as stored.
  func openAllocations() async throws -> [String: Int] {
    let s = schema.sql
    return try await pool.withSession {
      var counts: [String: Int] = [:]
      for row in try $0.query(
        """
        SELECT facilitator_id, count(*) FROM \(s).allocations WHERE status = 'open'
        GROUP BY facilitator_id
        """
      ).rows {
        counts[try row.decode(0, as: String.self)] = try row.decode(1, as: Int.self)
      }
      return counts
    }
  }

  /// How request `requestId` stands, as stored.
  func outcome(of requestId: String) async throws -> String? {
    try await pool.withSession {
      try $0.query(
        "SELECT outcome FROM \(schema.sql).requests WHERE request_id = $1", [.text(requestId)]
      ).rows.first?.decode(0, as: String?.self)
    }
  }

  /// Request `requestId`'s explanation, as stored.
  func explanation(of requestId: String) async throws -> AllocationExplanation? {
    try await pool.withSession {
      try AllocationStore(
        schema: schema, personalData: RegisterPersonalData(sealer: TestPersonalData.sealer)
      ).request(requestId, in: $0)?.explanation
    }
  }

  func tearDown() async { await rig.tearDown() }
}

extension AllocationHarness: ScopedTestRig {
  /// Runs `body` against a new harness and always tears it down afterwards, whether `body`
  /// returns or throws.
  static func with<T>(
    replicas: Int = 1, configuration: InboxConsumerConfiguration = .init(),
    _ body: (AllocationHarness) async throws -> T
  ) async throws -> T {
    try await withTearDown(
      of: AllocationHarness(replicas: replicas, configuration: configuration), body)
  }
}
