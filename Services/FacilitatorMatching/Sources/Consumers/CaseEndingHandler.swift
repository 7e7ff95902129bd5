import DurableMessaging
import EventContracts
import Foundation

/// facilitator-matching's handling of victim-contact's `case.stage-changed.v1`: when a case
/// closes or is transferred to another area, its open allocations end (once) and their
/// facilitators' capacity is free again, each announced as `allocation.ended.v1` in the same
/// transaction; offers still waiting for their agency's answer are withdrawn
/// (`allocation.declined.v1`, outcome `withdrawn`).
///
/// Out of order and twice: the latest stage sequence seen per case is kept, and a change no
/// newer than it changes nothing, so a late "closed" never acts after the case was reopened;
/// and only allocations made at or before the change end, so one made for the reopened case
/// is never the closed case's; a request that arrives after its case's closure or transfer
/// (made before it) is allocated nobody. A reopened case keeps its ended allocations ended:
/// it asks for facilitators again.
struct CaseEndingHandler: Sendable {
  let endings: AllocationEndings
  let offers: OfferStore
  let clock: @Sendable () -> Date

  /// The reason an allocation ends when its case moves to `stage`; nil when it does not end.
  static func endReason(for stage: CaseStage) -> AllocationEndReason? {
    switch stage {
    case .closed: .caseClosed
    case .transferred: .caseTransferred
    default: nil
    }
  }

  /// Acts on one stage change.
  func handle(_ event: EventEnvelope<CaseStageChanged>, context: InboxContext) throws {
    let change = event.data
    guard try endings.recordStage(change, in: context.session) else {
      context.logger.info(
        "stage change no newer than one seen; ignored",
        metadata: ["case_id": "\(change.caseId)", "sequence": "\(change.sequence)"])
      return
    }
    guard let reason = Self.endReason(for: change.stage) else { return }
    let now = clock()
    let ended = try endings.endOpen(
      caseId: change.caseId, madeBy: change.changedAt, reason: reason, at: now,
      in: context.session)
    let origin = EventOrigin(
      producer: FacilitatorMatchingService.name, cause: event, caseId: change.caseId, now: now)
    for offer in try offers.withdrawPending(caseId: change.caseId, at: now, in: context.session) {
      try context.emit(
        origin.envelope(
          AllocationDeclined(
            offerId: offer.offerId, requestId: offer.requestId, caseId: offer.caseId,
            facilitatorId: offer.facilitatorId, agency: offer.agency, role: offer.role,
            outcome: .withdrawn, declinedAt: now),
          purpose: "offer-withdrawn:\(offer.offerId)"),
        to: EventExchange.events)
    }
    for allocation in ended {
      try context.emit(
        origin.envelope(
          AllocationEnded(
            allocationId: allocation.allocationId, caseId: allocation.caseId,
            facilitatorId: allocation.facilitatorId, role: allocation.role, reason: reason,
            endedAt: now),
          purpose: "allocation-ended:\(allocation.allocationId)"),
        to: EventExchange.events)
      context.logger.info(
        "allocation ended",
        metadata: [
          "case_id": "\(allocation.caseId)", "allocation_id": "\(allocation.allocationId)",
          "facilitator_id": "\(allocation.facilitatorId)", "reason": "\(reason.rawValue)",
        ])
    }
  }
}
