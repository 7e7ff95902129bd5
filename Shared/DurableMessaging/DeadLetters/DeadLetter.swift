import AMQPClient
import Foundation

/// A message in a service's dead-letter queue, as an operator sees it: why it is there and
/// where it came from. Its body (which can hold personal data) is kept apart from the
/// description, and shown only on request.
public struct DeadLetter: Sendable {
  /// The AMQP message id, if it had one.
  public var messageId: String?
  /// Why (a ``DeadLetterReason`` raw value, or the broker's own reason such as
  /// `delivery_limit` or `rejected`).
  public var reason: String
  /// What went wrong (no personal data), when RJ Hub dead-lettered it itself.
  public var error: String?
  /// The queue it failed in, where a replay returns it.
  public var queue: String?
  /// Where it was first published.
  public var originalExchange: String?
  /// Its first routing key.
  public var originalRoutingKey: String?
  /// When it was dead-lettered, as recorded.
  public var deadLetteredAt: String?
  /// Deliveries before it was dead-lettered.
  public var deliveryCount: Int?
  /// Its properties as dead-lettered.
  public var properties: AMQPMessageProperties
  /// The body.
  public var body: [UInt8]

  /// Reads a dead letter from a delivery of a dead-letter queue.
  public init(delivery: Delivery) {
    let headers = delivery.properties.headers
    func text(_ key: String) -> String? {
      if case .string(let value)? = headers[key] { return value }
      return nil
    }
    var firstDeath: [String: AMQPFieldValue] = [:]
    if case .array(let deaths)? = headers["x-death"], case .table(let first)? = deaths.last {
      firstDeath = first
    }
    func death(_ key: String) -> String? {
      switch firstDeath[key] {
      case .string(let value)?: return value
      case .array(let values)?:
        if case .string(let value)? = values.first { return value }
        return nil
      default: return nil
      }
    }
    messageId = delivery.properties.messageId
    let brokerReason = text("x-first-death-reason") ?? death("reason")
    reason =
      text(DeadLetterHeaders.reason)
      ?? (brokerReason == "delivery_limit" ? DeadLetterReason.deliveryLimit.rawValue : brokerReason)
      ?? "unknown"
    error = text(DeadLetterHeaders.error)
    queue = text(DeadLetterHeaders.queue) ?? text("x-first-death-queue") ?? death("queue")
    originalExchange =
      text(DeadLetterHeaders.originalExchange) ?? text("x-first-death-exchange")
      ?? death("exchange")
    originalRoutingKey = text(DeadLetterHeaders.originalRoutingKey) ?? death("routing-keys")
    deadLetteredAt = text(DeadLetterHeaders.deadLetteredAt)
    if case .int(let count)? = headers[DeadLetterHeaders.deliveryCount] {
      deliveryCount = Int(count)
    } else if case .int(let count)? = firstDeath["count"] {
      deliveryCount = Int(count)
    }
    properties = delivery.properties
    body = delivery.body
  }

  /// The message as it should be replayed: its original properties without any
  /// dead-lettering headers, marked with the replay time, addressed to its queue through the
  /// default exchange (so only the queue that failed receives it again), carrying its
  /// original exchange and routing key in headers the consumer restores them from.
  public func replayMessage(at date: Date = Date()) -> OutgoingMessage? {
    guard let queue else { return nil }
    var properties = self.properties
    properties.headers = properties.headers.filter { !DeadLetterHeaders.all.contains($0.key) }
    properties.headers[DeadLetterHeaders.replayedAt] = .string(date.formatted(.iso8601))
    if let originalExchange {
      properties.headers[DeadLetterHeaders.replayedExchange] = .string(originalExchange)
    }
    if let originalRoutingKey {
      properties.headers[DeadLetterHeaders.replayedRoutingKey] = .string(originalRoutingKey)
    }
    properties.persistent = true
    return OutgoingMessage(
      exchange: "", routingKey: queue, body: body, properties: properties, mandatory: true)
  }
}
