import Foundation

/// Intake rejected a referral submission; lists every problem found, field by field, so the
/// sender can fix them all at once. Routing key "referral.rejected.v1".
public struct ReferralRejected: EventPayload {
  /// "referral.rejected".
  public static let eventType = "referral.rejected"
  /// Version 1.
  public static let eventVersion = 1

  /// The sender's own reference, when the submission carried a readable one.
  public var referralId: String?
  /// The sending system, when the submission carried a readable one.
  public var sourceSystem: String?
  /// When intake received the submission.
  public var receivedAt: Date
  /// What is wrong, one entry per problem; never empty.
  public var errors: [ReferralError]

  /// Builds the payload.
  public init(
    referralId: String? = nil, sourceSystem: String? = nil, receivedAt: Date,
    errors: [ReferralError]
  ) {
    self.referralId = referralId
    self.sourceSystem = sourceSystem
    self.receivedAt = receivedAt
    self.errors = errors
  }
}
