import AMQPClient
import EventContracts
import Foundation
import TestSupport

/// What facilitator-matching decided, read from the observer queue bound to `rj.events`.
final class Decisions {
  /// One request's decision as seen.
  struct Decision {
    var allocations = 0
    var lastAllocatedAt: Date?
    var unfilled = false
    /// Decided: a pair allocated, or a part left unfilled (the other may follow).
    var done: Bool { allocations >= 2 || unfilled }
  }

  let consumer: AMQPConsumer
  let rig: ServiceAPIRig
  var seen: [String: Decision] = [:]

  init(rig: ServiceAPIRig) async throws {
    self.rig = rig
    guard let queue = rig.observerQueue else { throw BenchmarkFailure("no observer queue") }
    consumer = try await rig.admin.consume(queue: queue, prefetch: 500)
  }

  /// Waits (at most ten minutes) until every request of `ids` is decided; their decisions.
  func wait(for ids: Set<String>) async throws -> [String: Decision] {
    let deadline = ContinuousClock.now + .seconds(600)
    var iterator = consumer.makeAsyncIterator()
    while ids.contains(where: { seen[$0]?.done != true }) {
      guard ContinuousClock.now < deadline, let delivery = await iterator.next() else {
        throw BenchmarkFailure("timed out waiting for decisions")
      }
      await rig.admin.ack(delivery)
      switch delivery.routingKey {
      case FacilitatorAllocated.routingKey:
        let event = try EventCoding.decode(FacilitatorAllocated.self, from: delivery.body)
        var decision = seen[event.data.requestId] ?? Decision()
        decision.allocations += 1
        decision.lastAllocatedAt = max(
          decision.lastAllocatedAt ?? .distantPast, event.data.allocatedAt)
        seen[event.data.requestId] = decision
      case AllocationUnfilled.routingKey:
        let event = try EventCoding.decode(AllocationUnfilled.self, from: delivery.body)
        seen[event.data.requestId, default: Decision()].unfilled = true
      default: break
      }
    }
    return seen.filter { ids.contains($0.key) }
  }
}

/// Prints latency percentiles.
enum Report {
  /// Request → its pair's last allocation (`allocatedAt` − `requestedAt`) for the requests of
  /// `decisions` that got a pair, as p50/p95/p99 in milliseconds.
  static func latency(
    _ label: String, _ decisions: [String: Decisions.Decision], requestedAt: [String: Date]
  ) {
    let millis = decisions.compactMap { id, decision -> Double? in
      guard decision.allocations >= 2, let end = decision.lastAllocatedAt,
        let start = requestedAt[id]
      else { return nil }
      return end.timeIntervalSince(start) * 1000
    }.sorted()
    guard !millis.isEmpty else {
      print("\(label): no pairs allocated")
      return
    }
    func at(_ p: Double) -> Double { millis[min(millis.count - 1, Int(Double(millis.count) * p))] }
    print(
      String(
        format: "%@: %d pairs, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms", label,
        millis.count, at(0.5), at(0.95), at(0.99), millis.last ?? 0))
  }
}
