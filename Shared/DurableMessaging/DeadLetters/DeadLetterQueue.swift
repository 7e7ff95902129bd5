import AMQPClient
import Foundation
import Logging

/// An operator's view of one service's dead-letter queue: list, show and replay.
///
/// Reading uses `basic.get` without acknowledging and then returns every message it looked
/// at to the queue, so listing changes nothing; a replay publishes the message back to the
/// queue it failed in (with a confirm) before it removes it from the dead-letter queue.
public struct DeadLetterQueue: Sendable {
  let connection: AMQPConnection
  /// The queue, `<service>.dead-letters`.
  public let name: String

  /// The dead-letter queue of `service`, read through `connection`.
  public init(service: String, connection: AMQPConnection) {
    self.connection = connection
    self.name = ServiceQueue.deadLetterQueue(service: service)
  }

  /// Up to `limit` dead letters, oldest first, left in the queue.
  public func list(limit: Int = 100) async throws -> [DeadLetter] {
    try await browse(limit: limit) { _ in .keep }.map(\.letter)
  }

  /// The dead letter with AMQP message id `messageId`, left in the queue.
  public func show(messageId: String) async throws -> DeadLetter? {
    try await browse(limit: .max) { _ in .keep }
      .first { $0.letter.messageId == messageId }?.letter
  }

  /// Replays the dead letters whose message id is in `messageIds` (all of them when `nil`)
  /// to the queues they failed in; returns the ids replayed.
  public func replay(messageIds: Set<String>?) async throws -> [String] {
    try await browse(limit: .max) { letter in
      guard let id = letter.messageId else { return messageIds == nil ? .replay : .keep }
      return messageIds?.contains(id) ?? true ? .replay : .keep
    }.filter { $0.replayed }.map { $0.letter.messageId ?? "-" }
  }

  enum Decision { case keep, replay }

  /// Gets messages one by one (at most `limit`), replays those `decide` picks and acks them,
  /// and finally returns every other one to the queue.
  func browse(limit: Int, decide: (DeadLetter) -> Decision) async throws
    -> [(letter: DeadLetter, replayed: Bool)]
  {
    var held: [Delivery] = []
    var results: [(letter: DeadLetter, replayed: Bool)] = []
    do {
      while results.count < limit, let delivery = try await connection.get(queue: name) {
        let letter = DeadLetter(delivery: delivery)
        if decide(letter) == .replay, let message = letter.replayMessage() {
          let outcome = try await connection.publish([message])
          guard outcome == [.confirmed] else {
            throw DeadLetterQueueError.replayRefused(
              messageId: letter.messageId ?? "-", outcome: "\(outcome)")
          }
          await connection.ack(delivery)
          results.append((letter, true))
        } else {
          held.append(delivery)
          results.append((letter, false))
        }
      }
    } catch {
      for delivery in held { await connection.nack(delivery, requeue: true) }
      throw error
    }
    for delivery in held { await connection.nack(delivery, requeue: true) }
    return results
  }
}

/// Why a dead-letter operation failed.
public enum DeadLetterQueueError: Error, CustomStringConvertible {
  /// The broker did not confirm the replayed message.
  case replayRefused(messageId: String, outcome: String)

  public var description: String {
    switch self {
    case .replayRefused(let id, let outcome):
      "replay of message \(id) was not accepted by the broker (\(outcome)); it stays dead-lettered"
    }
  }
}
