import Logging

/// One PostgreSQL connection, owned by its own dedicated thread.
///
/// Every libpq call for this connection runs on that thread, so blocking network waits never
/// occupy Swift's cooperative pool; callers simply `await`. Connects lazily on first use,
/// reconnects before a session when the connection went bad, and re-LISTENs its channels.
public final class PostgresConnection: Sendable {
  private let worker: ConnectionThread<ConnectionCore>
  private let logger: Logger

  /// Creates the connection and its thread; nothing is sent until the first session.
  public init(configuration: PostgresConfiguration, logger: Logger) {
    self.logger = logger
    self.worker = ConnectionThread(
      name: "postgres-\(configuration.applicationName)",
      state: ConnectionCore(configuration: configuration, logger: logger))
  }

  deinit {
    worker.stop()
  }

  /// Runs `body` with exclusive use of the connection, on the connection's thread.
  ///
  /// Sessions run one after another in the order they were requested. A transaction the
  /// body leaves open is rolled back.
  /// - Throws: whatever `body` throws; `PostgresError.connectionFailed` when (re)connecting
  ///   fails; `PostgresError.closed` after `close()`.
  @discardableResult
  public func withSession<T: Sendable>(
    _ body: @escaping @Sendable (PostgresSession) throws -> T
  ) async throws -> T {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
      let accepted = worker.submit { core in
        continuation.resume(with: Result { try core.runSession(body) })
      }
      if !accepted { continuation.resume(throwing: PostgresError.closed) }
    }
  }

  /// Closes the connection after sessions already queued have run; later calls throw
  /// `PostgresError.closed`.
  public func close() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      let accepted = worker.submit { core in
        core.close()
        continuation.resume()
      }
      worker.stop()
      if !accepted { continuation.resume() }
    }
    logger.debug("PostgreSQL connection closed")
  }
}
