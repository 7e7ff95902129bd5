/// Why a message was moved to its service's dead-letter queue. The raw value is stored in
/// the dead letter's `x-rjhub-dead-letter-reason` header.
public enum DeadLetterReason: String, Sendable, CaseIterable, Codable {
  /// The delivery had no AMQP `message_id`, so it cannot be de-duplicated.
  case missingMessageID = "missing-message-id"
  /// The body does not decode as the message it claims to be.
  case malformed = "malformed-message"
  /// It decodes, but a handler found it can never be applied.
  case invalid = "invalid-message"
  /// No handler of this queue knows its type and version.
  case unknownType = "unknown-event-type"
  /// Its handler failed on every one of the allowed attempts.
  case retriesExhausted = "retries-exhausted"
  /// The broker dead-lettered it after its delivery limit (the consumer kept dying on it).
  case deliveryLimit = "delivery-limit"
}

/// Thrown by a handler for one message that can never succeed: it is dead-lettered at once
/// with `reason` and `detail`, and the rest of its batch is handled without it.
public struct MessageRejection: Error, RedactedError, Sendable {
  /// The rejected message.
  public var messageId: String
  /// Why.
  public var reason: DeadLetterReason
  /// What is wrong, naming fields and codes, never values (it is stored and logged).
  public var detail: String

  /// Rejects message `messageId`.
  public init(messageId: String, reason: DeadLetterReason, detail: String) {
    self.messageId = messageId
    self.reason = reason
    self.detail = detail
  }

  public var redactedDescription: String { "\(reason.rawValue): \(detail)" }
}
