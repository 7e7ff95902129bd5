import AMQPClient
import Foundation
import PostgresClient
import TestSupport

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Looks for a run's distinctive personal data where it must never be: every service's log,
/// every service's `/metrics`, the dead-letter reasons on every service's dead-letter queue,
/// and every reporting table. Each sighting names the place and the marker found.
struct PersonalDataSightings {
  let hub: HubUnderTest
  let markers: [String]

  /// Sightings in the log of every process the hub started (restarted ones included).
  func inLogs() -> [String] {
    hub.processes.flatMap { process in
      sightings(in: process.log(), place: "log of \(process.service) (\(process.logFile.path))")
    }
  }

  /// Sightings in the Prometheus output of every service.
  func inMetrics() async throws -> [String] {
    var found: [String] = []
    for service in HubUnderTest.services {
      let url = URL(string: "http://127.0.0.1:\(hub.port(service))/metrics")!
      let (data, _) = try await URLSession.shared.data(from: url)
      found += sightings(in: String(decoding: data, as: UTF8.self), place: "\(service) /metrics")
    }
    return found
  }

  /// Sightings in the headers (reason, error, original headers) of the dead letters whose
  /// message ids are `ours`, on every service's dead-letter queue; throws unless all of
  /// `ours` are found there within a minute. Ours are taken off the queues; others are put
  /// back.
  func inDeadLetterReasons(ours: Set<String>, admin: AMQPConnection) async throws -> [String] {
    var found: [String] = []
    var seen: Set<String> = []
    let deadline = ContinuousClock.now + .seconds(60)
    while seen != ours {
      for service in HubUnderTest.services {
        var others: [Delivery] = []
        while let delivery = try await admin.get(queue: "\(service).dead-letters") {
          guard let id = delivery.properties.messageId, ours.contains(id) else {
            others.append(delivery)
            continue
          }
          seen.insert(id)
          found += sightings(
            in: "\(delivery.properties.headers)", place: "\(service).dead-letters headers")
          await admin.ack(delivery)
        }
        for other in others { await admin.nack(other, requeue: true) }
      }
      guard seen == ours else {
        guard ContinuousClock.now < deadline else {
          throw HubTestError.timedOut("dead letters \(ours.subtracting(seen))")
        }
        try await Task.sleep(for: .milliseconds(250))
        continue
      }
    }
    return found
  }

  /// The schemas of the five services.
  static let schemas: [SchemaName] = [
    "intake", "victim_contact", "facilitator_matching", "notifications", "reporting",
  ]

  /// Sightings in any row of any table in `schema` (every column, as the row's text form:
  /// what a copy of the database files or a backup would show).
  func inTables(ofSchema schema: SchemaName) async throws -> [String] {
    let pool = PostgresConnectionPool(
      configuration: try PostgresConfiguration(
        url: try TestServers.databaseURL(), applicationName: "e2e-leak-scan"),
      size: 1, logger: TestServers.logger("e2e-leak-scan"))
    defer { Task { await pool.close() } }
    let patterns = markers.map { "%\($0)%" }
    return try await pool.withSession { session in
      let tables = try session.query(
        """
        SELECT table_name FROM information_schema.tables
        WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name
        """, [.text(schema.name)]
      ).rows.map { try $0.decode(0, as: String.self) }
      guard !tables.isEmpty else { throw HubTestError.timedOut("\(schema)'s tables") }
      let s = schema.sql
      var found: [String] = []
      for table in tables {
        let t = try PostgresIdentifier.quoted(table)
        let count = try session.query(
          "SELECT count(*) FROM \(s).\(t) AS r WHERE lower(r::text) LIKE ANY ($1::text[])",
          [.textArray(patterns)]
        ).rows[0].decode(0, as: Int.self)
        if count > 0 { found.append("\(schema).\(table): \(count) row(s)") }
      }
      return found
    }
  }

  /// The markers `text` contains, as "marker in place".
  func sightings(in text: String, place: String) -> [String] {
    let lowered = text.lowercased()
    return markers.filter { lowered.contains($0) }.map { "\($0) in \(place)" }
  }
}
