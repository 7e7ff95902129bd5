/// One `publish(_:)` call in flight: its messages occupy consecutive delivery tags starting at
/// `firstTag` on the publisher channel; it completes when every published message has been
/// acked or nacked.
final class PublishWindow {
  let messages: [OutgoingMessage]
  let firstTag: UInt64
  let continuation: CheckedContinuation<[PublishOutcome], Error>
  /// How many messages have been handed to the socket so far.
  var published = 0
  /// All messages were published; completion now only waits for confirms.
  var sealed = false
  var finished = false
  private var outcomes: [PublishOutcome?]
  private var returns: [Int: PublishOutcome] = [:]
  private var resolved = 0
  /// Every index below this one is resolved (makes `multiple` acks linear overall).
  private var lowWater = 0

  init(
    messages: [OutgoingMessage], firstTag: UInt64,
    continuation: CheckedContinuation<[PublishOutcome], Error>
  ) {
    self.messages = messages
    self.firstTag = firstTag
    self.continuation = continuation
    self.outcomes = Array(repeating: nil, count: messages.count)
  }

  var isComplete: Bool { sealed && resolved == published }

  /// Applies a confirm for `tag` (and every earlier tag when `multiple`).
  func confirm(tag: UInt64, multiple: Bool, outcome: PublishOutcome) {
    guard tag >= firstTag, published > 0 else { return }
    let last = Int(min(tag - firstTag, UInt64(published - 1)))
    if multiple {
      var index = lowWater
      while index <= last {
        resolve(index, outcome)
        index += 1
      }
    } else if tag - firstTag < UInt64(published) {
      resolve(last, outcome)
    }
  }

  private func resolve(_ index: Int, _ outcome: PublishOutcome) {
    guard outcomes[index] == nil else { return }
    outcomes[index] = outcome == .confirmed ? (returns[index] ?? .confirmed) : outcome
    resolved += 1
    while lowWater < published, outcomes[lowWater] != nil { lowWater += 1 }
  }

  /// Marks the message a basic.return belongs to: the one with that message id, or else the
  /// oldest unsettled one to the same exchange and routing key. True when one matched.
  func markReturned(
    messageId: String?, exchange: String, routingKey: String, outcome: PublishOutcome
  ) -> Bool {
    for index in lowWater..<published where outcomes[index] == nil && returns[index] == nil {
      let message = messages[index]
      let matches: Bool
      if let messageId {
        matches = message.properties.messageId == messageId
      } else {
        matches = message.exchange == exchange && message.routingKey == routingKey
      }
      if matches {
        returns[index] = outcome
        return true
      }
    }
    return false
  }

  /// Resumes the caller with the outcomes, in input order.
  func complete() {
    guard !finished else { return }
    finished = true
    continuation.resume(returning: outcomes.map { $0 ?? .nacked })
  }

  /// Resumes the caller with `error`.
  func fail(_ error: AMQPError) {
    guard !finished else { return }
    finished = true
    continuation.resume(throwing: error)
  }
}
