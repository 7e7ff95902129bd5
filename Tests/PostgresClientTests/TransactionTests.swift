import PostgresClient
import Testing

/// Thrown by test bodies to force a rollback.
struct DeliberateFailure: Error {}

@Suite("Transactions and server errors")
struct TransactionTests {
  @Test("a transaction commits when its body returns and rolls back when it throws")
  func commitAndRollback() async throws {
    try await TestDatabase.withSchema { connection, schema in
      let table = "\(schema).items"
      try await connection.withSession { session in
        try session.runStatic("CREATE TABLE \(table) (id int8 PRIMARY KEY)")
        let value = try session.transaction { session in
          try session.execute("INSERT INTO \(table) VALUES ($1)", [.int(1)])
          return "done"
        }
        #expect(value == "done")
        #expect(throws: DeliberateFailure.self) {
          try session.transaction { session in
            try session.execute("INSERT INTO \(table) VALUES ($1)", [.int(2)])
            throw DeliberateFailure()
          }
        }
        // A nested transaction rolls back only its savepoint.
        try session.transaction { session in
          try session.execute("INSERT INTO \(table) VALUES ($1)", [.int(3)])
          #expect(throws: DeliberateFailure.self) {
            try session.transaction { session in
              try session.execute("INSERT INTO \(table) VALUES ($1)", [.int(4)])
              throw DeliberateFailure()
            }
          }
        }
      }
      let ids = try await connection.withSession { session in
        try session.query("SELECT id FROM \(table) ORDER BY id").rows.map {
          try $0.decode(0, as: Int.self)
        }
      }
      #expect(ids == [1, 3])
    }
  }

  @Test("a transaction left open by a session body is rolled back")
  func abandonedTransaction() async throws {
    try await TestDatabase.withSchema { connection, schema in
      let table = "\(schema).items"
      try await connection.withSession { session in
        try session.runStatic("CREATE TABLE \(table) (id int8)")
        try session.runStatic("BEGIN")
        try session.execute("INSERT INTO \(table) VALUES ($1)", [.int(1)])
      }
      let count = try await connection.withSession { session in
        try session.query("SELECT count(*) FROM \(table)").rows[0].decode(0, as: Int.self)
      }
      #expect(count == 0)
    }
  }

  @Test("a unique violation is a server error with SQLSTATE and constraint, but no row values")
  func uniqueViolation() async throws {
    try await TestDatabase.withSchema { connection, schema in
      let table = "\(schema).people"
      let privateValue = "zoe.private.4711@example.org"
      try await connection.withSession { session in
        try session.runStatic(
          "CREATE TABLE \(table) (email text CONSTRAINT people_email_key UNIQUE)")
        try session.execute("INSERT INTO \(table) VALUES ($1)", [.text(privateValue)])
      }
      do {
        try await connection.withSession { session in
          try session.execute("INSERT INTO \(table) VALUES ($1)", [.text(privateValue)])
        }
        Issue.record("duplicate insert succeeded")
      } catch let error as PostgresError {
        guard case .server(let sqlState, let message, let constraint) = error else {
          Issue.record("unexpected error \(error)")
          return
        }
        #expect(sqlState == "23505")
        #expect(error.sqlState == "23505")
        #expect(constraint == "people_email_key")
        #expect(!error.isTransient)
        #expect(!message.contains(privateValue))
        #expect(!error.description.contains(privateValue))
        #expect(!String(describing: error).contains("4711"))
        #expect(error.description.contains("23505"))
        #expect(error.description.contains("people_email_key"))
      }
      // The connection is still usable afterwards.
      let count = try await connection.withSession { session in
        try session.query("SELECT count(*) FROM \(table)").rows[0].decode(0, as: Int.self)
      }
      #expect(count == 1)
    }
  }

  @Test("committing after a swallowed error reports the rollback")
  func swallowedError() async throws {
    try await TestDatabase.withSchema { connection, schema in
      let table = "\(schema).items"
      try await connection.withSession { session in
        try session.runStatic("CREATE TABLE \(table) (id int8 PRIMARY KEY)")
        do {
          try session.transaction { session in
            try session.execute("INSERT INTO \(table) VALUES ($1)", [.int(1)])
            _ = try? session.execute("INSERT INTO \(table) VALUES ($1)", [.int(1)])
          }
          Issue.record("commit of an aborted transaction succeeded")
        } catch let error as PostgresError {
          #expect(error.sqlState == "25P02")
        }
        #expect(try session.query("SELECT * FROM \(table)").rows.isEmpty)
      }
    }
  }
}
