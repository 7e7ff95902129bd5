import DurableMessaging
import HubConfiguration
import ServiceRuntime

/// The database, broker and messaging settings of a service, from `RJHUB_*` variables.
public struct MessagingSettings: Sendable {
  /// `RJHUB_DATABASE_URL` (or `RJHUB_DATABASE_URL_FILE`): the service's own role.
  public var databaseURL: Secret
  /// `RJHUB_AMQP_URL` (or `RJHUB_AMQP_URL_FILE`): the service's own broker user.
  public var amqpURL: Secret
  /// `RJHUB_DB_POOL_SIZE`: connections for handlers and the API.
  public var poolSize: Int
  /// `RJHUB_PREFETCH`: unacknowledged deliveries per consumer.
  public var prefetch: Int
  /// `RJHUB_CONSUMER_BATCH`: deliveries handled per transaction.
  public var consumerBatchSize: Int
  /// `RJHUB_MAX_ATTEMPTS`: handler failures before a message is dead-lettered.
  public var maxAttempts: Int
  /// `RJHUB_RELAY_BATCH`: outbox messages per confirm window.
  public var relayBatchSize: Int
  /// `RJHUB_RELAY_POLL_INTERVAL`: the relay's safety-net poll.
  public var relayPollInterval: Duration
  /// `RJHUB_INBOX_RETENTION`: how long handled message ids are kept for de-duplication.
  public var inboxRetention: Duration

  /// Every variable with its default and meaning, for `rjhub env` and the README.
  public static let documentation: [SettingDocumentation] = [
    (
      "RJHUB_DATABASE_URL", "required",
      "postgresql://role:password@host:port/database for the service's own role (or RJHUB_DATABASE_URL_FILE)."
    ),
    (
      "RJHUB_AMQP_URL", "required",
      "amqp://user:password@host:port/vhost for the service's own broker user (or RJHUB_AMQP_URL_FILE)."
    ),
    ("RJHUB_DB_POOL_SIZE", "4", "Database connections for message handlers and the HTTP API."),
    (
      "RJHUB_PREFETCH", "1000", "Unacknowledged deliveries the broker sends ahead to each consumer."
    ),
    ("RJHUB_CONSUMER_BATCH", "500", "Most deliveries handled in one database transaction."),
    (
      "RJHUB_MAX_ATTEMPTS", "5",
      "Handler failures before a message is dead-lettered (retries-exhausted)."
    ),
    ("RJHUB_RELAY_BATCH", "500", "Outbox messages published per confirm window."),
    (
      "RJHUB_RELAY_POLL_INTERVAL", "1s",
      "How often the outbox relay looks without a NOTIFY wake-up."
    ),
    (
      "RJHUB_INBOX_RETENTION", "168h",
      "How long handled message ids are kept to recognise duplicates."
    ),
  ]

  /// Reads the settings; errors name the variable and what it expects.
  public init(environment: EnvironmentReader) throws(ConfigurationError) {
    databaseURL = try environment.secret("RJHUB_DATABASE_URL")
    amqpURL = try environment.secret("RJHUB_AMQP_URL")
    poolSize = try environment.int("RJHUB_DB_POOL_SIZE", default: 4, range: 1...200)
    prefetch = try environment.int("RJHUB_PREFETCH", default: 1000, range: 1...65_535)
    consumerBatchSize = try environment.int("RJHUB_CONSUMER_BATCH", default: 500, range: 1...10_000)
    maxAttempts = try environment.int("RJHUB_MAX_ATTEMPTS", default: 5, range: 1...100)
    relayBatchSize = try environment.int("RJHUB_RELAY_BATCH", default: 500, range: 1...10_000)
    relayPollInterval = try environment.duration("RJHUB_RELAY_POLL_INTERVAL", default: .seconds(1))
    inboxRetention = try environment.duration(
      "RJHUB_INBOX_RETENTION", default: .seconds(7 * 86_400))
  }
}
