/// Latency figures, printed the same way for every part of the benchmark.
enum Figures {
  static func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
  }

  /// The `fraction` percentile of `sorted` (nearest rank).
  static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
    return sorted[min(max(rank, 0), sorted.count - 1)]
  }

  /// `label  p50 … p95 … p99 … max … mean …` in milliseconds.
  static func line(_ label: String, _ values: [Double]) {
    let sorted = values.sorted()
    let mean = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count)
    print(
      "  " + label.padding(toLength: 22, withPad: " ", startingAt: 0)
        + String(
          format: "p50 %7.2f ms   p95 %7.2f ms   p99 %7.2f ms   max %7.2f ms   mean %7.2f ms",
          percentile(sorted, 0.5), percentile(sorted, 0.95), percentile(sorted, 0.99),
          sorted.last ?? 0, mean))
  }
}
