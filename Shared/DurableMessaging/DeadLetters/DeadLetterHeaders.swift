import AMQPClient

/// The AMQP headers RJ Hub adds to a message it dead-letters itself, next to the message's
/// own headers. Messages the broker dead-letters (delivery limit) carry RabbitMQ's `x-death`
/// and `x-first-death-*` headers instead; ``DeadLetter`` reads both.
public enum DeadLetterHeaders {
  /// A ``DeadLetterReason`` raw value.
  public static let reason = "x-rjhub-dead-letter-reason"
  /// What went wrong, with no personal data.
  public static let error = "x-rjhub-error"
  /// The queue the message was consumed from (where a replay sends it back to).
  public static let queue = "x-rjhub-queue"
  /// The exchange the message was first published to.
  public static let originalExchange = "x-rjhub-original-exchange"
  /// The routing key it was first published with.
  public static let originalRoutingKey = "x-rjhub-original-routing-key"
  /// When it was dead-lettered (RFC 3339).
  public static let deadLetteredAt = "x-rjhub-dead-lettered-at"
  /// How many times it had been delivered.
  public static let deliveryCount = "x-rjhub-delivery-count"
  /// Set on a message an operator replayed from the dead-letter queue.
  public static let replayedAt = "x-rjhub-replayed-at"
  /// On a replayed message, the exchange it was first published to: a replay travels through
  /// the default exchange straight to its queue, so the consumer restores this.
  public static let replayedExchange = "x-rjhub-replayed-exchange"
  /// On a replayed message, the routing key it was first published with (the event type the
  /// consumer routes by).
  public static let replayedRoutingKey = "x-rjhub-replayed-routing-key"

  /// Every header of ours or the broker's that describes a dead-lettering; a replay removes
  /// them so the message goes back as it was first published.
  public static let all: Set<String> = [
    reason, error, queue, originalExchange, originalRoutingKey, deadLetteredAt, deliveryCount,
    replayedAt, replayedExchange, replayedRoutingKey,
    "x-death", "x-first-death-reason", "x-first-death-queue", "x-first-death-exchange",
    "x-delivery-count", "x-last-death-reason", "x-last-death-queue", "x-last-death-exchange",
  ]
}

extension Delivery {
  /// The exchange and routing key the message was first published with. A replayed dead
  /// letter arrives through the default exchange addressed to its queue, and carries its
  /// original route in ``DeadLetterHeaders/replayedExchange`` and
  /// ``DeadLetterHeaders/replayedRoutingKey``.
  var publishedRoute: (exchange: String, routingKey: String) {
    let headers = properties.headers
    guard case .string(let originalKey)? = headers[DeadLetterHeaders.replayedRoutingKey] else {
      return (exchange, routingKey)
    }
    if case .string(let originalExchange)? = headers[DeadLetterHeaders.replayedExchange] {
      return (originalExchange, originalKey)
    }
    return (exchange, originalKey)
  }
}
