/// The deliveries of one `basic.consume` subscription, as an async sequence.
///
/// The subscription survives reconnects: the same sequence keeps yielding after the
/// connection is re-established (deliveries then carry a higher ``Delivery/generation``). It
/// finishes after ``cancel()``, ``AMQPConnection/close()``, or when the broker cancels the
/// consumer (for example because its queue was deleted).
public final class AMQPConsumer: AsyncSequence, Sendable {
  /// Each element is one message to ack or nack through the connection.
  public typealias Element = Delivery

  /// The queue this consumer reads.
  public let queue: String
  let id: Int
  private let stream: AsyncStream<Delivery>
  private let continuation: AsyncStream<Delivery>.Continuation
  private let mailbox: CommandMailbox

  init(
    id: Int, queue: String, stream: AsyncStream<Delivery>,
    continuation: AsyncStream<Delivery>.Continuation, mailbox: CommandMailbox
  ) {
    self.id = id
    self.queue = queue
    self.stream = stream
    self.continuation = continuation
    self.mailbox = mailbox
  }

  /// Iterates the deliveries; the sequence may be iterated by one task at a time.
  public func makeAsyncIterator() -> AsyncStream<Delivery>.Iterator {
    stream.makeAsyncIterator()
  }

  /// Stops new deliveries (basic.cancel) and finishes the sequence; deliveries already
  /// received can still be acked or nacked.
  public func cancel() async {
    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
      if mailbox.submit(.cancel(consumerID: id, done)) != nil {
        continuation.finish()
        done.resume()
      }
    }
  }
}
