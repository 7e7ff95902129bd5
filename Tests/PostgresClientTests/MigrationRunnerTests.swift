import PostgresClient
import TestSupport
import Testing

@Suite("Migration runner")
struct MigrationRunnerTests {
  static func migrations(schema: SchemaName) -> [Migration] {
    [
      Migration(
        version: 1, name: "create counter",
        sql: """
          CREATE TABLE \(schema).counter (name text PRIMARY KEY, runs int NOT NULL);
          INSERT INTO \(schema).counter VALUES ('one', 1);
          """),
      Migration(
        version: 3, name: "third",
        sql: "INSERT INTO \(schema).counter VALUES ('three', 1)"),
      Migration(
        version: 2, name: "second",
        sql: """
          UPDATE \(schema).counter SET runs = runs + 1 WHERE name = 'one';
          INSERT INTO \(schema).counter VALUES ('two', 1);
          """),
    ]
  }

  @Test("eight replicas migrating at once apply each migration exactly once")
  func concurrentReplicas() async throws {
    let schema = try TestServers.uniqueSchema("migr")
    let logger = TestServers.logger("migration-tests")
    let runner = MigrationRunner(
      schema: schema, migrations: Self.migrations(schema: schema), logger: logger)
    let configuration = try TestDatabase.configuration()
    let connections = (0..<8).map { _ in
      PostgresConnection(configuration: configuration, logger: logger)
    }
    let appliedLists = try await withThrowingTaskGroup(of: [Int].self) { group in
      for connection in connections {
        group.addTask { try await runner.migrate(using: connection) }
      }
      var lists = [[Int]]()
      for try await list in group { lists.append(list) }
      return lists
    }
    #expect(appliedLists.flatMap { $0 }.sorted() == [1, 2, 3])
    #expect(appliedLists.filter { !$0.isEmpty } == [[1, 2, 3]])

    let check = connections[0]
    let counter = try await check.withSession { session in
      try session.query("SELECT name, runs FROM \(schema).counter ORDER BY name").rows.map {
        "\(try $0.decode("name", as: String.self))=\(try $0.decode("runs", as: Int.self))"
      }
    }
    #expect(counter == ["one=2", "three=1", "two=1"])
    let recorded = try await check.withSession { session in
      try session.query("SELECT version, name FROM \(schema).schema_migrations ORDER BY version")
        .rows.map { try $0.decode(0, as: Int.self) }
    }
    #expect(recorded == [1, 2, 3])

    let again = try await runner.migrate(using: check)
    #expect(again.isEmpty)

    try await check.withSession { session in try session.execute("DROP SCHEMA \(schema) CASCADE") }
    for connection in connections { await connection.close() }
  }

  @Test("a failing migration rolls back alone, releases the lock, and can be fixed later")
  func failingMigration() async throws {
    let schema = try TestServers.uniqueSchema("migr")
    let logger = TestServers.logger("migration-tests")
    let pool = PostgresConnectionPool(
      configuration: try TestDatabase.configuration(), size: 2, logger: logger)
    let broken =
      Self.migrations(schema: schema) + [
        Migration(
          version: 4, name: "broken",
          sql: "INSERT INTO \(schema).counter VALUES ('four', 1); SELECT * FROM no_such_table;")
      ]
    await #expect(throws: PostgresError.self) {
      try await MigrationRunner(schema: schema, migrations: broken, logger: logger)
        .migrate(using: pool)
    }
    let state = try await pool.withSession { session in
      (
        try session.query("SELECT version FROM \(schema).schema_migrations ORDER BY version")
          .rows.map { try $0.decode(0, as: Int.self) },
        try session.query("SELECT count(*) FROM \(schema).counter WHERE name = 'four'")
          .rows[0].decode(0, as: Int.self)
      )
    }
    #expect(state.0 == [1, 2, 3])
    #expect(state.1 == 0)
    let fixed =
      Self.migrations(schema: schema) + [
        Migration(
          version: 4, name: "fixed", sql: "INSERT INTO \(schema).counter VALUES ('four', 1)")
      ]
    let applied = try await MigrationRunner(schema: schema, migrations: fixed, logger: logger)
      .migrate(using: pool)
    #expect(applied == [4])
    await #expect(throws: MigrationError.self) {
      try await MigrationRunner(
        schema: schema, migrations: fixed + [Migration(version: 4, name: "dup", sql: "SELECT 1")],
        logger: logger
      ).migrate(using: pool)
    }
    // A runner only takes a checked schema name: an unsafe one is refused when it is made.
    let unsafe = "Bad-Name"
    #expect(throws: PostgresIdentifierError.self) { try SchemaName(unsafe) }
    try await pool.withSession { session in try session.execute("DROP SCHEMA \(schema) CASCADE") }
    await pool.close()
  }
}
