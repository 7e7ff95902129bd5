import DurableMessaging

/// How ``NotificationDelivery`` claims, retries and gives up.
public struct DeliveryConfiguration: Sendable {
  /// Notifications claimed per round (`RJHUB_NOTIFY_BATCH`).
  public var batchSize = 50
  /// Attempts before a notification fails as `attempts-exhausted`
  /// (`RJHUB_NOTIFY_MAX_ATTEMPTS`).
  public var maxAttempts = 5
  /// The wait before retry number n is `retryBackoff.delay(attempt: n - 1)`
  /// (`RJHUB_NOTIFY_RETRY_BACKOFF` sets its first delay).
  public var retryBackoff = Backoff(initial: .seconds(30), maximum: .seconds(3600))
  /// How long to wait for a wake-up before looking anyway (retries fall due by time).
  public var pollInterval: Duration = .seconds(1)
  /// How long a claim holds a notification before another round may take it again. Keep it
  /// well above the SMTP send timeout: a round stops sending (and gives back what is left)
  /// once less than the send timeout plus ``claimMargin`` of its lease remains
  /// (`RJHUB_NOTIFY_CLAIM_LEASE`). A notification claimed by a replica that died waits this
  /// long before another replica sends it.
  public var claimLease: Duration = .seconds(300)
  /// Time kept in hand at the end of a claim for recording the outcome.
  public var claimMargin: Duration = .seconds(30)
  /// Paces rounds after the database failed.
  public var failureBackoff = Backoff(initial: .milliseconds(200), maximum: .seconds(10))

  /// The defaults.
  public init() {}
}
