import AMQPClient
import EventContracts

/// A delivery that the inbox has not seen before, handed to an ``InboxHandler``.
public struct InboundMessage: Sendable {
  /// The AMQP `message_id`, the key the inbox de-duplicates on.
  public var messageId: String
  /// The queue it was consumed from.
  public var queue: String
  /// The exchange it was published to.
  public var exchange: String
  /// Its routing key; for events `<type>.v<version>`.
  public var routingKey: String
  /// The raw body.
  public var body: [UInt8]
  /// The AMQP properties (correlation id, reply-to, headers).
  public var properties: AMQPMessageProperties
  /// How many times the broker delivered it before (0 on the first delivery).
  public var deliveryCount: Int

  init(delivery: Delivery, messageId: String) {
    self.messageId = messageId
    self.queue = delivery.queue
    let route = delivery.publishedRoute
    self.exchange = route.exchange
    self.routingKey = route.routingKey
    self.body = delivery.body
    self.properties = delivery.properties
    self.deliveryCount = delivery.deliveryCount
  }

  /// Decodes the body as an event of payload type `P`; a body that does not decode is a
  /// ``MessageRejection`` (it will never succeed, so it is dead-lettered at once).
  public func event<P: EventPayload>(_ type: P.Type) throws -> EventEnvelope<P> {
    do {
      return try EventCoding.decode(type, from: body)
    } catch {
      throw MessageRejection(
        messageId: messageId, reason: .malformed, detail: ErrorRedaction.describe(error))
    }
  }
}
