import CLibPQ
import Foundation

/// Exclusive use of one connection for the duration of a `withSession` body.
///
/// Usable only inside that body, on the connection's own thread: it is deliberately not
/// `Sendable`, and it refuses work (`PostgresError.closed`) once the body has returned.
/// Statements are always parameterised (`$1`, `$2`, ...); values never enter SQL text.
public final class PostgresSession {
  let core: ConnectionCore
  let connection: OpaquePointer
  private var isValid = true

  init(core: ConnectionCore, connection: OpaquePointer) {
    self.core = core
    self.connection = connection
  }

  func invalidate() { isValid = false }

  /// The libpq handle, after checking the session is still inside its body.
  func live() throws -> OpaquePointer {
    guard isValid, core.connection == connection else { throw PostgresError.closed }
    return connection
  }

  /// Runs one parameterised statement (PQexecParams, text format, types inferred by the
  /// server) and returns its rows.
  /// - Throws: `PostgresError.server` when the server rejects it, `.connectionLost` when the
  ///   connection dies meanwhile (the outcome is then unknown; retry the unit of work).
  @discardableResult
  public func query(_ sql: String, _ binds: [PostgresBind] = []) throws -> PostgresResult {
    let connection = try live()
    let result = try Self.withParameters(binds) { count, values in
      PQexecParams(connection, sql, count, nil, values, nil, nil, 0)
    }
    return try Self.consume(result, connection)
  }

  /// Runs one parameterised statement and returns the number of rows it affected.
  @discardableResult
  public func execute(_ sql: String, _ binds: [PostgresBind] = []) throws -> Int {
    try query(sql, binds).affectedRows
  }

  /// Runs `body` in a transaction: BEGIN, then COMMIT when it returns, or ROLLBACK when it
  /// throws (the error is rethrown). Nested calls use savepoints.
  public func transaction<T>(_ body: (PostgresSession) throws -> T) throws -> T {
    let connection = try live()
    let depth = core.transactionDepth
    let savepoint = "rjhub_savepoint_\(depth)"
    try Self.runSimple(connection, depth == 0 ? "BEGIN" : "SAVEPOINT " + savepoint)
    core.transactionDepth = depth + 1
    defer { core.transactionDepth = depth }
    let value: T
    do {
      value = try body(self)
    } catch {
      if PQstatus(connection) == CONNECTION_OK {
        let undo =
          depth == 0
          ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT \(savepoint); RELEASE SAVEPOINT \(savepoint)"
        try? Self.runSimple(connection, undo)
      }
      throw error
    }
    if PQtransactionStatus(connection) == PQTRANS_INERROR {
      // The body swallowed a server error; COMMIT would silently roll back, so say so.
      let undo =
        depth == 0
        ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT \(savepoint); RELEASE SAVEPOINT \(savepoint)"
      try Self.runSimple(connection, undo)
      throw PostgresError.server(
        sqlState: "25P02", message: "transaction aborted by an earlier error; rolled back",
        constraint: nil)
    }
    try Self.runSimple(connection, depth == 0 ? "COMMIT" : "RELEASE SAVEPOINT " + savepoint)
    return value
  }

  /// Runs a static SQL script (several statements allowed, no parameters) with PQexec.
  /// Only for SQL written in code, such as migrations — never for anything holding values.
  func runScript(_ sql: String) throws {
    try Self.runSimple(try live(), sql)
  }

  // MARK: - libpq helpers shared by the session, pipeline and connection code

  /// PQexec of a fixed command; throws on failure.
  static func runSimple(_ connection: OpaquePointer, _ sql: String) throws {
    _ = try consume(PQexec(connection, sql), connection)
  }

