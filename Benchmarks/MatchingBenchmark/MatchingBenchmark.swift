import AMQPClient
import EventContracts
import Foundation
import TestSupport

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// facilitator-matching's allocation benchmark: the release `rjhub-facilitator-matching`
/// against the real PostgreSQL and RabbitMQ (quorum queues, publisher confirms, fsync'd commits,
/// inbox and outbox all on), a register of synthetic facilitators registered through its API,
/// then requests for facilitators published to `rj.events` as victim-contact's relay would:
///
/// - a flood (every request at once): requests decided per second and allocations per second,
///   from the first publish to the last decision seen on `rj.events`;
/// - a paced run (100 requests a second): request → pair allocated latency, p50/p95/p99, from
///   the request's `requestedAt` to its last allocation's `allocatedAt`.
///
/// Usage: `rjhub-matching-benchmark [facilitators, 10000] [requests, 10000] [areas, 20]`.
@main
struct MatchingBenchmark {
  static func main() async throws {
    let arguments = CommandLine.arguments.dropFirst().compactMap(Int.init)
    let facilitators = arguments.first ?? 10_000
    let requests = arguments.dropFirst().first ?? 10_000
    let areaCount = arguments.dropFirst(2).first ?? 20
    let run = String(UUID().uuidString.lowercased().prefix(6))
    let areas = (0..<areaCount).map { "mb-\(run)-a\($0)" }
    print(
      "facilitator-matching benchmark: \(facilitators) facilitators in \(areaCount) areas, "
        + "\(requests) requests (flood), then 1000 paced at 100/s")
    print("durability: quorum queues, publisher confirms, synchronous commits, inbox + outbox")
    let rig = try await ServiceAPIRig(
      service: "facilitator-matching", environment: ["RJHUB_LOG_LEVEL": "warning"],
      observing: [FacilitatorAllocated.routingKey, AllocationUnfilled.routingKey])
    do {
      try await measure(
        rig, facilitators: facilitators, requests: requests, areas: areas, run: run)
    } catch {
      await rig.tearDown()
      throw error
    }
    await rig.tearDown()
  }

  /// The benchmark's runs against the started service.
  static func measure(
    _ rig: ServiceAPIRig, facilitators: Int, requests: Int, areas: [String], run: String
  ) async throws {
    do {
      let register = try await Register.load(
        facilitators, areas: areas, run: run, rig: rig)
      print(
        String(
          format: "register: %d facilitators in %.1f s (%.0f/s through POST /facilitators)",
          facilitators, register, Double(facilitators) / register))
      let observer = try await Decisions(rig: rig)
      let flood = Requests.make(requests, areas: areas, run: run, prefix: "flood")
      let started = ContinuousClock.now
      try await Requests.publish(flood, rig: rig)
      let published = ContinuousClock.now - started
      let decided = try await observer.wait(for: Set(flood.map(\.data.requestId)))
      let elapsed = (ContinuousClock.now - started).seconds
      let allocations = decided.values.reduce(0) { $0 + $1.allocations }
      let unfilled = decided.values.filter(\.unfilled).count
      print(
        String(
          format:
            "flood: %d requests decided in %.2f s (published in %.2f s): %.0f requests/s, %.0f allocations/s; %d allocations, %d requests left unfilled",
          decided.count, elapsed, published.seconds, Double(decided.count) / elapsed,
          Double(allocations) / elapsed, allocations, unfilled))
      Report.latency(
        "flood, request → pair allocated (includes waiting behind the backlog)", decided,
        requestedAt: Dictionary(
          uniqueKeysWithValues: flood.map { ($0.data.requestId, $0.data.requestedAt) }))

      let paced = Requests.make(1000, areas: areas, run: run, prefix: "paced")
      let pacedStart = ContinuousClock.now
      var stamps: [String: Date] = [:]
      for (index, request) in paced.enumerated() {
        let due = pacedStart + .milliseconds(index * 10)
        if ContinuousClock.now < due { try await Task.sleep(until: due) }
        var stamped = request
        stamped.data.requestedAt = Date()
        stamps[stamped.data.requestId] = stamped.data.requestedAt
        try await rig.publish([stamped])
      }
      let pacedDecided = try await observer.wait(for: Set(paced.map(\.data.requestId)))
      Report.latency(
        "paced at 100/s, request → pair allocated", pacedDecided, requestedAt: stamps)
    }
  }
}

extension Duration {
  /// The duration in seconds.
  var seconds: Double {
    let (s, atto) = components
    return Double(s) + Double(atto) / 1e18
  }
}
