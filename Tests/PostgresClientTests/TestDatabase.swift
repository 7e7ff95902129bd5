import Foundation
import PostgresClient
import TestSupport

/// Connections to the test PostgreSQL, each test in a fresh schema it drops afterwards.
enum TestDatabase {
  /// The superuser configuration, tagged with `applicationName` so tests can find sessions.
  static func configuration(applicationName: String = "postgres-client-tests") throws
    -> PostgresConfiguration
  {
    try PostgresConfiguration(url: TestServers.databaseURL(), applicationName: applicationName)
  }

  /// Runs `body` with a connection and a fresh schema (dropped and closed afterwards).
  static func withSchema(
    _ body: (PostgresConnection, String) async throws -> Void
  ) async throws {
    let schema = try TestServers.uniqueSchema("pgtest")
    let connection = PostgresConnection(
      configuration: try configuration(), logger: TestServers.logger("postgres-tests"))
    try await connection.withSession { session in
      try session.runStatic("CREATE SCHEMA \(schema.sql)")
    }
    do {
      try await body(connection, schema.name)
    } catch {
      try? await drop(schema, connection)
      await connection.close()
      throw error
    }
    try await drop(schema, connection)
    await connection.close()
  }

  private static func drop(_ schema: SchemaName, _ connection: PostgresConnection) async throws {
    try await connection.withSession { session in
      try session.runStatic("DROP SCHEMA \(schema.sql) CASCADE")
    }
  }
}

extension PostgresSession {
  /// Runs fixed DDL written in the test (no values) through the parameterised path.
  func runStatic(_ sql: String) throws {
    try execute(sql)
  }
}