  /// Converts binds to C strings for the duration of `body`.
  static func withParameters<R>(
    _ binds: [PostgresBind],
    _ body: (Int32, UnsafePointer<UnsafePointer<CChar>?>?) throws -> R
  ) throws -> R {
    guard binds.count <= 65535 else {
      throw PostgresError.server(
        sqlState: "54000", message: "too many parameters in one statement", constraint: nil)
    }
    var pointers = [UnsafePointer<CChar>?]()
    pointers.reserveCapacity(binds.count)
    defer {
      for pointer in pointers { free(UnsafeMutablePointer(mutating: pointer)) }
    }
    for bind in binds {
      guard let text = bind.textValue else {
        pointers.append(nil)
        continue
      }
      guard !text.utf8.contains(0) else {
        throw PostgresError.server(
          sqlState: "22021", message: "parameter contains a NUL byte", constraint: nil)
      }
      pointers.append(UnsafePointer(strdup(text)))
    }
    return try pointers.withUnsafeBufferPointer { buffer in
      try body(Int32(binds.count), buffer.baseAddress)
    }
  }

  /// Turns a PGresult into a `PostgresResult` or an error, and frees it.
  static func consume(_ result: OpaquePointer?, _ connection: OpaquePointer) throws
    -> PostgresResult
  {
    guard let result else {
      throw PostgresError.connectionLost(errorMessage(connection))
    }
    defer { PQclear(result) }
    switch PQresultStatus(result) {
    case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
      return makeResult(result)
    default:
      throw error(from: result, connection)
    }
  }

  /// The error a failed PGresult stands for: `connectionLost` when the connection died,
  /// otherwise the server's SQLSTATE, constraint and primary message (never DETAIL).
  static func error(from result: OpaquePointer, _ connection: OpaquePointer) -> PostgresError {
    let sqlState = field(result, "C")
    let primary = field(result, "M")
    if PQstatus(connection) != CONNECTION_OK {
      let reason = [sqlState, primary].compactMap { $0 }.joined(separator: ": ")
      return .connectionLost(reason.isEmpty ? errorMessage(connection) : reason)
    }
    if PQresultStatus(result) == PGRES_PIPELINE_ABORTED {
      return .server(
        sqlState: "25P02", message: "statement skipped after an earlier pipeline error",
        constraint: nil)
    }
    return .server(
      sqlState: sqlState ?? "XX000",
      message: primary ?? oneLine(String(cString: PQresultErrorMessage(result))),
      constraint: field(result, "n"))
  }

  /// libpq's connection-level message on one line (terse verbosity keeps DETAIL out).
  static func errorMessage(_ connection: OpaquePointer) -> String {
    let message = oneLine(String(cString: PQerrorMessage(connection)))
    return message.isEmpty ? "unknown libpq error" : message
  }

  private static func oneLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
      .joined(separator: " ")
  }

  /// An error field by its libpq code letter (`PG_DIAG_*`, which Swift cannot import):
  /// `C` SQLSTATE, `M` primary message, `n` constraint name. DETAIL (`D`) is never read.
  private static func field(_ result: OpaquePointer, _ code: Unicode.Scalar) -> String? {
    guard let value = PQresultErrorField(result, Int32(code.value)) else { return nil }
    return String(cString: value)
  }

  private static func makeResult(_ result: OpaquePointer) -> PostgresResult {
    let columnCount = PQnfields(result)
    let rowCount = PQntuples(result)
    let names = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
    let columnIndex = PostgresColumnIndex(names: names)
    var rows = [PostgresRow]()
    rows.reserveCapacity(Int(rowCount))
    for row in 0..<rowCount {
      var values = [String?]()
      values.reserveCapacity(Int(columnCount))
      for column in 0..<columnCount {
        if PQgetisnull(result, row, column) == 1 {
          values.append(nil)
        } else {
          let length = Int(PQgetlength(result, row, column))
          let bytes = UnsafeRawPointer(PQgetvalue(result, row, column)!)
            .assumingMemoryBound(to: UInt8.self)
          values.append(
            String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self))
        }
      }
      rows.append(PostgresRow(values: values, columnIndex: columnIndex))
    }
    let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
    return PostgresResult(columns: names, rows: rows, affectedRows: affected)
  }
}
