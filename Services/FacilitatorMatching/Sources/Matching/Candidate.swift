import Foundation

/// A facilitator as allocation sees them: what eligibility depends on, their current load,
/// and the contact details the allocation notice goes to.
struct Candidate: Sendable, Equatable {
  /// The register id, e.g. "FAC-0001".
  var facilitatorId: String
  /// The agency they work or volunteer for.
  var agency: String
  /// Their practitioner level.
  var level: FacilitatorLevel
  /// Areas they cover (slugs).
  var areas: [String]
  /// Districts they cover; empty means the whole of each area.
  var districts: [String]
  /// Languages they speak (BCP 47).
  var languages: [String]
  /// Whether they are trained for sensitive cases.
  var sensitiveTrained: Bool
  /// Whether they take cases at all.
  var active: Bool
  /// The most open allocations they take.
  var capacity: Int
  /// Their open allocations now.
  var openAllocations: Int
  /// Personal data: the name the notice addresses.
  var displayName: String
  /// Personal data: where the notice goes.
  var email: String

  /// Whether they cover `area`, and `district` when one is given and they list districts
  /// (compared ignoring letter case and surrounding spaces).
  func covers(area: String, district: String?) -> Bool {
    guard active, areas.contains(area) else { return false }
    guard let district, !districts.isEmpty else { return true }
    let wanted = Self.districtKey(district)
    return wanted.isEmpty || districts.contains { Self.districtKey($0) == wanted }
  }

  /// Whether they can take one more case.
  var hasFreeCapacity: Bool { openAllocations < capacity }

  /// A district name as compared.
  static func districtKey(_ district: String) -> String {
    district.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
  }
}
