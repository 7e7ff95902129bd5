import EventContracts
import Foundation
import Testing

@testable import FacilitatorMatching

/// The pair rules with no database: each hard rule and the refusal it records, the pair rules,
/// the order the soft scores give, and the explanation a supervisor reads.
@Suite("pair selection")
struct PairSelectionTests {
  static let day = CalendarDate("2026-12-07")!
  static let area = "norfolk"

  static func candidate(
    _ id: String, level: FacilitatorLevel = .intermediate, kind: FacilitatorKind = .staffAdvisor,
    districts: [String] = [], home: String? = nil, languages: [String] = ["en"],
    caseTypes: [String] = [], cultural: [String] = [], capacity: Int = 3, open: Int = 0,
    pending: Int = 0, conferences: Int = 0, vetting: String? = "2027-06-30",
    supervision: String? = "2026-11-20", marks: [String] = [], areas: [String] = [area]
  ) -> Candidate {
    Candidate(
      facilitator: FacilitatorRegistration(
        facilitatorId: id, displayName: "", email: "", agency: "Agency \(id)", kind: kind,
        level: level, areas: areas, districts: districts, homeDistrict: home,
        languages: languages, culturalKnowledge: cultural, caseTypes: caseTypes, active: true,
        capacity: capacity, vettingExpiresOn: vetting.flatMap(CalendarDate.init),
        lastSupervisionOn: supervision.flatMap(CalendarDate.init), conflictMarks: marks),
      openAllocations: open, pendingOffers: pending, conferencesInYear: conferences)
  }

  static func needs(
    district: String? = nil, caseTypes: Set<String> = [], languages: [String] = ["en"],
    cultural: [String] = [], marks: Set<String> = []
  ) -> PairRequirements {
    PairRequirements(
      area: area, district: district, caseTypes: caseTypes, languages: languages,
      culturalNeeds: cultural, marks: marks)
  }

  static func refusals(
    _ candidate: Candidate, _ role: FacilitatorRole = .lead, needs: PairRequirements = needs(),
    declined: Set<String> = [], partner: String? = nil
  ) -> [AllocationRule] {
    HardRules.refusals(
      candidate, as: role, for: needs, on: day, declined: declined, partner: partner)
  }

  @Test("an eligible facilitator fails no rule, for either part")
  func eligible() {
    #expect(Self.refusals(Self.candidate("F1")) == [])
    #expect(Self.refusals(Self.candidate("F1"), .coFacilitator) == [])
  }

