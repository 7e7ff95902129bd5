import EventContracts

/// The hard rules applied to one facilitator for one part of a case, with no database, so
/// each rule can be read and tested on its own. Every rule that fails is returned, in the
/// order of ``AllocationRule``'s cases.
enum HardRules {
  /// The rules `candidate` fails for `role` in a case needing `needs`, decided on `day`, when
  /// `declined` lists who declined or let this case lapse and `partner` holds the other part.
  static func refusals(
    _ candidate: Candidate, as role: FacilitatorRole, for needs: PairRequirements,
    on day: CalendarDate, declined: Set<String> = [], partner: String? = nil
  ) -> [AllocationRule] {
    var failed: [AllocationRule] = []
    if !candidate.covers(area: needs.area) { failed.append(.areaNotCovered) }
    if !candidate.covers(district: needs.district) { failed.append(.districtNotCovered) }
    switch candidate.vettingExpiresOn {
    case nil: failed.append(.vettingNotRecorded)
    case let expiry? where expiry < day: failed.append(.vettingExpired)
    default: break
    }
    switch candidate.supervisionDueOn {
    case nil: failed.append(.supervisionNotRecorded)
    case let due? where due < day: failed.append(.supervisionOverdue)
    default: break
    }
    if !candidate.hasFreeCapacity { failed.append(.noCapacity) }
    if !needs.caseTypes.isSubset(of: candidate.caseTypes) {
      failed.append(.notTrainedForCaseType)
    }
    if role == .lead && needs.higherHarm && candidate.level != .advanced
      && candidate.level.mayLead
    {
      failed.append(.higherHarmNeedsAdvanced)
    }
    if role == .lead && !candidate.level.mayLead { failed.append(.foundationNeverLeads) }
    if !needs.marks.isDisjoint(with: candidate.conflictMarks ?? []) {
      failed.append(.conflictOfInterest)
    }
    if declined.contains(candidate.facilitatorId) { failed.append(.declinedThisCase) }
    if partner == candidate.facilitatorId { failed.append(.alreadyInPair) }
    return failed
  }
}
