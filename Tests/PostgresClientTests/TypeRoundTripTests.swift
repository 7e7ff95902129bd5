import Foundation
import PostgresClient
import Testing

@Suite("Binds and decoders round-trip through PostgreSQL")
struct TypeRoundTripTests {
  /// 2024-03-01 12:34:56.123456 UTC, exactly representable to the microsecond.
  static let preciseDate = Date(timeIntervalSince1970: 1_709_296_496.123456)

  @Test("every scalar bind kind comes back as the same value")
  func scalars() async throws {
    try await TestDatabase.withSchema { connection, schema in
      let table = "\(schema).scalars"
      let text = "Zoë says \"hi\" \\ back\\slash, 'quoted' — 日本語 🚀"
      let id = UUID()
      let bytes = (0...255).map { UInt8($0) }
      try await connection.withSession { session in
        try session.runStatic(
          """
          CREATE TABLE \(table) (t text, i int8, small int4, d float8, b bool, u uuid,
            ts timestamptz, bin bytea, doc jsonb)
          """)
        let inserted = try session.execute(
          "INSERT INTO \(table) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
          [
            .text(text), .int(Int64.max), .int(-42), .double(-1.5e-300), .bool(true), .uuid(id),
            .timestamp(Self.preciseDate), .bytea(bytes), .json(#"{"name": "Zoë", "n": [1, 2]}"#),
          ])
        #expect(inserted == 1)
        let result = try session.query("SELECT * FROM \(table)")
        #expect(result.columns == ["t", "i", "small", "d", "b", "u", "ts", "bin", "doc"])
        let row = try #require(result.rows.first)
        #expect(try row.decode("t", as: String.self) == text)
        #expect(try row.decode("i", as: Int64.self) == Int64.max)
        #expect(try row.decode("small", as: Int32.self) == -42)
        #expect(try row.decode("small", as: Int.self) == -42)
        #expect(try row.decode("d", as: Double.self) == -1.5e-300)
        #expect(try row.decode("b", as: Bool.self))
        #expect(try row.decode("u", as: UUID.self) == id)
        let date = try row.decode("ts", as: Date.self)
        #expect(abs(date.timeIntervalSince(Self.preciseDate)) < 0.000_001)
        #expect(try row.decode("bin", as: [UInt8].self) == bytes)
        #expect(try row.decode("doc", as: String.self) == #"{"n": [1, 2], "name": "Zoë"}"#)
      }
    }
  }

  @Test("NULL binds decode as nil through Optional, and as an error otherwise")
  func nulls() async throws {
    try await TestDatabase.withSchema { connection, _ in
      try await connection.withSession { session in
        let result = try session.query(
          "SELECT $1::text AS t, $2::int8 AS i, $3::uuid AS u, $4::timestamptz AS ts, $5::bytea AS b",
          [.null, .null, .null, .null, .null])
        let row = try #require(result.rows.first)
        for column in 0..<5 { #expect(row.isNull(column)) }
        #expect(row.isNull("t"))
        #expect(try row.decode("t", as: String?.self) == nil)
        #expect(try row.decode(1, as: Int64?.self) == nil)
        #expect(try row.decode(2, as: UUID?.self) == nil)
        #expect(try row.decode(3, as: Date?.self) == nil)
        #expect(try row.decode(4, as: [UInt8]?.self) == nil)
        #expect(throws: PostgresError.self) { try row.decode("t", as: String.self) }
        let present = try session.query("SELECT $1::int8 AS n", [.int(7)]).rows[0]
        #expect(try present.decode("n", as: Int?.self) == 7)
        #expect(!present.isNull(0))
      }
    }
  }

  @Test("text arrays keep quotes, backslashes, braces, commas, unicode and the word NULL")
  func textArrays() async throws {
    try await TestDatabase.withSchema { connection, _ in
      let values = [
        "plain", "b\"c", "back\\slash", "\\\"both\\\"", "{braces}", "comma,here", "NULL", "",
        " spaced ", "Zoë 🚀", "new\nline",
      ]
      let decoded = try await connection.withSession { session in
        try session.query(
          "SELECT v FROM unnest($1::text[]) WITH ORDINALITY AS a(v, n) ORDER BY n",
          [.textArray(values)]
        ).rows.map { try $0.decode(0, as: String?.self) }
      }
      #expect(decoded == values.map { Optional($0) })
      let empty = try await connection.withSession { session in
        try session.query("SELECT cardinality($1::text[])", [.textArray([])]).rows[0]
          .decode(0, as: Int.self)
      }
      #expect(empty == 0)
    }
  }

  @Test("uuid, int, bytea and timestamp arrays round-trip")
  func otherArrays() async throws {
    try await TestDatabase.withSchema { connection, _ in
      let ids = [UUID(), UUID(), UUID()]
      let numbers: [Int64] = [Int64.min, -1, 0, 42, Int64.max]
      let blobs: [[UInt8]] = [[], [0, 1, 2], [0x5c, 0x22, 0x7b, 0x7d, 0xff]]
      let dates = [Self.preciseDate, Date(timeIntervalSince1970: 0)]
      try await connection.withSession { session in
        let order = "WITH ORDINALITY AS a(v, n) ORDER BY n"
        let uuidRows = try session.query(
          "SELECT v FROM unnest($1::uuid[]) \(order)", [.uuidArray(ids)])
        #expect(try uuidRows.rows.map { try $0.decode(0, as: UUID.self) } == ids)
        let intRows = try session.query(
          "SELECT v FROM unnest($1::int8[]) \(order)", [.intArray(numbers)])
        #expect(try intRows.rows.map { try $0.decode(0, as: Int64.self) } == numbers)
        let blobRows = try session.query(
          "SELECT v FROM unnest($1::bytea[]) \(order)", [.byteaArray(blobs)])
        #expect(try blobRows.rows.map { try $0.decode(0, as: [UInt8].self) } == blobs)
        let dateRows = try session.query(
          "SELECT v FROM unnest($1::timestamptz[]) \(order)", [.timestampArray(dates)])
        let decoded = try dateRows.rows.map { try $0.decode(0, as: Date.self) }
        #expect(decoded.count == 2)
        for (got, want) in zip(decoded, dates) {
          #expect(abs(got.timeIntervalSince(want)) < 0.000_001)
        }
      }
    }
  }

  @Test("timestamps keep microseconds and decode with any offset or none")
  func timestamps() async throws {
    try await TestDatabase.withSchema { connection, _ in
      try await connection.withSession { session in
        let text = try session.query(
          "SELECT $1::timestamptz::text", [.timestamp(Self.preciseDate)]
        ).rows[0].decode(0, as: String.self)
        #expect(text == "2024-03-01 12:34:56.123456+00")
        try session.runStatic("SET TimeZone = 'Asia/Kolkata'")
        let shifted = try session.query(
          "SELECT $1::timestamptz AS t, $1::timestamptz::text AS s",
          [.timestamp(Self.preciseDate)]
        ).rows[0]
        #expect(try shifted.decode("s", as: String.self) == "2024-03-01 18:04:56.123456+05:30")
        let date = try shifted.decode("t", as: Date.self)
        #expect(abs(date.timeIntervalSince(Self.preciseDate)) < 0.000_001)
        try session.runStatic("RESET TimeZone")
        let whole = try session.query(
          "SELECT '2024-03-01 12:34:56+00'::timestamptz, '2024-03-01 12:34:56'::timestamp"
        )
        .rows[0]
        #expect(try whole.decode(0, as: Date.self) == Date(timeIntervalSince1970: 1_709_296_496))
        #expect(try whole.decode(1, as: Date.self) == Date(timeIntervalSince1970: 1_709_296_496))
      }
    }
    let offsets = [
      "2024-03-01 07:34:56.5-05", "2024-03-01T12:34:56.5Z", "2024-03-01 13:34:56.500000+01:00",
    ]
    for text in offsets {
      #expect(try Date.decode(postgresText: text) == Date(timeIntervalSince1970: 1_709_296_496.5))
    }
    #expect(throws: PostgresError.self) { try Date.decode(postgresText: "yesterday") }
  }

  @Test(
    "calendar edge cases format and parse exactly",
    arguments: [
      (-1.0, "1969-12-31 23:59:59+00"),
      (-0.000_001, "1969-12-31 23:59:59.999999+00"),
      (951_782_400.0, "2000-02-29 00:00:00+00"),
      (1_709_164_800.25, "2024-02-29 00:00:00.25+00"),
      (-2_203_891_200.0, "1900-03-01 00:00:00+00"),
      (253_402_300_799.0, "9999-12-31 23:59:59+00"),
    ])
  func calendarEdges(seconds: Double, expected: String) async throws {
    try await TestDatabase.withSchema { connection, _ in
      let date = Date(timeIntervalSince1970: seconds)
      let row = try await connection.withSession { session in
        try session.query(
          "SELECT $1::timestamptz::text, $1::timestamptz", [.timestamp(date)]
        ).rows[0]
      }
      #expect(try row.decode(0, as: String.self) == expected)
      let decoded = try row.decode(1, as: Date.self)
      #expect(abs(decoded.timeIntervalSince(date)) < 0.000_001)
    }
  }

  @Test("doubles, booleans and special values")
  func numbers() async throws {
    try await TestDatabase.withSchema { connection, _ in
      try await connection.withSession { session in
        let row = try session.query(
          "SELECT $1::float8, $2::float8, $3::float8, $4::bool, $5::numeric",
          [.double(.infinity), .double(-.infinity), .double(.nan), .bool(false), .double(0.1)]
        ).rows[0]
        #expect(try row.decode(0, as: Double.self) == .infinity)
        #expect(try row.decode(1, as: Double.self) == -.infinity)
        #expect(try row.decode(2, as: Double.self).isNaN)
        #expect(try row.decode(3, as: Bool.self) == false)
        #expect(try row.decode(4, as: Double.self) == 0.1)
      }
    }
  }

  @Test("decoding failures name the column and type but not the value")
  func decodingErrors() async throws {
    try await TestDatabase.withSchema { connection, _ in
      try await connection.withSession { session in
        let row = try session.query("SELECT $1::text AS secret", [.text("Zoë-private-77")]).rows[0]
        do {
          _ = try row.decode("secret", as: Int.self)
          Issue.record("decoded text as an integer")
        } catch let error as PostgresError {
          guard case .decoding(let column, _, _) = error else {
            Issue.record("unexpected error \(error)")
            return
          }
          #expect(column == "secret")
          #expect(!error.description.contains("Zoë-private-77"))
        }
        #expect(throws: PostgresError.self) { try row.decode("missing", as: String.self) }
        #expect(throws: PostgresError.self) { try row.decode(5, as: String.self) }
      }
    }
  }
}
