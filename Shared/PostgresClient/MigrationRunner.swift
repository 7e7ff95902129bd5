import Logging

/// Applies a service's migrations to its schema, exactly once even when several replicas
/// start at the same moment.
///
/// Holds `pg_advisory_lock(hashtext('rjhub.migrations.' || schema))` on its session while it
/// works, creates the schema and `<schema>.schema_migrations` if missing, and runs each
/// pending migration in its own transaction together with its `schema_migrations` row.
public struct MigrationRunner: Sendable {
  private let schema: SchemaName
  private let migrations: [Migration]
  private let logger: Logger

  /// Creates a runner for `schema` and its migrations.
  public init(schema: SchemaName, migrations: [Migration], logger: Logger) {
    self.schema = schema
    self.migrations = migrations.sorted { $0.version < $1.version }
    self.logger = logger
  }

  /// Applies the pending migrations on `connection`; returns the versions it applied.
  @discardableResult
  public func migrate(using connection: PostgresConnection) async throws -> [Int] {
    try await connection.withSession { session in try self.migrate(in: session) }
  }

  /// Applies the pending migrations on a pooled connection; returns the versions it applied.
  @discardableResult
  public func migrate(using pool: PostgresConnectionPool) async throws -> [Int] {
    try await pool.withSession { session in try self.migrate(in: session) }
  }

  /// Applies the pending migrations within an existing session (not inside a transaction).
  @discardableResult
  public func migrate(in session: PostgresSession) throws -> [Int] {
    let quotedSchema = schema.sql
    try validate()
    let lockKey = PostgresBind.text("rjhub.migrations." + schema.name)
    try session.query("SELECT pg_advisory_lock(hashtext($1))", [lockKey])
    defer {
      do {
        try session.query("SELECT pg_advisory_unlock(hashtext($1))", [lockKey])
      } catch {
        // The lock is session-scoped: a lost connection releases it on the server anyway.
        logger.warning(
          "could not release the migration lock", metadata: ["schema": "\(schema)"])
      }
    }
    let table = quotedSchema + ".schema_migrations"
    // A service's role usually may not create schemas (provisioning created its one): only
    // create the schema when it is missing, so CREATE on the database is not needed.
    let exists = try session.query(
      "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", [.text(schema.name)]
    ).rows[0].decode(0, as: Bool.self)
    if !exists { try session.runScript("CREATE SCHEMA \(quotedSchema)") }
    try session.runScript(
      """
      CREATE TABLE IF NOT EXISTS \(table) (
        version int PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      );
      """)
    let done = Set(
      try session.query("SELECT version FROM \(table)").rows.map { try $0.decode(0, as: Int.self) }
    )
    var applied = [Int]()
    for migration in migrations where !done.contains(migration.version) {
      try session.transaction { session in
        try session.runScript(migration.sql)
        try session.execute(
          "INSERT INTO \(table) (version, name) VALUES ($1, $2)",
          [.int(Int64(migration.version)), .text(migration.name)])
      }
      logger.info(
        "applied migration",
        metadata: [
          "schema": "\(schema)", "version": "\(migration.version)", "name": "\(migration.name)",
        ])
      applied.append(migration.version)
    }
    logger.info(
      "migrations up to date",
      metadata: [
        "schema": "\(schema)", "applied": "\(applied.count)",
        "versions": "\(applied.map(String.init).joined(separator: ","))",
      ])
    return applied
  }

  private func validate() throws {
    var seen = Set<Int>()
    for migration in migrations {
      guard migration.version > 0 else { throw MigrationError.invalidVersion(migration.version) }
      guard seen.insert(migration.version).inserted else {
        throw MigrationError.duplicateVersion(migration.version)
      }
    }
  }
}
