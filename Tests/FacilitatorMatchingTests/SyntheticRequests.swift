import EventContracts
import Foundation
import HubAreas
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

  /// Today in London, as the rules judge dates.
  static var today: CalendarDate { LondonDay.of(Date()) }

  /// A facilitator registration with sensible defaults: vetted for a year more, supervised a
  /// fortnight ago; `sensitive` means trained for every sensitive case type.
  static func facilitator(
    _ id: String, areas: [String], level: FacilitatorLevel = .intermediate,
    kind: FacilitatorKind = .staffAdvisor, districts: [String] = [],
    homeDistrict: String? = nil, languages: [String] = ["en"], sensitive: Bool = false,
    caseTypes: [String]? = nil, cultural: [String] = [], active: Bool = true,
    capacity: Int = 3, agency: String = "Test RJ Service",
    vettingExpiresOn: CalendarDate? = today.adding(days: 365),
    lastSupervisionOn: CalendarDate? = today.adding(days: -14), conflictMarks: [String]? = nil
  ) -> FacilitatorRegistration {
    FacilitatorRegistration(
      facilitatorId: id, displayName: "Test Facilitator \(id)",
      email: "\(id.lowercased())@example.org", agency: agency, kind: kind, level: level,
      areas: areas, districts: districts, homeDistrict: homeDistrict, languages: languages,
      culturalKnowledge: cultural, caseTypes: caseTypes ?? (sensitive ? CaseType.known : []),
      active: active, capacity: capacity, vettingExpiresOn: vettingExpiresOn,
      lastSupervisionOn: lastSupervisionOn, conflictMarks: conflictMarks)
  }

  /// A pair that can serve any plain case in `area`: `<prefix>-1` (advanced, sensitive-
  /// trained) and `<prefix>-2`, each with `capacity`.
  static func pair(_ prefix: String, area: String, capacity: Int = 3)
    -> [FacilitatorRegistration]
  {
    [
      facilitator(
        "\(prefix)-1", areas: [area], level: .advanced, sensitive: true, capacity: capacity),
      facilitator("\(prefix)-2", areas: [area], capacity: capacity),
    ]
  }

  /// victim-contact's request for facilitators for a new case in `area`.
  static func request(
    area: String, caseId: String = caseId(), district: String? = nil,
    offenceCategory: String? = "burglary", language: String? = nil, bereavedFamily: Bool = false,
    languages: [String]? = nil, culturalNeeds: [String]? = nil, youth: Bool? = nil,
    marks: [String]? = nil
  ) -> EventEnvelope<FacilitatorsRequested> {
    EventEnvelope(
      producer: "victim-contact", area: area, caseId: caseId, correlationId: UUID(),
      data: FacilitatorsRequested(
        requestId: "\(caseId)/facilitators", caseId: caseId, district: district,
        offenceCategory: offenceCategory, language: language, bereavedFamily: bereavedFamily,
        requestedAt: Date(), participantLanguages: languages, culturalNeeds: culturalNeeds,
        youth: youth, participantMarks: marks))
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
