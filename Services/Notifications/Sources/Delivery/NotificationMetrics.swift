import EventContracts
import Metrics
import SMTPClient

/// The metrics notifications reports. Labels are purposes, channels, outcomes and reason
/// codes: never personal data.
enum NotificationMetrics {
  /// Counter: notifications settled or retried, by `purpose`, `channel` and `outcome`
  /// (`sent`, `failed`, `retried`).
  static let total = "rjhub_notifications_total"
  /// Counter: notifications given up, by `purpose`, `channel` and `reason`.
  static let failures = "rjhub_notification_failures_total"
  /// Timer: how long handing one email to the relay took, by `outcome` (`accepted`,
  /// `refused`, `transient`).
  static let smtpDuration = "rjhub_notification_smtp_duration_seconds"

  /// Counter: letters by `purpose` and `outcome` (`queued`, `handed-over`, `returned`).
  static let letters = "rjhub_letters_total"

  /// Counts one letter's `outcome`.
  static func letter(_ outcome: String, purpose: NotificationPurpose) {
    Counter(label: letters, dimensions: [("purpose", purpose.rawValue), ("outcome", outcome)])
      .increment()
  }

  /// Counts one `outcome` of `notification`.
  static func count(_ outcome: String, _ notification: ClaimedNotification) {
    Counter(
      label: total,
      dimensions: [
        ("purpose", notification.purpose.rawValue), ("channel", notification.channel.rawValue),
        ("outcome", outcome),
      ]
    ).increment()
  }

  /// Counts one notification given up for `reason`.
  static func failed(_ notification: ClaimedNotification, reason: FailureReason) {
    count("failed", notification)
    Counter(
      label: failures,
      dimensions: [
        ("purpose", notification.purpose.rawValue), ("channel", notification.channel.rawValue),
        ("reason", reason.rawValue),
      ]
    ).increment()
  }

  /// Records how long one send took.
  static func smtp(_ outcome: SMTPOutcome, nanoseconds: Int64) {
    let label: String
    switch outcome {
    case .accepted: label = "accepted"
    case .refused: label = "refused"
    case .transient: label = "transient"
    }
    Timer(label: smtpDuration, dimensions: [("outcome", label)]).recordNanoseconds(nanoseconds)
  }
}
