/// Where a letter is, as `letters.status` records it.
enum LetterStatus: String, Sendable, Codable, CaseIterable {
  /// Rendered and sealed; the letter drop has not yet written it into the spool.
  case queued
  /// Written into the print provider's drop folder; announced as `notification.sent.v1`.
  case handedOver = "handed-over"
  /// The post office brought it back undelivered (recorded by hub staff).
  case returned
}

/// Why a letter came back, as Royal Mail's return labels say it (a code, never an address).
public enum LetterReturnReason: String, Sendable, Codable, CaseIterable {
  /// "Addressee gone away".
  case goneAway = "gone-away"
  /// "Not known at this address".
  case notKnown = "not-known"
  /// "Addressee refused to accept".
  case refused
  /// "Insufficient address".
  case insufficientAddress = "insufficient-address"
  /// "No such address".
  case noSuchAddress = "no-such-address"
  /// Any other reason.
  case other
}
