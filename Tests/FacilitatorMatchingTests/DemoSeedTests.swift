import Foundation
import TestSupport
import Testing

@testable import FacilitatorMatching

/// `compose/demo/facilitators.json`, the demo register `rjhub facilitators add` loads: every
/// entry must be a body `POST /facilitators` accepts, and together they must let the demo
/// cases be allocated.
@Suite("demo facilitators")
struct DemoSeedTests {
  static func entries() throws -> [FacilitatorRegistration] {
    let file = TestServers.repositoryRoot.appendingPathComponent("compose/demo/facilitators.json")
    let data = try Data(contentsOf: file)
    let bodies = try #require(try JSONSerialization.jsonObject(with: data) as? [Any])
    // infra/demo.sh gives every entry a recent supervision (`--last-supervision-on`).
    let today = SyntheticRequests.today
    return try bodies.map { body in
      var body = try #require(body as? [String: Any])
      body["lastSupervisionOn"] = today.adding(days: -14).description
      return try FacilitatorRegistration.parse(
        Array(try JSONSerialization.data(withJSONObject: body)), marks: TestPersonalData.marks,
        today: today)
    }
  }

  @Test("every entry is a valid registration with a synthetic example.org email")
  func valid() throws {
    let entries = try Self.entries()
    #expect(entries.count >= 6)
    #expect(Set(entries.map(\.facilitatorId)).count == entries.count)
    #expect(entries.allSatisfy { $0.email.hasSuffix("@example.org") })
    #expect(entries.contains { $0.level == .foundation })
  }

  @Test("each demo area can staff a pair for a plain case and for a higher-harm one")
  func coversEachArea() throws {
    let entries = try Self.entries()
    for area in ["cambridgeshire", "norfolk", "suffolk"] {
      let candidates = entries.filter { $0.areas.contains(area) && $0.active }.map {
        Candidate(facilitator: $0, openAllocations: 0)
      }
      for types: Set<String> in [[], ["domestic-abuse"]] {
        let decision = PairSelection.choose(
          PairRequirements(
            area: area, district: nil, caseTypes: types, languages: ["en"], culturalNeeds: [],
            marks: []), among: candidates, on: SyntheticRequests.today, distances: .defaults)
        #expect(decision.unfilled.isEmpty, "\(area) \(types): \(decision.explanation.summary)")
        #expect(decision.chosen.count == 2)
      }
    }
  }
}
