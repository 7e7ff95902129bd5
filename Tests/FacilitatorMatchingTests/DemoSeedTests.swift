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
    return try bodies.map { body in
      try FacilitatorRegistration.parse(Array(try JSONSerialization.data(withJSONObject: body)))
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

  @Test("each demo area has an active lead, and one trained for sensitive cases")
  func coversEachArea() throws {
    let entries = try Self.entries()
    for area in ["cambridgeshire", "norfolk", "suffolk"] {
      let leads = entries.filter { $0.areas.contains(area) && $0.active && $0.level.mayLead }
      #expect(!leads.isEmpty, "no lead in \(area)")
      #expect(leads.contains { $0.sensitiveTrained }, "nobody sensitive-trained in \(area)")
    }
  }
}
