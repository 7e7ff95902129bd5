import Foundation

/// A case was transferred out of its area to another area's hub (a victim who moved away):
/// the sending area stops working it, and the receiving area gets the referral — opened at
/// once when this deployment serves that area too, else sent to the receiving hub on exchange
/// `rj.transfers` as a `referral.submitted.v1` document with routing key
/// `<toArea>.referral.submitted.v1`, which that hub's intake consumes like any referral.
/// Carries no personal data. Routing key "case.transferred-out.v1".
public struct CaseTransferredOut: EventPayload {
  /// "case.transferred-out".
  public static let eventType = "case.transferred-out"
  /// Version 1.
  public static let eventVersion = 1

  /// The case transferred, in the sending area.
  public var caseId: String
  /// The sending area.
  public var fromArea: String
  /// The receiving area.
  public var toArea: String
  /// Why.
  public var reason: Reason
  /// When the hub decided it.
  public var transferredAt: Date
  /// The `referralId` of the referral sent to the receiving area (its `sourceSystem` is
  /// `rjhub-<fromArea>`), by which the receiving hub answers.
  public var transferReferralId: String
  /// The case the receiving area opened, when this deployment serves it; nil when the
  /// referral went to another hub.
  public var receivingCaseId: String?

  /// Why a case moves to another area.
  public enum Reason: String, Codable, Sendable, CaseIterable {
    /// The victim moved to the other area.
    case victimMoved = "victim-moved"
    /// The offender moved (or was moved, e.g. to a prison) to the other area.
    case offenderMoved = "offender-moved"
    /// The referral was sent to the wrong area.
    case wrongArea = "wrong-area"
    /// Another reason agreed between the hubs.
    case other
  }

  /// Builds the payload.
  public init(
    caseId: String, fromArea: String, toArea: String, reason: Reason, transferredAt: Date,
    transferReferralId: String, receivingCaseId: String?
  ) {
    self.caseId = caseId
    self.fromArea = fromArea
    self.toArea = toArea
    self.reason = reason
    self.transferredAt = transferredAt
    self.transferReferralId = transferReferralId
    self.receivingCaseId = receivingCaseId
  }
}
