import Testing

@testable import FacilitatorMatching

/// The lead-choice rules on their own (the database locking around them is tested in
/// ``AllocationTests``).
@Suite("lead selection")
struct LeadSelectionTests {
  static func facilitator(
    _ id: String, level: FacilitatorLevel = .practitioner, areas: [String] = ["norfolk"],
    districts: [String] = [], languages: [String] = ["en"], sensitive: Bool = false,
    active: Bool = true, capacity: Int = 3, open: Int = 0
  ) -> Candidate {
    Candidate(
      facilitator: FacilitatorRegistration(
        facilitatorId: id, displayName: "Test Facilitator \(id)",
        email: "\(id.lowercased())@example.org", agency: "Test RJ Service", level: level,
        areas: areas, districts: districts, languages: languages, sensitiveTrained: sensitive,
        active: active, capacity: capacity),
      openAllocations: open)
  }

  static func needs(
    area: String = "norfolk", district: String? = nil, language: String = "en",
    sensitive: Bool = false
  ) -> LeadRequirements {
    LeadRequirements(area: area, district: district, language: language, sensitive: sensitive)
  }

  static func lead(_ decision: LeadSelection.Decision) -> String? {
    if case .lead(let candidate) = decision { return candidate.facilitatorId }
    return nil
  }

  @Test("the eligible facilitator with the fewest open allocations leads; ties go to the lowest id")
  func fewestOpenAllocations() {
    let candidates = [
      Self.facilitator("FAC-3", open: 1), Self.facilitator("FAC-2", open: 1),
      Self.facilitator("FAC-1", open: 2),
    ]
    #expect(Self.lead(LeadSelection.choose(Self.needs(), among: candidates)) == "FAC-2")
    let level = [Self.facilitator("FAC-9", open: 0), Self.facilitator("FAC-1", open: 0)]
    #expect(Self.lead(LeadSelection.choose(Self.needs(), among: level)) == "FAC-1")
  }

  @Test("only active facilitators covering the area, and the district when they list districts")
  func areaAndDistrict() {
    let candidates = [
      Self.facilitator("FAC-1", areas: ["suffolk"]),
      Self.facilitator("FAC-2", active: false),
      Self.facilitator("FAC-3", districts: ["Great Yarmouth"]),
      Self.facilitator("FAC-4", open: 2),
    ]
    #expect(
      Self.lead(LeadSelection.choose(Self.needs(district: " great yarmouth"), among: candidates))
        == "FAC-3")
    #expect(
      Self.lead(LeadSelection.choose(Self.needs(district: "Norwich"), among: candidates))
        == "FAC-4")
    #expect(Self.lead(LeadSelection.choose(Self.needs(), among: candidates)) == "FAC-3")
    #expect(
      LeadSelection.choose(Self.needs(area: "cambridgeshire"), among: candidates)
        == .unfilled(.noFacilitatorInArea))
    #expect(
      LeadSelection.choose(Self.needs(), among: [Self.facilitator("FAC-2", active: false)])
        == .unfilled(.noFacilitatorInArea))
  }

  @Test("a foundation-level facilitator never leads, however free")
  func foundationNeverLeads() {
    let foundation = Self.facilitator("FAC-1", level: .foundation, capacity: 10)
    #expect(
      LeadSelection.choose(Self.needs(), among: [foundation]) == .unfilled(.noFacilitatorInArea))
    let senior = Self.facilitator("FAC-2", level: .senior, capacity: 5, open: 4)
    #expect(Self.lead(LeadSelection.choose(Self.needs(), among: [foundation, senior])) == "FAC-2")
  }

  @Test("a sensitive case goes only to a facilitator trained for it")
  func sensitiveTraining() {
    let untrained = Self.facilitator("FAC-1")
    let trained = Self.facilitator("FAC-2", sensitive: true, open: 2)
    #expect(
      Self.lead(LeadSelection.choose(Self.needs(sensitive: true), among: [untrained, trained]))
        == "FAC-2")
    #expect(Self.lead(LeadSelection.choose(Self.needs(), among: [untrained, trained])) == "FAC-1")
    #expect(
      LeadSelection.choose(Self.needs(sensitive: true), among: [untrained])
        == .unfilled(.noSensitiveTrained))
  }

  @Test("the lead speaks the participant's language, matched on the primary subtag")
  func language() {
    let english = Self.facilitator("FAC-1", languages: ["en-GB"])
    let polish = Self.facilitator("FAC-2", languages: ["en", "pl"], open: 2)
    #expect(
      Self.lead(LeadSelection.choose(Self.needs(language: "pl-PL"), among: [english, polish]))
        == "FAC-2")
    #expect(
      Self.lead(LeadSelection.choose(Self.needs(language: "EN"), among: [english, polish]))
        == "FAC-1")
    #expect(
      LeadSelection.choose(Self.needs(language: "cy"), among: [english, polish])
        == .unfilled(.noLanguageMatch))
  }

  @Test("nobody with free capacity leaves the request unfilled for no-capacity")
  func capacity() {
    let full = [
      Self.facilitator("FAC-1", capacity: 2, open: 2), Self.facilitator("FAC-2", capacity: 0),
    ]
    #expect(LeadSelection.choose(Self.needs(), among: full) == .unfilled(.noCapacity))
  }

  @Test("the reason names the first requirement nobody met: area, training, language, capacity")
  func reasonOrder() {
    let full = Self.facilitator("FAC-1", languages: ["pl"], capacity: 1, open: 1)
    #expect(
      LeadSelection.choose(Self.needs(sensitive: true), among: [full])
        == .unfilled(.noSensitiveTrained))
    #expect(LeadSelection.choose(Self.needs(), among: [full]) == .unfilled(.noLanguageMatch))
    #expect(
      LeadSelection.choose(Self.needs(language: "pl"), among: [full]) == .unfilled(.noCapacity))
    #expect(LeadSelection.choose(Self.needs(), among: []) == .unfilled(.noFacilitatorInArea))
  }
}
