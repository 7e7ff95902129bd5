import Foundation

/// A facilitator as allocation sees them: their registration (what eligibility depends on,
/// and the contact details the allocation notice goes to), their current load and their
/// conferences in the last twelve months. Reads through to the registration's fields
/// (`candidate.capacity`).
@dynamicMemberLookup
struct Candidate: Sendable, Equatable {
  /// The facilitator as registered.
  var facilitator: FacilitatorRegistration
  /// Their open allocations now.
  var openAllocations: Int
  /// Offers made to their agency and not yet answered (they hold capacity too).
  var pendingOffers: Int = 0
  /// Conferences they facilitated in the twelve months before the decision.
  var conferencesInYear: Int = 0
  /// Their name and email as stored (sealed), opened only if they are allocated.
  var sealedContact: SealedContact? = nil

  /// A facilitator's name and email, sealed.
  struct SealedContact: Sendable, Equatable {
    var name: String
    var email: String
  }

  /// A field of the registration.
  subscript<Value>(dynamicMember field: KeyPath<FacilitatorRegistration, Value>) -> Value {
    facilitator[keyPath: field]
  }

  /// What counts against their capacity.
  var load: Int { openAllocations + pendingOffers }

  /// Whether they can take one more case.
  var hasFreeCapacity: Bool { load < facilitator.capacity }

  /// Whether they cover `area`.
  func covers(area: String) -> Bool { facilitator.areas.contains(area) }

  /// Whether they cover `district` (when one is given and they list districts; compared
  /// ignoring letter case and surrounding spaces).
  func covers(district: String?) -> Bool {
    guard let district, !facilitator.districts.isEmpty else { return true }
    let wanted = Self.districtKey(district)
    return wanted.isEmpty || facilitator.districts.contains { Self.districtKey($0) == wanted }
  }

  /// A district name as compared.
  static func districtKey(_ district: String) -> String {
    district.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
  }
}

/// What a request needs of the pair allocated to it, kept with the request so that a
/// re-offer, a retry or an override decides by the same needs.
struct PairRequirements: Sendable, Equatable, Codable {
  /// The case's area (the envelope's).
  var area: String
  /// The case's district, when known.
  var district: String?
  /// The sensitive case types both facilitators must be trained for.
  var caseTypes: Set<String>
  /// The participants' languages (BCP 47), the victim's first.
  var languages: [String]
  /// Cultural knowledge the participants would value.
  var culturalNeeds: [String]
  /// The participants' conflict-of-interest marks.
  var marks: Set<String>

  /// Whether only an advanced practitioner may lead.
  var higherHarm: Bool { CaseType.isHigherHarm(caseTypes) }
}
