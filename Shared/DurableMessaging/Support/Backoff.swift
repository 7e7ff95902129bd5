/// Exponential backoff with jitter, for retrying transient failures (a database or broker
/// that is restarting) without hammering it.
public struct Backoff: Sendable, Hashable {
  /// The first delay.
  public var initial: Duration
  /// The largest delay.
  public var maximum: Duration

  /// Delays start at `initial` and double up to `maximum`.
  public init(initial: Duration = .milliseconds(100), maximum: Duration = .seconds(5)) {
    self.initial = initial
    self.maximum = maximum
  }

  /// The delay before retry number `attempt` (0-based): `initial · 2^attempt`, capped, with
  /// up to 20% random jitter so replicas do not retry in step.
  public func delay(attempt: Int) -> Duration {
    let factor = Double(1 << min(max(attempt, 0), 20))
    let base = min(initial * factor, maximum)
    return base * Double.random(in: 0.8...1.0)
  }
}
