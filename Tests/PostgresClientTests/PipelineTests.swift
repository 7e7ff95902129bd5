import PostgresClient
import Testing

@Suite("Pipeline mode")
struct PipelineTests {
  @Test("1,000 inserts pipelined inside a transaction all land, results in order")
  func thousandInserts() async throws {
    try await TestDatabase.withSchema { connection, schema in
      let table = "\(schema).events"
      let results = try await connection.withSession { session in
        try session.runStatic("CREATE TABLE \(table) (id int8 PRIMARY KEY, body text NOT NULL)")
        return try session.transaction { session in
          let statements = (1...1000).map { index in
            PostgresStatement(
              "INSERT INTO \(table) (id, body) VALUES ($1, $2) RETURNING id",
              [.int(Int64(index)), .text("event \"\(index)\" \\ ✓")])
          }
          return try session.pipeline(statements)
        }
      }
      #expect(results.count == 1000)
      #expect(results.allSatisfy { $0.affectedRows == 1 })
      #expect(try results.map { try $0.rows[0].decode(0, as: Int.self) } == Array(1...1000))
      let summary = try await connection.withSession { session in
        try session.query("SELECT count(*), max(body) FROM \(table) WHERE id = 1000").rows[0]
      }
      #expect(try summary.decode(0, as: Int.self) == 1)
      #expect(try summary.decode(1, as: String.self) == "event \"1000\" \\ ✓")
      let total = try await connection.withSession { session in
        try session.query("SELECT count(*) FROM \(table)").rows[0].decode(0, as: Int.self)
      }
      #expect(total == 1000)
    }
  }

  @Test("a failing statement is reported and undoes the whole pipeline")
  func errorReporting() async throws {
    try await TestDatabase.withSchema { connection, schema in
      let table = "\(schema).events"
      try await connection.withSession { session in
        try session.runStatic("CREATE TABLE \(table) (id int8 CONSTRAINT events_pk PRIMARY KEY)")
        let statements = [
          PostgresStatement("INSERT INTO \(table) VALUES ($1)", [.int(1)]),
          PostgresStatement("INSERT INTO \(table) VALUES ($1)", [.int(1)]),
          PostgresStatement("INSERT INTO \(table) VALUES ($1)", [.int(2)]),
        ]
        do {
          _ = try session.pipeline(statements)
          Issue.record("pipeline with a duplicate key succeeded")
        } catch let error as PostgresError {
          #expect(error.sqlState == "23505")
          if case .server(_, _, let constraint) = error { #expect(constraint == "events_pk") }
        }
        // Outside a transaction the pipeline was one implicit transaction: nothing remains.
        #expect(try session.query("SELECT id FROM \(table)").rows.isEmpty)
        // Inside a transaction the error rolls the transaction back, and the session works on.
        #expect(throws: PostgresError.self) {
          try session.transaction { session in
            try session.execute("INSERT INTO \(table) VALUES ($1)", [.int(10)])
            _ = try session.pipeline(statements)
          }
        }
        #expect(try session.query("SELECT id FROM \(table)").rows.isEmpty)
        let fine = try session.pipeline([
          PostgresStatement("INSERT INTO \(table) VALUES ($1)", [.int(5)]),
          PostgresStatement("SELECT count(*) FROM \(table)"),
        ])
        #expect(try fine[1].rows[0].decode(0, as: Int.self) == 1)
        #expect(try session.pipeline([]).isEmpty)
      }
    }
  }
}
