import AMQPClient
import Synchronization

/// Deliveries received from the broker and not yet taken for handling.
///
/// The consumer's pump appends as deliveries arrive; the handling loop takes everything
/// waiting (up to a batch) at once, so batches grow by themselves while a transaction runs.
/// Its size is bounded by the channel's prefetch.
final class DeliveryBuffer: Sendable {
  struct State {
    var items: [Delivery] = []
    var waiter: CheckedContinuation<[Delivery]?, Never>?
    var finished = false
  }
  let state = Mutex(State())

  /// Adds a delivery, waking a waiting taker.
  func append(_ delivery: Delivery) {
    let waiter = state.withLock { state -> CheckedContinuation<[Delivery]?, Never>? in
      if let waiter = state.waiter {
        state.waiter = nil
        return waiter
      }
      state.items.append(delivery)
      return nil
    }
    waiter?.resume(returning: [delivery])
  }

  /// No more deliveries will come: takers get what is left, then `nil`.
  func finish() {
    let waiter = state.withLock { state -> CheckedContinuation<[Delivery]?, Never>? in
      state.finished = true
      defer { state.waiter = nil }
      return state.waiter
    }
    waiter?.resume(returning: nil)
  }

  /// Waits for at least one delivery and returns up to `max` of them, oldest first; `nil`
  /// once finished and empty, or when the calling task is cancelled.
  func take(max: Int) async -> [Delivery]? {
    await withTaskCancellationHandler {
      await withCheckedContinuation { continuation in
        let ready = state.withLock { state -> [Delivery]?? in
          if !state.items.isEmpty {
            let count = min(max, state.items.count)
            let batch = Array(state.items.prefix(count))
            state.items.removeFirst(count)
            return .some(batch)
          }
          if state.finished || Task.isCancelled { return .some(nil) }
          state.waiter = continuation
          return .none
        }
        if let ready { continuation.resume(returning: ready) }
      }
    } onCancel: {
      let waiter = state.withLock { state -> CheckedContinuation<[Delivery]?, Never>? in
        defer { state.waiter = nil }
        return state.waiter
      }
      waiter?.resume(returning: nil)
    }
  }
}
