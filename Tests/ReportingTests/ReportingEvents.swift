import EventContracts
import Foundation
import Reporting
import TestSupport

/// Synthetic events as the other services publish them, carrying only what reporting
/// counts. Times are UTC; April 2025 is in British Summer Time (UTC+1), so a time late in a
/// UTC evening falls on the next London day.
enum ReportingEvents {
  static let area = "norfolk"
  static let otherArea = "suffolk"

  /// 1 to 30 April 2025 (London dates).
  static let april = FiguresPeriod(
    from: CalendarDate("2025-04-01")!, to: CalendarDate("2025-04-30")!)!

  /// A point in time from its RFC 3339 text, e.g. "2025-04-10T09:00:00Z".
  static func utc(_ text: String) -> Date {
    guard let date = ISO8601DateFormatter().date(from: text) else {
      preconditionFailure("bad test timestamp \(text)")
    }
    return date
  }

  /// A case id no other run uses.
  static func caseId() -> String {
    SyntheticCaseIds.fresh()
  }

  /// intake's `case.opened`.
  static func opened(
    _ caseId: String, receivedAt: String, referrer: ReferrerType = .police,
    initiatedBy: InitiatedBy = .victim, area: String = area, previousCaseId: String? = nil
  ) -> EventEnvelope<CaseOpened> {
    EventEnvelope(
      producer: "intake", area: area, caseId: caseId,
      data: CaseOpened(
        caseId: caseId, referralId: "REF-\(caseId)", sourceSystem: "norfolk-athena",
        receivedAt: utc(receivedAt), referrerType: referrer,
        referrerOrganisation: "Norfolk Constabulary", referrerTrainedInRJ: false,
        initiatedBy: initiatedBy, offenceCategory: "burglary", reportedToPolice: true,
        district: "Norwich", postcodeDistrict: "NR1", victimPreferredContact: .email,
        victimLanguage: "en-GB", victimSafeToContact: true, enhancedRights: false,
        bereavedFamily: false, offenderIdentified: true, previousCaseId: previousCaseId))
  }

  /// intake's `referral.accepted` for the referral that opened (or joined) `caseId`.
  static func accepted(
    _ caseId: String, referralId: String? = nil, receivedAt: String, linked: Bool = false,
    area: String = area
  ) -> EventEnvelope<ReferralAccepted> {
    EventEnvelope(
      producer: "intake", area: area, caseId: caseId,
      data: ReferralAccepted(
        referralId: referralId ?? "REF-\(caseId)", sourceSystem: "norfolk-athena",
        caseId: caseId, receivedAt: utc(receivedAt), linkedToExistingCase: linked))
  }

  /// intake's `referral.rejected` with errors of `codes`.
  static func rejected(
    referralId: String?, receivedAt: String, codes: [String], area: String = area
  ) -> EventEnvelope<ReferralRejected> {
    EventEnvelope(
      producer: "intake", area: area, causationId: UUID(),
      data: ReferralRejected(
        referralId: referralId, sourceSystem: referralId == nil ? nil : "norfolk-athena",
        receivedAt: utc(receivedAt),
        errors: codes.enumerated().map {
          ReferralError(path: "/field\($0.offset)", code: $0.element, message: "expected text")
        }))
  }

  /// victim-contact's `case.stage-changed`.
  static func stage(
    _ caseId: String, to stage: CaseStage, from previous: CaseStage, sequence: Int
  ) -> EventEnvelope<CaseStageChanged> {
    EventEnvelope(
      producer: "victim-contact", area: area, caseId: caseId,
      data: CaseStageChanged(
        caseId: caseId, stage: stage, previousStage: previous, sequence: sequence,
        changedAt: utc("2025-04-20T10:00:00Z").addingTimeInterval(Double(sequence))))
  }

