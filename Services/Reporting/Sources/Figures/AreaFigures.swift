import EventContracts
import Foundation

/// The commissioners' figures for one area and period, as `GET /figures` returns them. Every
/// figure is defined in `docs/figures.md`; counts keyed by a code list every code of the
/// vocabulary, zeros included, so a return never has to guess what a missing key means.
public struct AreaFigures: Codable, Sendable, Equatable {
  /// The police force area, e.g. "norfolk".
  public var area: String
  /// The days covered (London civil dates, both included).
  public var period: FiguresPeriod
  /// The London date the figures were worked out on; overdue is judged against it.
  public var asOf: CalendarDate
  /// Referrals received in the period.
  public var referrals: ReferralFigures
  /// Cases received in the period, by source and initiator.
  public var casesOpened: CasesOpenedFigures
  /// Cases received in the period by the stage they are in now, keyed by every `CaseStage`.
  public var casesByStage: [String: Int]
  /// Timeliness of the referrer's acknowledgement, for cases received in the period.
  public var referrerAcknowledgement: AcknowledgementFigures
  /// Facilitator allocations for cases received in the period.
  public var facilitatorAllocations: AllocationFigures
  /// Closures, interventions, withdrawals, surveys and complaints in the period.
  public var journey: JourneyFigures
  /// Offers made to agencies in the period and how each ended (PRODUCT figure 6).
  public var partnership: PartnershipFigures
  /// The volunteer pool's health at the period's end (PRODUCT figure 12).
  public var volunteerPool: VolunteerPoolFigures
}

/// Referrals received: accepted (of which linked to an already open case) and rejected.
public struct ReferralFigures: Codable, Sendable, Equatable {
  /// Accepted referrals received in the period.
  public var accepted: Int
  /// Of `accepted`, those joined to a case that was already open.
  public var linkedToExistingCase: Int
  /// Rejected submissions received in the period.
  public var rejected: Int
  /// Rejected submissions by error code: each submission counts once under every code it
  /// had, so these may add up to more than `rejected`.
  public var rejectedByErrorCode: [String: Int]

  /// Builds the figures.
  public init(
    accepted: Int, linkedToExistingCase: Int, rejected: Int, rejectedByErrorCode: [String: Int]
  ) {
    self.accepted = accepted
    self.linkedToExistingCase = linkedToExistingCase
    self.rejected = rejected
    self.rejectedByErrorCode = rejectedByErrorCode
  }
}

/// Cases received in the period by referrer type and by who asked first.
public struct CasesOpenedFigures: Codable, Sendable, Equatable {
  /// Every case received in the period.
  public var total: Int
  /// Keyed by every `ReferrerType` (police, victim-hub, agency, self).
  public var byReferrerType: [String: Int]
  /// Keyed by every `InitiatedBy` (victim, offender).
  public var byInitiator: [String: Int]
  /// Of `total`, the cases opened by a referral of a victim and crime whose earlier case had
  /// closed or been transferred (`case.opened` `previousCaseId`): each is a new case, counted
  /// once, and its referral is not linked to the earlier case.
  public var reReferrals: Int

  /// Builds the figures.
  public init(
    total: Int, byReferrerType: [String: Int], byInitiator: [String: Int], reReferrals: Int = 0
  ) {
    self.total = total
    self.byReferrerType = byReferrerType
    self.byInitiator = byInitiator
    self.reReferrals = reReferrals
  }
}

/// Whether each case's referrer was acknowledged in time. Every case received in the period
/// is in exactly one of these.
public struct AcknowledgementFigures: Codable, Sendable, Equatable {
  /// Sent on or before the due date (London date of sending).
  public var onTime: Int
  /// Sent after the due date.
  public var late: Int
  /// Not sent (or only failed), and the due date has passed.
  public var overdue: Int
  /// Not sent (or only failed), and the due date is today or later.
  public var notYetDue: Int
  /// No acknowledgement task seen for the case yet, so there is no due date to judge by.
  public var notScheduled: Int

  /// Builds the figures.
  public init(onTime: Int, late: Int, overdue: Int, notYetDue: Int, notScheduled: Int) {
    self.onTime = onTime
    self.late = late
    self.overdue = overdue
    self.notYetDue = notYetDue
    self.notScheduled = notScheduled
  }
}

/// Facilitator allocations made, and requests no facilitator could be found for.
public struct AllocationFigures: Codable, Sendable, Equatable {
  /// Allocations made (lead and co-facilitators alike).
  public var made: Int
  /// `made` keyed by every `FacilitatorRole` (lead, co-facilitator).
  public var madeByRole: [String: Int]
  /// Requests left unfilled.
  public var unfilled: Int
  /// `unfilled` by reason code, e.g. "no-capacity".
  public var unfilledByReason: [String: Int]
  /// Allocations in the area that ended in the period (whenever their case was received).
  public var ended: Int
  /// `ended` keyed by every `AllocationEndReason` (case-closed, case-transferred, released).
  public var endedByReason: [String: Int]

  /// Builds the figures.
  public init(
    made: Int, madeByRole: [String: Int], unfilled: Int, unfilledByReason: [String: Int],
    ended: Int = 0, endedByReason: [String: Int] = [:]
  ) {
    self.made = made
    self.madeByRole = madeByRole
    self.unfilled = unfilled
    self.unfilledByReason = unfilledByReason
    self.ended = ended
    self.endedByReason = endedByReason
  }
}
