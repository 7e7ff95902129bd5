import Foundation
import Logging

/// A fixed number of `PostgresConnection`s shared by many tasks.
///
/// A task that finds every connection busy waits asynchronously (no thread is blocked) and
/// is handed the next connection released, first come first served.
public final class PostgresConnectionPool: Sendable {
  private let connections: [PostgresConnection]
  private let state: PoolState
  private let logger: Logger

  /// Creates `size` (at least 1) lazily connecting connections.
  public init(configuration: PostgresConfiguration, size: Int, logger: Logger) {
    let count = max(1, size)
    self.connections = (0..<count).map { _ in
      PostgresConnection(configuration: configuration, logger: logger)
    }
    self.state = PoolState(connections: connections)
    self.logger = logger
  }

  /// Runs `body` on a free connection, waiting for one if all are busy.
  /// - Throws: whatever `body` throws; `PostgresError.closed` once the pool is closed;
  ///   `CancellationError` when the task is cancelled while waiting.
  @discardableResult
  public func withSession<T: Sendable>(
    _ body: @escaping @Sendable (PostgresSession) throws -> T
  ) async throws -> T {
    let connection = try await state.acquire()
    defer { state.release(connection) }
    return try await connection.withSession(body)
  }

  /// Runs `body` inside a transaction on a free connection: COMMIT when it returns,
  /// ROLLBACK when it throws.
  @discardableResult
  public func withTransaction<T: Sendable>(
    _ body: @escaping @Sendable (PostgresSession) throws -> T
  ) async throws -> T {
    try await withSession { session in try session.transaction(body) }
  }

  /// Whether the database answers `SELECT 1` (for readiness probes); never throws.
  public func isReachable() async -> Bool {
    do {
      let result = try await withSession { session in try session.query("SELECT 1") }
      return result.rows.count == 1
    } catch {
      logger.debug("PostgreSQL readiness check failed", metadata: ["error": "\(error)"])
      return false
    }
  }

  /// Fails waiting tasks with `PostgresError.closed` and closes every connection once its
  /// current session ends.
  public func close() async {
    state.close()
    for connection in connections {
      await connection.close()
    }
  }
}

/// The pool's free list and waiters, behind a lock.
private final class PoolState: @unchecked Sendable {
  private struct Waiter {
    var id: UInt64
    var continuation: CheckedContinuation<PostgresConnection, Error>
  }

  private let lock = NSLock()
  private var idle: [PostgresConnection]
  private var waiters: [Waiter] = []
  private var nextWaiterID: UInt64 = 0
  private var isClosed = false

  init(connections: [PostgresConnection]) {
    self.idle = connections
  }

  func acquire() async throws -> PostgresConnection {
    let id = lock.withLock {
      nextWaiterID += 1
      return nextWaiterID
    }
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        lock.lock()
        if isClosed {
          lock.unlock()
          continuation.resume(throwing: PostgresError.closed)
        } else if Task.isCancelled {
          lock.unlock()
          continuation.resume(throwing: CancellationError())
        } else if !idle.isEmpty {
          let connection = idle.removeFirst()
          lock.unlock()
          continuation.resume(returning: connection)
        } else {
          waiters.append(Waiter(id: id, continuation: continuation))
          lock.unlock()
        }
      }
    } onCancel: {
      let waiter = lock.withLock { () -> Waiter? in
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
        return waiters.remove(at: index)
      }
      waiter?.continuation.resume(throwing: CancellationError())
    }
  }

  func release(_ connection: PostgresConnection) {
    lock.lock()
    if waiters.isEmpty {
      idle.append(connection)
      lock.unlock()
    } else {
      let waiter = waiters.removeFirst()
      lock.unlock()
      waiter.continuation.resume(returning: connection)
    }
  }

  func close() {
    let pending = lock.withLock {
      isClosed = true
      let pending = waiters
      waiters.removeAll()
      return pending
    }
    for waiter in pending { waiter.continuation.resume(throwing: PostgresError.closed) }
  }
}
