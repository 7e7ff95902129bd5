/// A request from async callers to the connection's owning thread. Each carries the
/// continuation that the thread resumes when the work is done.
enum ConnectionCommand: Sendable {
  case publish([OutgoingMessage], CheckedContinuation<[PublishOutcome], Error>)
  case declare(AMQPTopology, CheckedContinuation<Void, Error>)
  case consume(ConsumerRegistration, CheckedContinuation<Void, Error>)
  case cancel(consumerID: Int, CheckedContinuation<Void, Never>?)
  case get(queue: String, CheckedContinuation<Delivery?, Error>)
  case settle(Settlement)
  case messageCount(queue: String, CheckedContinuation<Int, Error>)
  case deleteQueue(String, CheckedContinuation<Void, Error>)
  case purgeQueue(String, CheckedContinuation<Void, Error>)
  case close(CheckedContinuation<Void, Never>?)

  /// Resumes the waiting caller with `error` (used when the command cannot run at all).
  func fail(_ error: AMQPError) {
    switch self {
    case .publish(_, let continuation): continuation.resume(throwing: error)
    case .declare(_, let continuation): continuation.resume(throwing: error)
    case .consume(let registration, let continuation):
      registration.continuation.finish()
      continuation.resume(throwing: error)
    case .cancel(_, let continuation): continuation?.resume()
    case .get(_, let continuation): continuation.resume(throwing: error)
    case .settle: break
    case .messageCount(_, let continuation): continuation.resume(throwing: error)
    case .deleteQueue(_, let continuation): continuation.resume(throwing: error)
    case .purgeQueue(_, let continuation): continuation.resume(throwing: error)
    case .close(let continuation): continuation?.resume()
    }
  }
}

/// An ack or nack of a delivery, sent without waiting for an answer (AMQP has none).
struct Settlement: Sendable {
  enum Kind: Sendable {
    case ack
    case nack(requeue: Bool)
  }
  var kind: Kind
  var deliveryTag: UInt64
  var multiple: Bool
  var channel: UInt16
  var channelEpoch: UInt64
  var generation: UInt64
}

/// What the owning thread needs to (re)subscribe a consumer.
struct ConsumerRegistration: Sendable {
  var id: Int
  var queue: String
  var prefetch: Int
  var continuation: AsyncStream<Delivery>.Continuation
}
