import EventContracts
import Foundation
import Reporting

/// facilitator-matching's offers, declines and register revisions, and victim-contact's
/// conferences, as they publish them (register ids, never names).
extension ReportingEvents {
  /// An offer of `caseId`'s lead part to `agency`, id `offerId`, made at `at`.
  static func offered(
    _ offerId: String, agency: String, at: String = "2025-04-10T09:00:00Z",
    standing: Bool = false, area: String = area
  ) -> EventEnvelope<AllocationOffered> {
    let caseId = "case-\(offerId)"
    return EventEnvelope(
      producer: "facilitator-matching", area: area, caseId: caseId,
      data: AllocationOffered(
        offerId: offerId, requestId: "\(caseId):request", caseId: caseId,
        facilitatorId: "FAC-\(offerId)", agency: agency, role: .lead, offeredAt: utc(at),
        answerDue: utc(at).addingTimeInterval(3 * 86_400), standing: standing))
  }

  /// The allocation that accepted offer `offerId`.
  static func accepted(
    offer offerId: String, agency: String, area: String = area
  ) -> EventEnvelope<FacilitatorAllocated> {
    let caseId = "case-\(offerId)"
    return EventEnvelope(
      producer: "facilitator-matching", area: area, caseId: caseId,
      data: FacilitatorAllocated(
        allocationId: "allocation-\(offerId)", requestId: "\(caseId):request", caseId: caseId,
        facilitatorId: "FAC-\(offerId)", agency: agency, role: .lead,
        allocatedAt: utc("2025-04-12T09:00:00Z"), offerId: offerId,
        facilitatorKind: "community-volunteer"))
  }

  /// Offer `offerId` declined, lapsed or withdrawn.
  static func declined(
    offer offerId: String, agency: String, _ outcome: OfferDeclineOutcome,
    reason: OfferDeclineReason? = nil, area: String = area
  ) -> EventEnvelope<AllocationDeclined> {
    let caseId = "case-\(offerId)"
    return EventEnvelope(
      producer: "facilitator-matching", area: area, caseId: caseId,
      data: AllocationDeclined(
        offerId: offerId, requestId: "\(caseId):request", caseId: caseId,
        facilitatorId: "FAC-\(offerId)", agency: agency, role: .lead, outcome: outcome,
        reason: reason, declinedAt: utc("2025-04-13T09:00:00Z")))
  }

  /// Revision `revision` of facilitator `id`'s register entry.
  static func registered(
    _ id: String, kind: String = "community-volunteer", areas: [String] = [area],
    languages: [String] = ["en-GB"], active: Bool = true, vettingExpiresOn: String? = nil,
    supervisionDueOn: String? = nil, revision: Int = 1, changedAt: String = "2025-01-10T09:00:00Z"
  ) -> EventEnvelope<FacilitatorRegistered> {
    EventEnvelope(
      producer: "facilitator-matching", area: areas.first ?? area,
      data: FacilitatorRegistered(
        facilitatorId: id, agency: "Norfolk RJ Service", kind: kind, level: "intermediate",
        areas: areas, languages: languages, active: active, capacity: 3,
        vettingExpiresOn: vettingExpiresOn.flatMap(CalendarDate.init),
        supervisionDueOn: supervisionDueOn.flatMap(CalendarDate.init), revision: revision,
        changedAt: utc(changedAt)))
  }

  /// victim-contact's intervention `id` crediting `facilitators` (a delivered conference by
  /// default).
  static func conference(
    _ id: String, facilitators: [String], deliveredAt: String? = "2025-03-10T10:00:00Z",
    status: InterventionStatus = .delivered, kind: InterventionKind = .conference,
    revision: Int = 2, area: String = area
  ) -> EventEnvelope<InterventionRecorded> {
    let caseId = "case-\(id)"
    return EventEnvelope(
      producer: "victim-contact", area: area, caseId: caseId,
      data: InterventionRecorded(
        interventionId: id, caseId: caseId, kind: kind, status: status,
        plannedFor: utc(deliveredAt ?? "2025-03-10T10:00:00Z"),
        deliveredAt: status == .delivered ? deliveredAt.map(utc) : nil,
        attendees: [.victim, .offender], facilitatorIds: facilitators, revision: revision))
  }
}
