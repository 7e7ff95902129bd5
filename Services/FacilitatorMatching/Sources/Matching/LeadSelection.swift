/// What a request for facilitators needs of its lead.
struct LeadRequirements: Sendable, Equatable {
  /// The case's area (the envelope's).
  var area: String
  /// The case's district, when known.
  var district: String?
  /// The participant's language; English when none was given.
  var language: String
  /// Whether only sensitive-trained facilitators may lead.
  var sensitive: Bool
}

/// The choice of a lead facilitator: the rules, with no database, so each one can be read
/// (and tested) on its own.
///
/// Eligible leads are active, cover the area (and district), may lead (not foundation level),
/// are trained for sensitive cases when the case is sensitive, speak the participant's
/// language, and have free capacity. Of those, the one with the fewest open allocations
/// leads; ties go to the lowest register id, so every replica makes the same choice.
enum LeadSelection {
  /// The outcome for one request.
  enum Decision: Sendable, Equatable {
    /// `Candidate` leads.
    case lead(Candidate)
    /// Nobody is eligible, for this reason.
    case unfilled(UnfilledReason)
  }

  /// Chooses the lead for `needs` among `candidates`.
  static func choose(_ needs: LeadRequirements, among candidates: [Candidate]) -> Decision {
    let leaders = candidates.filter {
      $0.covers(area: needs.area, district: needs.district) && $0.level.mayLead
    }
    guard !leaders.isEmpty else { return .unfilled(.noFacilitatorInArea) }
    let trained = needs.sensitive ? leaders.filter(\.sensitiveTrained) : leaders
    guard !trained.isEmpty else { return .unfilled(.noSensitiveTrained) }
    let speaking = trained.filter { LanguageTag.matches($0.languages, wanted: needs.language) }
    guard !speaking.isEmpty else { return .unfilled(.noLanguageMatch) }
    let free = speaking.filter(\.hasFreeCapacity)
    guard
      let lead = free.min(by: {
        ($0.openAllocations, $0.facilitatorId) < ($1.openAllocations, $1.facilitatorId)
      })
    else { return .unfilled(.noCapacity) }
    return .lead(lead)
  }
}
