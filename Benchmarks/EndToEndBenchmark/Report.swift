import Foundation

/// The benchmark's figures: throughput from the first publish to the last acknowledgement,
/// and latency percentiles per referral.
struct Report {
  let publishedAt: [String: ContinuousClock.Instant]
  let observation: Observation
  let start: ContinuousClock.Instant
  let published: ContinuousClock.Instant

  /// Prints the figures for `count` referrals.
  func print(count: Int) {
    let opened = latencies(observation.opened)
    let acknowledged = latencies(observation.acknowledged)
    let last = observation.acknowledged.values.max() ?? published
    let total = seconds(last - start)
    Swift.print(
      String(
        format: "published in        %8.2f s  (%.0f referrals/s offered)",
        seconds(published - start), Double(count) / seconds(published - start)))
    Swift.print(
      String(
        format:
          "sustained           %8.1f referrals/s  (publish → acknowledgement sent, %d in %.2f s)",
        Double(count) / total, count, total))
    Swift.print(
      String(
        format: "case opened         p50 %8.1f ms   p99 %8.1f ms",
        percentile(opened, 0.50), percentile(opened, 0.99)))
    Swift.print(
      String(
        format: "acknowledgement     p50 %8.1f ms   p99 %8.1f ms",
        percentile(acknowledged, 0.50), percentile(acknowledged, 0.99)))
  }

  /// Milliseconds from publish to `events`, sorted.
  func latencies(_ events: [String: ContinuousClock.Instant]) -> [Double] {
    events.compactMap { id, at in publishedAt[id].map { seconds(at - $0) * 1000 } }.sorted()
  }

  /// The `fraction` percentile of sorted `values` (nearest rank).
  func percentile(_ values: [Double], _ fraction: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let rank = Int((fraction * Double(values.count)).rounded(.up)) - 1
    return values[max(0, min(values.count - 1, rank))]
  }

  func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }
}
