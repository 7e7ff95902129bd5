import DurableMessaging
import Foundation
import HubAreas
import HubConfiguration
import ServiceRuntime

/// The notifications service's own settings, read from `RJHUB_SMTP_*`, `RJHUB_NOTIFY_*` and
/// `RJHUB_LETTER_DROP_*` environment variables and the areas directory (the database and
/// broker settings are the runner's).
///
/// `RJHUB_SMTP_URL` is required: a notifications service that cannot send email refuses to
/// start rather than queue mail it will never deliver.
public struct NotificationsSettings: Sendable {
  /// Where and how email is sent.
  public var smtp: SMTPConfiguration
  /// How the delivery loop claims, retries and gives up.
  public var delivery: DeliveryConfiguration
  /// Delivery loops per replica, each with its own relay connection (`RJHUB_NOTIFY_SENDERS`):
  /// one send waits on the relay's round trips, so a few in parallel keep it busy.
  public var senders = 4
  /// Where letters are handed to the print-and-post provider (`RJHUB_LETTER_DROP_DIR`,
  /// `RJHUB_LETTER_DROP_INTERVAL`).
  public var letterDrop: LetterDropConfiguration
  /// The areas (``HubAreaDirectory``: `RJHUB_AREAS_FILE`, `RJHUB_INTAKE_AREAS`), whose office
  /// addresses are the letters' return addresses.
  public var directory: HubAreaDirectory

  /// The letter drop's folder when `RJHUB_LETTER_DROP_DIR` is unset: `letter-drop` in the
  /// hub's state folder (`RJHUB_STATE_DIR`, by default `.local` in the working directory,
  /// the checkout when `infra/hub.sh` starts it).
  public static func defaultLetterDropFolder(environment: EnvironmentReader) -> String {
    let state = environment.string("RJHUB_STATE_DIR", default: ".local")
    return (state.hasSuffix("/") ? state : state + "/") + "letter-drop"
  }

  /// Every variable with its default and meaning, for `rjhub env` and the README.
  public static let documentation: [SettingDocumentation] = [
    (
      "RJHUB_SMTP_URL", "required",
      "smtp://host:port (STARTTLS optional, see RJHUB_SMTP_STARTTLS) or smtps://host:port (TLS from the start) of the relay that email is handed to."
    ),
    ("RJHUB_SMTP_FROM", "rj-hub@localhost", "The envelope sender and From address of every email."),
    ("RJHUB_SMTP_USERNAME", "none", "User name for SMTP AUTH; no AUTH when unset."),
    ("RJHUB_SMTP_PASSWORD", "none", "Password for SMTP AUTH (or RJHUB_SMTP_PASSWORD_FILE)."),
    (
      "RJHUB_SMTP_STARTTLS", "false",
      "Require STARTTLS on an smtp:// relay (the connection fails rather than send in clear)."
    ),
    (
      "RJHUB_NOTIFY_MAX_ATTEMPTS", "5",
      "Delivery attempts before a notification fails with reason attempts-exhausted."
    ),
    (
      "RJHUB_NOTIFY_RETRY_BACKOFF", "30s",
      "Wait before the first retry; doubles with each attempt, at most 1h."
    ),
    ("RJHUB_NOTIFY_BATCH", "50", "Notifications one delivery round claims at a time."),
    (
      "RJHUB_NOTIFY_CLAIM_LEASE", "5m",
      "How long a replica's claim holds a notification; one claimed by a replica that died is sent by another once it lapses. At least 2m (above the 60s send timeout and 30s kept for recording the outcome)."
    ),
    (
      "RJHUB_NOTIFY_SENDERS", "4",
      "Delivery loops per replica, each with its own relay connection, sharing the due notifications."
    ),
    (
      "RJHUB_LETTER_DROP_DIR", "$RJHUB_STATE_DIR/letter-drop (.local/letter-drop)",
      "The print-and-post provider's spool folder: each letter is written there as <notification id, percent-encoded>.pdf, atomically (docs/operations.md, Letters)."
    ),
    (
      "RJHUB_LETTER_DROP_INTERVAL", "5s",
      "How often the letter drop looks for rendered letters to hand over."
    ),
    (
      "RJHUB_STATE_DIR", ".local",
      "The hub's state folder; the letter drop's default folder is inside it."
    ),
  ]

  /// Reads the settings; errors (``ConfigurationError``) name the variable and never show
  /// its value.
  public init(environment: EnvironmentReader) throws {
    let url = try environment.requiredString("RJHUB_SMTP_URL")
    guard SMTPConfiguration.isRelayURL(url) else {
      throw ConfigurationError(
        variable: "RJHUB_SMTP_URL", expected: "smtp://host:port or smtps://host:port",
        reason: .malformed)
    }
    let from = environment.string("RJHUB_SMTP_FROM", default: SMTPConfiguration.defaultFrom)
    guard EmailAddress.isUsable(from) else {
      throw ConfigurationError(
        variable: "RJHUB_SMTP_FROM", expected: "a plain address such as rj-hub@example.org",
        reason: .malformed)
    }
    smtp = SMTPConfiguration(
      url: url, from: from, username: environment.raw("RJHUB_SMTP_USERNAME"),
      password: try environment.optionalSecret("RJHUB_SMTP_PASSWORD"),
      startTLS: try environment.bool("RJHUB_SMTP_STARTTLS", default: false))
    delivery = DeliveryConfiguration()
    delivery.maxAttempts = try environment.int(
      "RJHUB_NOTIFY_MAX_ATTEMPTS", default: delivery.maxAttempts, range: 1...100)
    delivery.retryBackoff = Backoff(
      initial: try environment.duration("RJHUB_NOTIFY_RETRY_BACKOFF", default: .seconds(30)),
      maximum: .seconds(3600))
    delivery.batchSize = try environment.int(
      "RJHUB_NOTIFY_BATCH", default: delivery.batchSize, range: 1...1000)
    senders = try environment.int("RJHUB_NOTIFY_SENDERS", default: senders, range: 1...32)
    delivery.claimLease = try environment.duration(
      "RJHUB_NOTIFY_CLAIM_LEASE", default: delivery.claimLease)
    guard delivery.claimLease >= Self.minimumClaimLease else {
      throw ConfigurationError(
        variable: "RJHUB_NOTIFY_CLAIM_LEASE", expected: "a duration of at least 2m",
        reason: .malformed)
    }
    letterDrop = LetterDropConfiguration(
      folder: environment.raw("RJHUB_LETTER_DROP_DIR")
        ?? Self.defaultLetterDropFolder(environment: environment))
    letterDrop.pollInterval = try environment.duration(
      "RJHUB_LETTER_DROP_INTERVAL", default: letterDrop.pollInterval)
    guard letterDrop.pollInterval > .zero else {
      throw ConfigurationError(
        variable: "RJHUB_LETTER_DROP_INTERVAL", expected: "a duration above zero",
        reason: .malformed)
    }
    directory = try HubAreaDirectory(environment: environment)
  }

  /// The shortest claim lease: a send may take the SMTP send timeout (60s) and recording its
  /// outcome the claim margin (30s), with time to spare.
  static let minimumClaimLease: Duration = .seconds(120)
}
