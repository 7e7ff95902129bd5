import Logging
import PostgresClient
import ServiceLifecycle

/// Deletes inbox rows older than ``inboxRetention``, in chunks so it never holds long locks.
/// (Outbox rows need no housekeeping: the relay deletes each one once the broker confirms
/// it; parked rows stay until an operator deals with them.)
///
/// The inbox window bounds how late a duplicate can arrive and still be recognised: the
/// broker redelivers within minutes, so the default of 7 days is generous. (A replayed dead
/// letter was never recorded in the inbox, so it is handled whatever its age.)
public struct MessagingHousekeeping: Service {
  let schema: SchemaName
  let pool: PostgresConnectionPool
  /// How long handled message ids are kept for de-duplication.
  public var inboxRetention: Duration
  /// How often it runs.
  public var interval: Duration
  let logger: Logger
  let deleteInbox: String

  /// Housekeeping for `schema` with the given window.
  public init(
    schema: SchemaName, pool: PostgresConnectionPool,
    inboxRetention: Duration = .seconds(7 * 86_400),
    interval: Duration = .seconds(300), logger: Logger
  ) {
    let s = schema.sql
    self.schema = schema
    self.pool = pool
    self.inboxRetention = inboxRetention
    self.interval = interval
    self.logger = logger
    deleteInbox = """
      DELETE FROM \(s).inbox WHERE ctid = ANY(ARRAY(
        SELECT ctid FROM \(s).inbox WHERE received_at < now() - make_interval(secs => $1)
        LIMIT 5000))
      """
  }

  /// Cleans every `interval` until graceful shutdown.
  public func run() async throws {
    while !Task.isShuttingDownGracefully {
      do {
        let removed = try await cleanOnce()
        if removed > 0 {
          logger.info("messaging housekeeping", metadata: ["inbox_removed": "\(removed)"])
        }
      } catch {
        logger.warning(
          "messaging housekeeping failed", metadata: ["error": "\(ErrorRedaction.describe(error))"])
      }
      try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
    }
  }

  /// One pass: how many inbox rows it removed.
  public func cleanOnce() async throws -> Int {
    let seconds = Double(inboxRetention.components.seconds)
    var total = 0
    while true {
      let removed = try await pool.withSession { [deleteInbox] session in
        try session.execute(deleteInbox, [.double(seconds)])
      }
      total += removed
      if removed < 5000 { return total }
    }
  }
}
