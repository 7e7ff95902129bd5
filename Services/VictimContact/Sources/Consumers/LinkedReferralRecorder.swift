import DurableMessaging
import EventContracts
import Foundation

/// Acts on `case.referral-linked`: keeps the further referral of the case once and
/// acknowledges its referrer by email when they gave an address (the Victims' Code's
/// acknowledgement is owed to every referrer, not only the first). A referrer without an
/// email is kept for the case worker, who sees the case's linked referrals.
struct LinkedReferralRecorder: Sendable {
  let linkedReferrals: LinkedReferralStore
  let notifications: NotificationLedger
  let personalData: CasePersonalData

  func record(_ event: EventEnvelope<CaseReferralLinked>, now: Date, context: InboxContext)
    throws
  {
    let linked = event.data
    let acknowledgement = Self.acknowledgement(
      linked, area: event.area,
      id: acknowledgementId(caseId: linked.caseId, linked: linked))
    guard
      try linkedReferrals.record(
        linked, area: event.area, acknowledgementId: acknowledgement?.notificationId, at: now,
        in: context.session)
    else { return }
    var origin = EventOrigin(
      producer: VictimContactService.name, cause: event, caseId: linked.caseId, now: now)
    origin.area = event.area
    if let acknowledgement,
      try notifications.requested(
        acknowledgement, caseId: linked.caseId, at: now, in: context.session)
    {
      try context.emit(
        origin.envelope(
          NotificationRequested(
            notificationId: acknowledgement.notificationId, caseId: linked.caseId,
            purpose: acknowledgement.purpose, channel: acknowledgement.channel,
            recipient: acknowledgement.recipient, language: nil,
            values: acknowledgement.values, requestedAt: now),
          purpose: "notification:\(acknowledgement.notificationId)"),
        to: EventExchange.events)
    }
    context.logger.info(
      "linked referral recorded",
      metadata: [
        "case_id": "\(linked.caseId)", "matched_by": "\(linked.matchedBy.rawValue)",
        "referrer_type": "\(linked.referrerType.rawValue)",
        "acknowledged": "\(acknowledgement != nil)",
      ])
  }

  /// The acknowledgement for the linked referral's referrer: an email when they gave one.
  static func acknowledgement(_ linked: CaseReferralLinked, area: String, id: String)
    -> PlannedNotification?
  {
    guard let email = linked.referrer.email, !email.isEmpty else { return nil }
    return PlannedNotification(
      notificationId: id, purpose: .referrerAcknowledgement, channel: .email,
      recipient: NotificationRequested.Recipient(name: linked.referrer.name, email: email),
      language: nil,
      values: ["caseId": linked.caseId, "referralId": linked.referralId, "area": area])
  }

  /// `<caseId>/referrer-acknowledgement/<16 hex>`: one per linked referral, the same on every
  /// replica, and safe in a Message-ID (the referral's own reference is hashed, not copied).
  func acknowledgementId(caseId: String, linked: CaseReferralLinked) -> String {
    let digest = personalData.sealer.matchingHash(
      [linked.sourceSystem, linked.referralId], purpose: "linked-referral-acknowledgement")
    return "\(PlannedNotification.id(caseId: caseId, purpose: .referrerAcknowledgement))/"
      + digest.prefix(16)
  }
}
