import CLibPQ
import Foundation

extension PostgresSession {
  /// Sends all `statements` in libpq pipeline mode with a single sync, then collects their
  /// results in order: one network round trip instead of one per statement.
  ///
  /// Outside a transaction the statements up to the sync form one implicit transaction, so
  /// an error undoes them all; inside `transaction {}` the error aborts that transaction.
  /// - Throws: the first failing statement's `PostgresError.server`, or `.connectionLost`.
  public func pipeline(_ statements: [PostgresStatement]) throws -> [PostgresResult] {
    let connection = try live()
    guard !statements.isEmpty else { return [] }
    guard PQenterPipelineMode(connection) == 1 else {
      throw PostgresError.connectionLost(Self.errorMessage(connection))
    }
    do {
      try send(statements, connection)
      let results = try collect(count: statements.count, connection)
      guard PQexitPipelineMode(connection) == 1 else {
        throw PostgresError.connectionLost(Self.errorMessage(connection))
      }
      return results
    } catch {
      // Whatever happened, leave a connection that is either out of pipeline mode or dropped.
      if PQpipelineStatus(connection) != PQ_PIPELINE_OFF && PQexitPipelineMode(connection) != 1 {
        core.disconnect()
      }
      throw error
    }
  }

  /// Queues every statement and the sync, flushing without blocking: while the server's
  /// replies fill our socket we keep reading them, so neither side can stall the other.
  private func send(_ statements: [PostgresStatement], _ connection: OpaquePointer) throws {
    guard PQsetnonblocking(connection, 1) == 0 else {
      throw PostgresError.connectionLost(Self.errorMessage(connection))
    }
    defer { PQsetnonblocking(connection, 0) }
    for statement in statements {
      let sent = try Self.withParameters(statement.binds) { count, values in
        PQsendQueryParams(connection, statement.sql, count, nil, values, nil, nil, 0)
      }
      guard sent == 1 else { throw PostgresError.connectionLost(Self.errorMessage(connection)) }
      try flush(connection, waitUntilEmpty: false)
    }
    guard PQpipelineSync(connection) == 1 else {
      throw PostgresError.connectionLost(Self.errorMessage(connection))
    }
    try flush(connection, waitUntilEmpty: true)
  }

  /// PQflush in non-blocking mode; when the socket is full, waits for it to drain or for
  /// replies to read (consuming them into libpq's buffer).
  private func flush(_ connection: OpaquePointer, waitUntilEmpty: Bool) throws {
    while true {
      let status = PQflush(connection)
      if status == 0 { return }
      guard status == 1 else { throw PostgresError.connectionLost(Self.errorMessage(connection)) }
      var descriptor = pollfd(
        fd: PQsocket(connection), events: Int16(POLLIN | POLLOUT), revents: 0)
      let ready = poll(&descriptor, 1, waitUntilEmpty ? 1000 : 0)
      if ready < 0 && errno != EINTR {
        throw PostgresError.connectionLost("poll failed while sending a pipeline")
      }
      if ready > 0 && descriptor.revents & Int16(POLLIN) != 0 && PQconsumeInput(connection) == 0 {
        throw PostgresError.connectionLost(Self.errorMessage(connection))
      }
      if !waitUntilEmpty && ready == 0 { return }
    }
  }

  /// Reads each statement's result (each followed by a NULL), then the sync marker.
  private func collect(count: Int, _ connection: OpaquePointer) throws -> [PostgresResult] {
    var results = [PostgresResult]()
    results.reserveCapacity(count)
    var firstError: PostgresError?
    for _ in 0..<count {
      guard let result = PQgetResult(connection) else {
        throw PostgresError.connectionLost(Self.errorMessage(connection))
      }
      do {
        results.append(try Self.consume(result, connection))
      } catch let error as PostgresError {
        if case .connectionLost = error { throw error }
        if firstError == nil { firstError = error }
      }
      while let extra = PQgetResult(connection) { PQclear(extra) }
    }
    guard let sync = PQgetResult(connection) else {
      throw PostgresError.connectionLost(Self.errorMessage(connection))
    }
    let syncStatus = PQresultStatus(sync)
    PQclear(sync)
    guard syncStatus == PGRES_PIPELINE_SYNC else {
      throw PostgresError.connectionLost("pipeline out of step: expected the sync result")
    }
    if let firstError { throw firstError }
    return results
  }
}
