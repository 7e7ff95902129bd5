import AuditTrail
import Crypto
import Foundation
import PostgresClient
import TestSupport

/// A fresh schema with the audit trail migrated into it, on the real PostgreSQL, dropped
/// afterwards. The connections use the test administrator, which owns the tables.
struct AuditTestSchema {
  let schema: SchemaName
  let pool: PostgresConnectionPool
  let log: AuditLog
  /// The chain's key (random for each schema).
  let key: AuditChainKey

  /// Runs `body` against a new schema; drops it and closes the pool whatever happens.
  static func with(
    poolSize: Int = 2, _ body: (AuditTestSchema) async throws -> Void
  ) async throws {
    let schema = try TestServers.uniqueSchema("audit")
    let logger = TestServers.logger("audit-trail-tests")
    let pool = PostgresConnectionPool(
      configuration: try configuration(), size: poolSize, logger: logger)
    let key = AuditChainKey(SymmetricKey(size: .bits256))
    let rig = AuditTestSchema(
      schema: schema, pool: pool,
      log: AuditLog(schema: schema, chainKey: key, logger: logger),
      key: key)
    do {
      try await MigrationRunner(
        schema: schema, migrations: AuditMigrations.all(schema: schema), logger: logger
      ).migrate(using: pool)
      try await body(rig)
    } catch {
      try? await rig.drop()
      await pool.close()
      throw error
    }
    try await rig.drop()
    await pool.close()
  }

  /// The administrator's configuration, tagged so the sessions are recognisable.
  static func configuration() throws -> PostgresConfiguration {
    try PostgresConfiguration(
      url: TestServers.databaseURL(), applicationName: "audit-trail-tests")
  }

  /// `schema.table`, quoted, for SQL written in the tests.
  func table(_ name: String) -> String { "\(schema.sql).\(name)" }

  /// Records `entries` in one committed transaction.
  @discardableResult
  func record(_ entries: [AuditEntry]) async throws -> [AuditRecord] {
    let log = self.log
    return try await pool.withTransaction { session in try log.record(entries, in: session) }
  }

  /// The verifier's verdict for this schema's chain.
  func verify() async throws -> AuditChainVerdict {
    let log = self.log
    return try await pool.withSession { session in try log.verify(in: session) }
  }

  /// All seqs in the log, ascending.
  func seqs() async throws -> [Int64] {
    let sql = "SELECT seq FROM \(table("audit_log")) ORDER BY seq"
    return try await pool.withSession { session in
      try session.query(sql).rows.map { try $0.decode(0, as: Int64.self) }
    }
  }

  /// Runs `statements` as a superuser that has switched triggers off for its session
  /// (`session_replication_role = replica`), on a connection of its own: the tampering the
  /// append-only triggers cannot stop and the chain must expose.
  func tamperAsSuperuser(_ statements: String...) async throws {
    try await tamperAsSuperuser(statements)
  }

  /// Runs `statements` as ``tamperAsSuperuser(_:)-(String...)`` does.
  func tamperAsSuperuser(_ statements: [String]) async throws {
    let connection = PostgresConnection(
      configuration: try Self.configuration(), logger: TestServers.logger("audit-tamper"))
    do {
      try await connection.withSession { session in
        try session.execute("SET session_replication_role = replica")
        for sql in statements { try session.execute(sql) }
      }
    } catch {
      await connection.close()
      throw error
    }
    await connection.close()
  }

  private func drop() async throws {
    let sql = "DROP SCHEMA IF EXISTS \"\(schema)\" CASCADE"
    try await pool.withSession { session in try session.execute(sql) }
  }
}

/// Thrown by test bodies to force a rollback.
struct DeliberateRollback: Error {}

/// Entries as a case-worker service would write them: ids and field names, no values.
enum SampleEntries {
  /// `count` entries for `caseId` by `subject`, each naming different fields.
  static func reads(
    count: Int, caseId: String = "case-0001", subject: String = "user-7f3a"
  ) -> [AuditEntry] {
    (0..<count).map { index in
      AuditEntry(
        subject: subject, role: "case-worker", action: "case.read", caseId: caseId,
        fields: ["victim.name", "victim.phone.\(index)"], purpose: "contact-planning")
    }
  }
}
