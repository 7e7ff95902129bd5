import AMQPClient
import Logging
import PostgresClient
import ServiceLifecycle
import Synchronization

/// A broker connection shared by a service's relay, consumers and dead-lettering.
///
/// Its first connection is made once, however many components ask for it, and retried with
/// backoff while the broker is not there yet; later drops are healed by the connection itself.
public final class BrokerLink: Sendable {
  /// The underlying connection.
  public let connection: AMQPConnection
  let backoff: Backoff
  let logger: Logger
  let firstConnect = Mutex<Task<Void, any Error>?>(nil)

  /// Wraps `connection`; `backoff` paces retries of the first connect.
  public init(connection: AMQPConnection, backoff: Backoff = Backoff(), logger: Logger) {
    self.connection = connection
    self.backoff = backoff
    self.logger = logger
  }

  /// Returns once the connection has been established (now or earlier); throws only when
  /// the calling task is cancelled.
  public func ready() async throws {
    let task = firstConnect.withLock { existing in
      if let existing { return existing }
      let task = Task { [connection, backoff, logger] in
        var attempt = 0
        while true {
          do {
            try await connection.connect()
            return
          } catch {
            logger.warning(
              "broker not reachable yet; retrying",
              metadata: ["error": "\(ErrorRedaction.describe(error))", "attempt": "\(attempt)"])
            try await Task.sleep(for: backoff.delay(attempt: attempt))
            attempt += 1
          }
        }
      }
      existing = task
      return task
    }
    try await withTaskCancellationHandler {
      try await task.value
    } onCancel: {
      task.cancel()
    }
  }
}

/// Keeps a broker connection for the life of the service group: connects at start (so
/// readiness reflects it), closes it after every component that uses it has stopped.
///
/// List it before the relay and consumers: a `ServiceGroup` stops services in reverse order.
public struct BrokerLinkService: Service {
  let link: BrokerLink

  /// A service owning `link`.
  public init(link: BrokerLink) { self.link = link }

  /// Connects, waits for graceful shutdown, then closes the connection.
  public func run() async throws {
    try? await cancelWhenGracefulShutdown { try await link.ready() }
    try? await gracefulShutdown()
    await link.connection.close()
  }
}

/// Closes a PostgreSQL pool after every component that uses it has stopped.
///
/// List it first: a `ServiceGroup` stops services in reverse order.
public struct DatabasePoolService: Service {
  let pool: PostgresConnectionPool

  /// A service owning `pool`.
  public init(pool: PostgresConnectionPool) { self.pool = pool }

  /// Waits for graceful shutdown, then closes the pool.
  public func run() async throws {
    try? await gracefulShutdown()
    await pool.close()
  }
}