  /// victim-contact's `contact.task-scheduled` for the referrer's acknowledgement.
  static func acknowledgementDue(
    _ caseId: String, on dueOn: String, kind: ContactTaskKind = .acknowledgeReferrer
  ) -> EventEnvelope<ContactTaskScheduled> {
    EventEnvelope(
      producer: "victim-contact", area: area, caseId: caseId,
      data: ContactTaskScheduled(
        taskId: "\(caseId):\(kind.rawValue)", caseId: caseId, kind: kind,
        dueOn: CalendarDate(dueOn)!, scheduledAt: utc("2025-04-01T09:00:00Z")))
  }

  /// notifications' `notification.sent`.
  static func sent(
    _ caseId: String, at sentAt: String,
    purpose: NotificationPurpose = .referrerAcknowledgement
  ) -> EventEnvelope<NotificationSent> {
    EventEnvelope(
      producer: "notifications", area: area, caseId: caseId,
      data: NotificationSent(
        notificationId: "\(caseId):\(purpose.rawValue)", caseId: caseId, purpose: purpose,
        channel: .email, sentAt: utc(sentAt)))
  }

  /// notifications' `notification.failed`.
  static func failed(
    _ caseId: String, at failedAt: String,
    purpose: NotificationPurpose = .referrerAcknowledgement
  ) -> EventEnvelope<NotificationFailed> {
    EventEnvelope(
      producer: "notifications", area: area, caseId: caseId,
      data: NotificationFailed(
        notificationId: "\(caseId):\(purpose.rawValue)", caseId: caseId, purpose: purpose,
        channel: .email, reason: "recipient-refused", failedAt: utc(failedAt)))
  }

  /// facilitator-matching's `facilitator.allocated`.
  static func allocated(
    _ caseId: String, role: FacilitatorRole, area: String = area
  ) -> EventEnvelope<FacilitatorAllocated> {
    EventEnvelope(
      producer: "facilitator-matching", area: area, caseId: caseId,
      data: FacilitatorAllocated(
        allocationId: "\(caseId):\(role.rawValue)", requestId: "\(caseId):request",
        caseId: caseId, facilitatorId: "FAC-TEST-1", agency: "Norfolk RJ Service", role: role,
        allocatedAt: utc("2025-04-21T10:00:00Z")))
  }

  /// facilitator-matching's `allocation.ended` of `caseId`'s `role` allocation, at `endedAt`.
  static func ended(
    _ caseId: String, role: FacilitatorRole = .lead, reason: AllocationEndReason,
    endedAt: String, area: String = area
  ) -> EventEnvelope<AllocationEnded> {
    EventEnvelope(
      producer: "facilitator-matching", area: area, caseId: caseId,
      data: AllocationEnded(
        allocationId: "\(caseId):\(role.rawValue)", caseId: caseId, facilitatorId: "FAC-TEST-1",
        role: role, reason: reason,
        releaseReason: reason == .released ? .facilitatorUnavailable : nil,
        endedAt: utc(endedAt)))
  }

  /// facilitator-matching's `allocation.unfilled`.
  static func unfilled(_ caseId: String, reason: String = "no-capacity")
    -> EventEnvelope<AllocationUnfilled>
  {
    EventEnvelope(
      producer: "facilitator-matching", area: area, caseId: caseId,
      data: AllocationUnfilled(
        requestId: "\(caseId):request", caseId: caseId, reason: reason,
        decidedAt: utc("2025-04-21T10:00:00Z")))
  }

  /// victim-contact's `contact.recorded`.
  static func contactRecorded(_ caseId: String) -> EventEnvelope<ContactRecorded> {
    EventEnvelope(
      producer: "victim-contact", area: area, caseId: caseId,
      data: ContactRecorded(
        attemptId: UUID().uuidString.lowercased(), caseId: caseId, participant: .victim,
        outcome: .spokeWith, channel: .phone, attemptedAt: utc("2025-04-12T10:00:00Z")))
  }

  /// The same event again under a new id, as a producer that sent it twice would.
  static func resent<P: EventPayload>(_ event: EventEnvelope<P>) -> EventEnvelope<P> {
    var copy = event
    copy.id = UUID()
    return copy
  }
}
