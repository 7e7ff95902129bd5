import DurableMessaging
import EventContracts
import Foundation
import PostgresClient

/// The drill's consumer side: a table of effects with NO uniqueness constraint, so a message
/// applied twice shows up as two rows, and a handler that records one row per event.
public enum DrillLedger {
  /// Messaging tables plus the effects table, for `schema`.
  public static func migrations(schema: SchemaName) -> [Migration] {
    MessagingMigrations.all(schema: schema) + effectsMigrations(schema: schema)
  }

  /// The effects table alone (version 100), for a service whose runner adds the messaging
  /// tables itself.
  public static func effectsMigrations(schema: SchemaName) -> [Migration] {
    let s = schema.sql
    return [
      Migration(
        version: 100, name: "drill effects",
        sql: """
          CREATE TABLE \(s).drill_effects (
            id bigserial PRIMARY KEY,
            message_id text NOT NULL,
            sequence integer NOT NULL,
            handled_by integer NOT NULL,
            handled_at timestamptz NOT NULL DEFAULT now()
          );
          CREATE TABLE \(s).drill_poison (sequence integer PRIMARY KEY);
          """)
    ]
  }

  /// The handler: one effect row per event, written for a whole run of events with one
  /// statement. A sequence listed in `drill_poison` makes it fail (a handler bug). With a
  /// `batchDelay` each batch's transaction stays open that much longer (`pg_sleep`), so a
  /// fault drill's crash lands inside a transaction rather than between them.
  public static func handler(schema: SchemaName, batchDelay: Duration = .zero) -> EventRouter {
    let s = schema.sql
    let insert = """
      INSERT INTO \(s).drill_effects (message_id, sequence, handled_by)
      SELECT unnest($1::text[]), unnest($2::int[]), $3
      """
    let poisoned = "SELECT sequence FROM \(s).drill_poison WHERE sequence = ANY($1::int[])"
    let pid = Int64(ProcessInfo.processInfo.processIdentifier)
    let routes = EventRoutes<Void>().onBatch(DrillRecorded.self) { _, events, context in
      let sequences = events.map { Int64($0.event.data.sequence) }
      if let bad = try context.session.query(poisoned, [.intArray(sequences)]).rows.first {
        throw DrillFailure(sequence: try bad.decode(0, as: Int.self))
      }
      try context.session.execute(
        insert, [.textArray(events.map(\.message.messageId)), .intArray(sequences), .int(pid)])
      if batchDelay > .zero {
        let seconds =
          Double(batchDelay.components.attoseconds) / 1e18
          + Double(batchDelay.components.seconds)
        try context.session.execute("SELECT pg_sleep($1)", [.double(seconds)])
      }
    }
    return routes.router(for: ())
  }

  /// Appends `count` events (sequences `first…`) to the outbox in `schema`, `batch` per
  /// transaction, waiting `pause` between transactions (a stream that lasts, for drills).
  public static func produce(
    count: Int, first: Int = 1, batch: Int, pause: Duration = .zero, run: String,
    exchange: String, schema: SchemaName, pool: PostgresConnectionPool
  ) async throws {
    let outbox = Outbox(schema: schema)
    var next = first
    let end = first + count
    while next < end {
      let upper = min(next + batch, end)
      let messages = try (next..<upper).map { sequence in
        try OutboxMessage(
          event: EventEnvelope(
            producer: "drill", area: "test-area",
            data: DrillRecorded(sequence: sequence, run: run)),
          exchange: exchange)
      }
      try await pool.withTransaction { session in try outbox.enqueue(messages, in: session) }
      next = upper
      if pause > .zero && next < end { try await Task.sleep(for: pause) }
    }
  }

  /// Effects recorded so far: rows, and distinct message ids.
  public static func counts(schema: SchemaName, pool: PostgresConnectionPool) async throws
    -> (rows: Int, distinct: Int)
  {
    let s = schema.sql
    return try await pool.withSession { session in
      let row = try session.query(
        "SELECT count(*), count(DISTINCT message_id) FROM \(s).drill_effects"
      ).rows[0]
      return (try row.decode(0, as: Int.self), try row.decode(1, as: Int.self))
    }
  }
}

/// The drill handler's deliberate failure for a poisoned sequence.
public struct DrillFailure: Error, RedactedError {
  public var sequence: Int
  public var redactedDescription: String { "drill handler refuses sequence \(sequence)" }
}
