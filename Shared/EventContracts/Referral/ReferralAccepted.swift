import Foundation

/// Intake accepted a referral submission and opened (or linked it to) a case; the reply a
/// police system waits for. Routing key "referral.accepted.v1".
public struct ReferralAccepted: EventPayload {
  /// "referral.accepted".
  public static let eventType = "referral.accepted"
  /// Version 1.
  public static let eventVersion = 1

  /// The sender's own reference, as submitted.
  public var referralId: String
  /// The sending system, as submitted.
  public var sourceSystem: String
  /// The hub's case the referral belongs to.
  public var caseId: String
  /// When intake received the submission.
  public var receivedAt: Date
  /// True when the referral joined an already open case (counted as a linked referral).
  public var linkedToExistingCase: Bool

  /// Builds the payload.
  public init(
    referralId: String, sourceSystem: String, caseId: String, receivedAt: Date,
    linkedToExistingCase: Bool
  ) {
    self.referralId = referralId
    self.sourceSystem = sourceSystem
    self.caseId = caseId
    self.receivedAt = receivedAt
    self.linkedToExistingCase = linkedToExistingCase
  }
}
