import Metrics

/// The metric names durable messaging reports, with the labels each carries. Labels are
/// queue names, exchanges, event routing keys and reason codes: never personal data.
public enum MessagingMetricNames {
  /// Counter: deliveries handled, by `queue` and `outcome` (`processed`, `duplicate`).
  public static let consumed = "rjhub_messages_consumed_total"
  /// Counter: messages published and confirmed, by `exchange`.
  public static let published = "rjhub_messages_published_total"
  /// Counter: handling attempts that failed and will be retried, by `queue` and `kind`
  /// (`transient`, `handler`).
  public static let retried = "rjhub_messages_retried_total"
  /// Counter: messages sent to the dead-letter queue, by `queue` and `reason`.
  public static let deadLettered = "rjhub_messages_dead_lettered_total"
  /// Timer: how long one batch of deliveries took to handle and commit, by `queue`.
  public static let handlerDuration = "rjhub_handler_duration_seconds"
  /// Gauge: outbox messages waiting to be published, by `schema`.
  public static let outboxBacklog = "rjhub_outbox_backlog"
  /// Gauge: age in seconds of the oldest waiting outbox message, by `schema`.
  public static let outboxOldestAge = "rjhub_outbox_oldest_age_seconds"
  /// Gauge: outbox messages parked after too many failed publishes, by `schema`.
  public static let outboxParked = "rjhub_outbox_parked"
  /// Counter: publishes the broker refused or returned as unroutable, by `exchange`.
  public static let publishFailures = "rjhub_outbox_publish_failures_total"
}
