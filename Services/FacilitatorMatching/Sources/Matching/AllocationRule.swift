import EventContracts

/// The hard rules of allocation. A facilitator who fails any of them is never offered the
/// part, and the refusal is recorded with the rule's code (in the request's explanation, and
/// counted in `allocation.unfilled.v1` when nobody is left).
public enum AllocationRule: String, Codable, Sendable, CaseIterable {
  /// They do not cover the case's area.
  case areaNotCovered = "area-not-covered"
  /// They list districts and the case's district is not one of them.
  case districtNotCovered = "district-not-covered"
  /// Their vetting is not recorded.
  case vettingNotRecorded = "vetting-not-recorded"
  /// Their vetting has expired by the day of the decision.
  case vettingExpired = "vetting-expired"
  /// Their last supervision is not recorded.
  case supervisionNotRecorded = "supervision-not-recorded"
  /// Their last supervision was more than 12 weeks before the day.
  case supervisionOverdue = "supervision-overdue"
  /// Their open allocations and pending offers already fill their capacity.
  case noCapacity = "no-capacity"
  /// They are not trained for one of the case's sensitive types.
  case notTrainedForCaseType = "not-trained-for-case-type"
  /// The case is higher-harm and only an advanced practitioner may lead it.
  case higherHarmNeedsAdvanced = "higher-harm-needs-advanced"
  /// A foundation-level facilitator is only ever co-facilitator.
  case foundationNeverLeads = "foundation-never-leads"
  /// Their register entry carries the conflict-of-interest mark of a participant.
  case conflictOfInterest = "conflict-of-interest"
  /// Their agency declined this case already, or let its offer lapse.
  case declinedThisCase = "declined-this-case"
  /// They already hold the case's other part: never the same person twice.
  case alreadyInPair = "already-in-pair"

  /// The code of a request nobody could take because nobody active covers its area at all.
  public static let noFacilitatorInArea = "no-facilitator-in-area"

  /// The rule in words, about one facilitator, for a supervisor.
  func sentence(_ candidate: Candidate, _ needs: PairRequirements) -> String {
    let id = candidate.facilitatorId
    switch self {
    case .areaNotCovered: return "\(id) does not cover \(needs.area)."
    case .districtNotCovered:
      return "\(id) does not cover the district \(needs.district ?? "")."
    case .vettingNotRecorded: return "\(id) has no vetting on record."
    case .vettingExpired:
      return "\(id)'s vetting expired on \(candidate.vettingExpiresOn?.description ?? "")."
    case .supervisionNotRecorded: return "\(id) has no supervision on record."
    case .supervisionOverdue:
      return
        "\(id)'s last supervision (\(candidate.lastSupervisionOn?.description ?? "")) was more than 12 weeks ago."
    case .noCapacity:
      return "\(id) has no capacity left (\(candidate.load) of \(candidate.capacity) taken)."
    case .notTrainedForCaseType:
      let missing = needs.caseTypes.subtracting(candidate.caseTypes).sorted()
      return "\(id) is not trained for \(missing.joined(separator: ", "))."
    case .higherHarmNeedsAdvanced:
      return
        "\(id) is \(candidate.level.rawValue) level; a higher-harm case needs an advanced lead."
    case .foundationNeverLeads: return "\(id) is foundation level and only co-facilitates."
    case .conflictOfInterest: return "\(id) has a conflict of interest with a participant."
    case .declinedThisCase: return "\(id)'s agency declined this case or let the offer lapse."
    case .alreadyInPair: return "\(id) already holds the case's other part."
    }
  }
}
