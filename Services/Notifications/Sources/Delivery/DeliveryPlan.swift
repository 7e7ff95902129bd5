import EventContracts

/// What to do with a claimed notification, decided from the row alone before anything is
/// rendered or sent. Pure, so every branch is testable without servers.
enum DeliveryPlan: Sendable, Equatable {
  /// Send an email to this address.
  case email(address: String)
  /// Print a letter to this postal address.
  case letter(address: String)
  /// Give up at once, for this reason.
  case fail(FailureReason)

  /// The plan for `notification` on its current attempt, with at most `maxAttempts`.
  ///
  /// An attempt beyond `maxAttempts` means earlier claims ended without an outcome (their
  /// replica died mid-send): it fails as `attempts-exhausted` rather than loop forever.
  static func decide(_ notification: ClaimedNotification, maxAttempts: Int) -> DeliveryPlan {
    guard notification.attempt <= maxAttempts else { return .fail(.attemptsExhausted) }
    switch notification.channel {
    case .phone:
      return .fail(.channelUnsupported)
    case .email:
      guard let address = notification.recipient.email?.trimmingCharacters(in: .whitespaces),
        EmailAddress.isUsable(address)
      else { return .fail(.noAddress) }
      return .email(address: address)
    case .letter:
      guard let address = notification.recipient.address,
        !address.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
      else { return .fail(.noAddress) }
      return .letter(address: address)
    }
  }
}
