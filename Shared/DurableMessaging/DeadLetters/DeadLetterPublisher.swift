import AMQPClient
import Foundation
import Logging
import Metrics

/// Moves a delivery that can never succeed to its service's dead-letter queue, recording
/// why (reason code, redacted error, original queue, exchange, routing key and delivery
/// count) beside the message's own properties and headers.
///
/// The dead letter is published with a confirm before the original is acknowledged, so a
/// crash in between can duplicate a dead letter but never lose the message.
struct DeadLetterPublisher: Sendable {
  let broker: BrokerLink
  let exchange: String
  let logger: Logger

  /// Publishes the dead letter; `true` once the broker confirmed it.
  func deadLetter(_ delivery: Delivery, reason: DeadLetterReason, error: String) async -> Bool {
    var properties = delivery.properties
    properties.persistent = true
    properties.headers[DeadLetterHeaders.reason] = .string(reason.rawValue)
    properties.headers[DeadLetterHeaders.error] = .string(error)
    properties.headers[DeadLetterHeaders.queue] = .string(delivery.queue)
    let route = delivery.publishedRoute
    properties.headers[DeadLetterHeaders.originalExchange] = .string(route.exchange)
    properties.headers[DeadLetterHeaders.originalRoutingKey] = .string(route.routingKey)
    properties.headers[DeadLetterHeaders.deadLetteredAt] = .string(
      Date().formatted(.iso8601))
    properties.headers[DeadLetterHeaders.deliveryCount] = .int(Int64(delivery.deliveryCount + 1))
    let message = OutgoingMessage(
      exchange: exchange, routingKey: delivery.queue, body: delivery.body,
      properties: properties, mandatory: true)
    do {
      let outcome = try await broker.connection.publish([message])
      guard outcome == [.confirmed] else {
        logger.error(
          "dead-letter exchange did not accept the message",
          metadata: ["exchange": "\(exchange)", "outcome": "\(outcome)"])
        return false
      }
    } catch {
      logger.warning(
        "could not dead-letter a message; it will be redelivered",
        metadata: ["error": "\(ErrorRedaction.describe(error))"])
      return false
    }
    Counter(
      label: MessagingMetricNames.deadLettered,
      dimensions: [("queue", delivery.queue), ("reason", reason.rawValue)]
    ).increment()
    logger.error(
      "message dead-lettered",
      metadata: [
        "message_id": "\(delivery.properties.messageId ?? "-")", "queue": "\(delivery.queue)",
        "routing_key": "\(route.routingKey)", "reason": "\(reason.rawValue)",
        "error": "\(error)",
      ])
    return true
  }
}
