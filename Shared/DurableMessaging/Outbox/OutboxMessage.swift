import EventContracts
import Foundation

/// A message waiting in a service's outbox to be published.
///
/// It is written in the same PostgreSQL transaction as the state change that caused it, and
/// published afterwards by the ``OutboxRelay``, so a state change and its events are never
/// separated by a crash.
public struct OutboxMessage: Sendable, Equatable {
  /// The AMQP `message_id`; consumers de-duplicate on it.
  public var messageId: UUID
  /// The exchange to publish to (`""` is the default exchange, used for replies).
  public var exchange: String
  /// The routing key, for events `<type>.v<version>`; for replies the reply queue.
  public var routingKey: String
  /// The JSON body.
  public var body: [UInt8]
  /// Carried as the AMQP `correlation_id`.
  public var correlationId: String?
  /// Extra AMQP headers (string values only).
  public var headers: [String: String]
  /// The AMQP `type` property when it is not the routing key: a reply, routed by the reply
  /// queue's name, still says which event it is (`referral.accepted.v1`).
  public var messageType: String?

  /// A message with an explicit destination.
  public init(
    messageId: UUID, exchange: String, routingKey: String, body: [UInt8],
    correlationId: String? = nil, headers: [String: String] = [:], messageType: String? = nil
  ) {
    self.messageId = messageId
    self.exchange = exchange
    self.routingKey = routingKey
    self.body = body
    self.correlationId = correlationId
    self.headers = headers
    self.messageType = messageType
  }

  /// An event for `exchange`, routed by its type and version; its id is the message id and
  /// its correlation id (when it has one) the AMQP correlation id.
  public init<P: EventPayload>(event: EventEnvelope<P>, exchange: String) throws {
    self.init(
      messageId: event.id, exchange: exchange, routingKey: event.routingKey,
      body: try EventCoding.encode(event),
      correlationId: event.correlationId?.uuidString.lowercased())
  }

  /// The same event sent as a reply straight to the queue a sender named in `reply_to`,
  /// through the default exchange, carrying the sender's correlation id. Its message id is
  /// derived from the event's so that the reply and the event are de-duplicated apart.
  public static func reply<P: EventPayload>(
    to replyQueue: String, correlationId: String?, event: EventEnvelope<P>
  ) throws -> OutboxMessage {
    OutboxMessage(
      messageId: DerivedMessageID.make(from: event.id, purpose: "reply"), exchange: "",
      routingKey: replyQueue, body: try EventCoding.encode(event), correlationId: correlationId,
      headers: ["rjhub-event-id": event.id.uuidString.lowercased()],
      messageType: event.routingKey)
  }
}

/// Deterministic message ids derived from another id, so that a retried handler produces the
/// same ids (and the consumer's inbox still de-duplicates).
public enum DerivedMessageID {
  /// A name-based UUID (version 5 layout, SHA-1 replaced by a stable FNV-style mix: ids need
  /// only be unique and stable, not cryptographic).
  public static func make(from base: UUID, purpose: String) -> UUID {
    var bytes = withUnsafeBytes(of: base.uuid) { Array($0) }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in Array(purpose.utf8) + bytes {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
    for index in 0..<16 {
      let shift = UInt64((index % 8) * 8)
      bytes[index] ^= UInt8(truncatingIfNeeded: hash >> shift) &+ UInt8(index)
      hash = (hash ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01b3
    }
    bytes[6] = (bytes[6] & 0x0F) | 0x50
    bytes[8] = (bytes[8] & 0x3F) | 0x80
    return UUID(
      uuid: (
        bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
        bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
      ))
  }
}
