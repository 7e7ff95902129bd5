import CoreMetrics
import Prometheus

/// Owns a Prometheus registry and, for a running service, makes it swift-metrics' backend.
///
/// Libraries record metrics through swift-metrics (`Counter`, `Timer`, ...); once
/// ``bootstrapped`` has been used, those land in its registry, and ``render()`` produces the
/// Prometheus text exposition that `GET /metrics` serves.
///
/// swift-metrics allows `MetricsSystem.bootstrap` once per process, so the process-wide instance
/// is the static ``bootstrapped``, created (and bootstrapped) on first use. Tests create their
/// own instance with ``init(registry:)`` and record through ``factory`` instead.
public struct MetricsBootstrap: Sendable {
  /// The registry holding every metric recorded through ``factory``.
  public let registry: PrometheusCollectorRegistry

  /// A swift-metrics factory that records into ``registry``.
  public var factory: PrometheusMetricsFactory { PrometheusMetricsFactory(registry: registry) }

  /// Creates a metrics owner around `registry` without touching the global `MetricsSystem`.
  public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
    self.registry = registry
  }

  /// The process-wide instance, whose factory is bootstrapped as `MetricsSystem`'s backend on
  /// first access. Every later access returns the same instance without bootstrapping again.
  public static let bootstrapped: MetricsBootstrap = {
    let metrics = MetricsBootstrap()
    MetricsSystem.bootstrap(metrics.factory)
    return metrics
  }()

  /// Every metric in ``registry`` in the Prometheus text exposition format (version 0.0.4).
  public func render() -> String {
    registry.emitToString()
  }

  /// Like ``render()``, as UTF-8 bytes, for writing into a response without a copy through
  /// `String`.
  public func renderBytes() -> [UInt8] {
    registry.emitToBuffer()
  }
}
