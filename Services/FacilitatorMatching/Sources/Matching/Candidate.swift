import Foundation

/// A facilitator as allocation sees them: their registration (what eligibility depends on,
/// and the contact details the allocation notice goes to) and their current load. Reads
/// through to the registration's fields (`candidate.capacity`).
@dynamicMemberLookup
struct Candidate: Sendable, Equatable {
  /// The facilitator as registered.
  var facilitator: FacilitatorRegistration
  /// Their open allocations now.
  var openAllocations: Int

  /// A field of the registration.
  subscript<Value>(dynamicMember field: KeyPath<FacilitatorRegistration, Value>) -> Value {
    facilitator[keyPath: field]
  }

  /// Whether they cover `area`, and `district` when one is given and they list districts
  /// (compared ignoring letter case and surrounding spaces).
  func covers(area: String, district: String?) -> Bool {
    guard facilitator.active, facilitator.areas.contains(area) else { return false }
    guard let district, !facilitator.districts.isEmpty else { return true }
    let wanted = Self.districtKey(district)
    return wanted.isEmpty || facilitator.districts.contains { Self.districtKey($0) == wanted }
  }

  /// Whether they can take one more case.
  var hasFreeCapacity: Bool { openAllocations < facilitator.capacity }

  /// A district name as compared.
  static func districtKey(_ district: String) -> String {
    district.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
  }
}