  @Test("each hard rule refuses with its own code, and its reason in words")
  func everyHardRule() {
    let cases: [(Candidate, FacilitatorRole, PairRequirements, AllocationRule, String)] = [
      (
        Self.candidate("F1", areas: ["suffolk"]), .lead, Self.needs(), .areaNotCovered,
        "does not cover norfolk"
      ),
      (
        Self.candidate("F1", districts: ["Norwich"]), .lead, Self.needs(district: "Breckland"),
        .districtNotCovered, "district Breckland"
      ),
      (
        Self.candidate("F1", vetting: nil), .lead, Self.needs(), .vettingNotRecorded,
        "no vetting on record"
      ),
      (
        Self.candidate("F1", vetting: "2026-12-06"), .lead, Self.needs(), .vettingExpired,
        "expired on 2026-12-06"
      ),
      (
        Self.candidate("F1", supervision: nil), .lead, Self.needs(), .supervisionNotRecorded,
        "no supervision on record"
      ),
      (
        Self.candidate("F1", supervision: "2026-09-13"), .lead, Self.needs(), .supervisionOverdue,
        "more than 12 weeks ago"
      ),
      (
        Self.candidate("F1", capacity: 2, open: 1, pending: 1), .lead, Self.needs(), .noCapacity,
        "2 of 2 taken"
      ),
      (
        Self.candidate("F1", level: .advanced, caseTypes: ["youth"]), .lead,
        Self.needs(caseTypes: ["youth", "hate-crime"]), .notTrainedForCaseType,
        "not trained for hate-crime"
      ),
      (
        Self.candidate("F1", caseTypes: ["domestic-abuse"]), .lead,
        Self.needs(caseTypes: ["domestic-abuse"]), .higherHarmNeedsAdvanced,
        "needs an advanced lead"
      ),
      (
        Self.candidate("F1", level: .foundation), .lead, Self.needs(), .foundationNeverLeads,
        "only co-facilitates"
      ),
      (
        Self.candidate("F1", marks: ["m1", "m2"]), .lead, Self.needs(marks: ["m2"]),
        .conflictOfInterest, "conflict of interest"
      ),
    ]
    for (candidate, role, needs, rule, words) in cases {
      let failed = Self.refusals(candidate, role, needs: needs)
      #expect(failed == [rule], "\(rule.rawValue)")
      #expect(rule.sentence(candidate, needs).contains(words), "\(rule.rawValue)")
    }
    #expect(Self.refusals(Self.candidate("F1"), declined: ["F1"]) == [.declinedThisCase])
    #expect(Self.refusals(Self.candidate("F1"), .coFacilitator, partner: "F1") == [.alreadyInPair])
    // Vetting valid on its last day; supervision exactly 12 weeks ago still in date.
    #expect(
      Self.refusals(Self.candidate("F1", vetting: "2026-12-07", supervision: "2026-09-14")) == [])
    // Every failing rule is recorded, not just the first.
    #expect(
      Self.refusals(Self.candidate("F1", level: .foundation, capacity: 0, vetting: nil))
        == [.vettingNotRecorded, .noCapacity, .foundationNeverLeads])
  }

  @Test(
    "the pair rules: foundation only co-facilitates, higher harm needs an advanced lead, training binds both"
  )
  func pairRules() {
    let needs = Self.needs(caseTypes: ["domestic-abuse"])
    #expect(
      Self.refusals(
        Self.candidate("F1", level: .foundation, caseTypes: ["domestic-abuse"]), .coFacilitator,
        needs: needs) == [])
    #expect(
      Self.refusals(
        Self.candidate("F1", caseTypes: ["domestic-abuse"]), .coFacilitator, needs: needs) == [])
    #expect(
      Self.refusals(Self.candidate("F1", level: .advanced), .coFacilitator, needs: needs) == [
        .notTrainedForCaseType
      ])
    // A youth case alone is not higher-harm: an intermediate youth-trained advisor may lead.
    #expect(
      Self.refusals(
        Self.candidate("F1", caseTypes: ["youth"]), needs: Self.needs(caseTypes: ["youth"])) == [])

    let decision = PairSelection.choose(
      needs,
      among: [
        Self.candidate("A", level: .advanced, caseTypes: ["domestic-abuse"]),
        Self.candidate("B", level: .foundation, caseTypes: ["domestic-abuse"]),
        Self.candidate("C", caseTypes: []),
      ], on: Self.day, distances: .defaults)
    #expect(decision.chosen[.lead]?.facilitatorId == "A")
    #expect(decision.chosen[.coFacilitator]?.facilitatorId == "B")
  }

  @Test("never the same person twice: the best lead and best co-facilitator are one person")
  func neverTheSamePerson() {
    // S scores best for both parts (20, T -10): S leading beside T and T leading beside S make
    // the same total, and a tie keeps the better lead leading.
    let speaksPolish = Self.candidate("S", level: .advanced, languages: ["en", "pl"])
    let decision = PairSelection.choose(
      Self.needs(languages: ["pl"]),
      among: [speaksPolish, Self.candidate("T"), Self.candidate("U", level: .foundation)],
      on: Self.day, distances: .defaults)
    #expect(decision.chosen[.lead]?.facilitatorId == "S")
    #expect(decision.chosen[.coFacilitator]?.facilitatorId == "T")
    // Alone, S cannot make a pair: S leads and the co-facilitator's part is unfilled.
    let alone = PairSelection.choose(
      Self.needs(), among: [speaksPolish], on: Self.day, distances: .defaults)
    #expect(alone.chosen[.lead]?.facilitatorId == "S")
    #expect(alone.chosen[.coFacilitator] == nil)
    #expect(alone.unfilled[.coFacilitator]?.map(\.rule) == ["already-in-pair"])
    // With no lead, no co-facilitator is offered either.
    let noLead = PairSelection.choose(
      Self.needs(), among: [Self.candidate("U", level: .foundation)], on: Self.day,
      distances: .defaults)
    #expect(noLead.chosen.isEmpty)
    #expect(noLead.unfilled[.lead]?.map(\.rule) == ["foundation-never-leads"])
    #expect(noLead.unfilled[.coFacilitator] == nil)
  }

  @Test("the soft scores order the candidates: language, culture, distance, workload, volunteers")
  func scoringOrder() throws {
    let needs = Self.needs(district: "Norwich", languages: ["pl", "en"], cultural: ["polish"])
    let candidates = [
      Self.candidate("far", districts: [], home: "King's Lynn and West Norfolk"),
      Self.candidate("near", home: "Norwich"),
      Self.candidate("busy", home: "Norwich", capacity: 4, open: 3),
      Self.candidate("polish", home: "Broadland", languages: ["en", "pl"]),
      Self.candidate("cultural", home: "Broadland", cultural: ["polish"]),
      Self.candidate("volunteer", kind: .communityVolunteer, home: "Norwich", conferences: 2),
      Self.candidate("busy-volunteer", kind: .communityVolunteer, home: "Norwich", conferences: 5),
    ]
    let scored = candidates.map {
      PairSelection.Scored(
        candidate: $0, score: SoftScoring.score($0, for: needs, distances: .defaults))
    }.sorted(by: PairSelection.ranksBefore)
    // Worked figures (the victim speaks pl, another participant en; the case is in Norwich):
    // polish 30 (pl) + 15 (en) - 1.5 (3 km from Broadland) = 43.5; volunteer 15 + 25 (2
    // conferences in twelve months) = 40; cultural 15 + 15 (polish) - 1.5 = 28.5;
    // busy-volunteer 15 (5 conferences: no bonus) and near 15 (equal: lower id first);
    // busy 15 - 15 (3 of 4 places) = 0; far 15 - 31 (62 km from King's Lynn) = -16.
    #expect(
      scored.map(\.facilitatorId) == [
        "polish", "volunteer", "cultural", "busy-volunteer", "near", "busy", "far",
      ])
    let byId = Dictionary(uniqueKeysWithValues: scored.map { ($0.facilitatorId, $0.score.total) })
    #expect(byId["polish"] == 43.5)
    #expect(byId["volunteer"] == 40)
    #expect(byId["cultural"] == 28.5)
    #expect(byId["near"] == 15)
    #expect(byId["busy"] == 0)
    #expect(byId["far"] == -16)
    // Equal scores go to the lighter load, then the lower register id.
    #expect(
      PairSelection.ranksBefore(
        scored.first { $0.facilitatorId == "busy-volunteer" }!,
        scored.first { $0.facilitatorId == "near" }!))
    let distance = try #require(
      DistrictDistances.defaults.kilometres(area: "norfolk", from: "Norwich", to: "Great Yarmouth"))
    #expect((28...33).contains(distance))
  }

  @Test("the explanation says why this pair and why not the others, with register ids only")
  func explanation() {
    let decision = PairSelection.choose(
      Self.needs(district: "Norwich", languages: ["pl"]),
      among: [
        Self.candidate("FAC-1", level: .advanced, home: "Norwich", languages: ["pl"]),
        Self.candidate("FAC-2", home: "Broadland"),
        Self.candidate("FAC-3", home: "Great Yarmouth"),
        Self.candidate("FAC-4", vetting: "2026-01-31"),
      ], on: Self.day, distances: .defaults)
    let text = decision.explanation.summary
    #expect(
      text.first
        == "FAC-1 leads with 30 points: speaks pl, the victim's language (+30); about 0 km from Norwich to Norwich (+0); 0 of 3 places taken (+0)."
    )
    #expect(
      text.contains(
        "FAC-2 co-facilitates with -1.5 points: does not speak pl, the victim's language: an interpreter is needed (+0); about 3 km from Broadland to Norwich (-1.5); 0 of 3 places taken (+0)."
      ))
    #expect(text.contains { $0.hasPrefix("FAC-3 could lead but scored -14.5 (44.5 fewer)") })
    #expect(text.contains { $0.hasPrefix("FAC-3 could co-facilitate but scored -14.5 (13 fewer)") })
    #expect(text.contains("Not FAC-4: FAC-4's vetting expired on 2026-01-31."))
    #expect(decision.explanation.refused.map(\.rules) == [[.vettingExpired], [.vettingExpired]])
  }

  @Test("a case nobody can serve names every rule that excluded someone, most first")
  func unfilledExclusions() {
    let decision = PairSelection.choose(
      Self.needs(),
      among: [
        Self.candidate("A", vetting: "2025-01-01"), Self.candidate("B", vetting: "2025-01-01"),
        Self.candidate("C", capacity: 1, open: 1),
      ], on: Self.day, distances: .defaults)
    #expect(decision.chosen.isEmpty)
    #expect(
      decision.unfilled[.lead]
        == [
          AllocationExclusion(rule: "vetting-expired", facilitators: 2),
          AllocationExclusion(rule: "no-capacity", facilitators: 1),
        ])
    let empty = PairSelection.choose(Self.needs(), among: [], on: Self.day, distances: .defaults)
    #expect(empty.unfilled[.lead]?.first?.rule == "no-facilitator-in-area")
  }

  @Test("a part already held is kept and its holder is not chosen again")
  func keepsHeldPart() {
    let decision = PairSelection.choose(
      Self.needs(), among: [Self.candidate("A", level: .advanced), Self.candidate("B")],
      on: Self.day, distances: .defaults, declined: [], held: [.lead: "A"])
    #expect(decision.chosen[.lead] == nil)
    #expect(decision.chosen[.coFacilitator]?.facilitatorId == "B")
    #expect(decision.explanation.kept.map(\.facilitatorId) == ["A"])
  }
}
