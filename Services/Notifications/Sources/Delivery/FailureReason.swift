/// Why a notification was given up, as carried by `notification.failed.v1` (a code, never
/// an address).
enum FailureReason: String, Sendable, CaseIterable {
  /// No usable address for the channel (no email, or not a valid one; no postal address).
  case noAddress = "no-address"
  /// The channel cannot be delivered by this service (texts and calls).
  case channelUnsupported = "channel-unsupported"
  /// The relay refused the recipient or the message permanently (a 5xx reply).
  case recipientRefused = "recipient-refused"
  /// Every attempt failed temporarily (relay unreachable, 4xx replies, ...).
  case attemptsExhausted = "attempts-exhausted"
}
