import Logging
import PostgresClient
import ServiceLifecycle

/// Deletes what durable messaging no longer needs, in small chunks so it never holds long
/// locks: inbox rows older than ``inboxRetention`` and outbox rows published longer ago than
/// ``publishedRetention``.
///
/// The inbox window bounds how late a duplicate can arrive and still be recognised: the
/// broker redelivers within minutes, so the default of 7 days is generous. (A replayed dead
/// letter was never recorded in the inbox, so it is handled whatever its age.)
public struct MessagingHousekeeping: Service {
  let schema: String
  let pool: PostgresConnectionPool
  /// How long handled message ids are kept for de-duplication.
  public var inboxRetention: Duration
  /// How long published outbox rows are kept for inspection.
  public var publishedRetention: Duration
  /// How often it runs.
  public var interval: Duration
  let logger: Logger
  let deleteInbox: String
  let deleteOutbox: String

  /// Housekeeping for `schema` with the given windows.
  public init(
    schema: String, pool: PostgresConnectionPool, inboxRetention: Duration = .seconds(7 * 86_400),
    publishedRetention: Duration = .seconds(86_400), interval: Duration = .seconds(300),
    logger: Logger
  ) throws {
    let s = try PostgresIdentifier.quoted(schema)
    self.schema = schema
    self.pool = pool
    self.inboxRetention = inboxRetention
    self.publishedRetention = publishedRetention
    self.interval = interval
    self.logger = logger
    deleteInbox = """
      DELETE FROM \(s).inbox WHERE ctid = ANY(ARRAY(
        SELECT ctid FROM \(s).inbox WHERE received_at < now() - make_interval(secs => $1)
        LIMIT 5000))
      """
    deleteOutbox = """
      DELETE FROM \(s).outbox WHERE seq = ANY(ARRAY(
        SELECT seq FROM \(s).outbox WHERE published_at < now() - make_interval(secs => $1)
        LIMIT 5000))
      """
  }

  /// Cleans every `interval` until graceful shutdown.
  public func run() async throws {
    while !Task.isShuttingDownGracefully {
      do {
        let removed = try await cleanOnce()
        if removed.inbox + removed.outbox > 0 {
          logger.info(
            "messaging housekeeping",
            metadata: ["inbox_removed": "\(removed.inbox)", "outbox_removed": "\(removed.outbox)"])
        }
      } catch {
        logger.warning(
          "messaging housekeeping failed", metadata: ["error": "\(ErrorRedaction.describe(error))"])
      }
      try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
    }
  }

  /// One pass: how many inbox and outbox rows it removed.
  public func cleanOnce() async throws -> (inbox: Int, outbox: Int) {
    let inboxSeconds = Double(inboxRetention.components.seconds)
    let outboxSeconds = Double(publishedRetention.components.seconds)
    var totals = (inbox: 0, outbox: 0)
    while true {
      let (inbox, outbox) = try await pool.withSession { [deleteInbox, deleteOutbox] session in
        (
          try session.execute(deleteInbox, [.double(inboxSeconds)]),
          try session.execute(deleteOutbox, [.double(outboxSeconds)])
        )
      }
      totals.inbox += inbox
      totals.outbox += outbox
      if inbox < 5000 && outbox < 5000 { return totals }
    }
  }
}
