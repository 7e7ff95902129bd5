import EventContracts
import Foundation
import TestSupport

@testable import FacilitatorMatching

/// Synthetic facilitators and requests for facilitator-matching's tests. Names and emails
/// are invented; areas and ids are unique per run so runs never meet.
enum SyntheticRequests {
  /// An area slug no other run uses, e.g. "area-3fa9c1d2e4".
  static func area() -> String {
    "area-\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(10))"
  }

  /// A case id no other run uses.
  static func caseId() -> String {
    SyntheticCaseIds.fresh()
  }

  /// A facilitator registration with sensible defaults.
  static func facilitator(
    _ id: String, areas: [String], level: FacilitatorLevel = .practitioner,
    districts: [String] = [], languages: [String] = ["en"], sensitive: Bool = false,
    active: Bool = true, capacity: Int = 3, agency: String = "Test RJ Service"
  ) -> FacilitatorRegistration {
    FacilitatorRegistration(
      facilitatorId: id, displayName: "Test Facilitator \(id)",
      email: "\(id.lowercased())@example.org", agency: agency, level: level, areas: areas,
      districts: districts, languages: languages, sensitiveTrained: sensitive, active: active,
      capacity: capacity)
  }

  /// victim-contact's request for facilitators for a new case in `area`.
  static func request(
    area: String, caseId: String = caseId(), district: String? = nil,
    offenceCategory: String? = "burglary", language: String? = nil, bereavedFamily: Bool = false
  ) -> EventEnvelope<FacilitatorsRequested> {
    EventEnvelope(
      producer: "victim-contact", area: area, caseId: caseId, correlationId: UUID(),
      data: FacilitatorsRequested(
        requestId: "\(caseId)/facilitators", caseId: caseId, district: district,
        offenceCategory: offenceCategory, language: language, bereavedFamily: bereavedFamily,
        requestedAt: Date()))
  }

  /// The same request again under another message id, as a republished copy would be.
  static func copy(_ event: EventEnvelope<FacilitatorsRequested>)
    -> EventEnvelope<FacilitatorsRequested>
  {
    var copy = event
    copy.id = UUID()
    return copy
  }
}
