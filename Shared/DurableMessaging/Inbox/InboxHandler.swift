import EventContracts
import Logging
import PostgresClient

/// A service's logic for the messages of one queue.
///
/// It runs synchronously on a database connection's own thread, inside the transaction that
/// also records the messages in the inbox: everything it writes through
/// ``InboxContext/session`` and every event it emits commits together with that record, or
/// not at all. Messages arrive in delivery order, never one the inbox has already seen.
public protocol InboxHandler: Sendable {
  /// Applies `messages`. Throw ``MessageRejection`` for one that can never succeed; a
  /// transient database error is retried; any other error retries the messages one by one and
  /// dead-letters the one that keeps failing.
  func handle(_ messages: [InboundMessage], context: InboxContext) throws
}

/// What a handler works with inside the inbox transaction.
public final class InboxContext {
  /// The open transaction.
  public let session: PostgresSession
  /// The consumer's logger.
  public let logger: Logger
  let outbox: Outbox
  var emitted: [OutboxMessage] = []

  init(session: PostgresSession, outbox: Outbox, logger: Logger) {
    self.session = session
    self.outbox = outbox
    self.logger = logger
  }

  /// Queues `message` in the service's outbox, committed with the transaction.
  public func emit(_ message: OutboxMessage) {
    emitted.append(message)
  }

  /// Queues `event` for `exchange` in the service's outbox, committed with the transaction.
  public func emit<P: EventPayload>(_ event: EventEnvelope<P>, to exchange: String) throws {
    emitted.append(try OutboxMessage(event: event, exchange: exchange))
  }

  func flush() throws {
    try outbox.enqueue(emitted, in: session)
    emitted.removeAll()
  }
}
