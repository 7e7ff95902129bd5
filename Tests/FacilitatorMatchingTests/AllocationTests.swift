import DurableMessaging
import EventContracts
import Foundation
import Testing

@testable import FacilitatorMatching

/// facilitator-matching's request handling against the real servers: requests in over a
/// queue, decisions and events out of the outbox.
@Suite("facilitator allocation", .serialized)
struct AllocationTests {
  @Test("each request gets the right lead, or is left unfilled with the first unmet reason")
  func eligibilityAndChoice() async throws {
    try await AllocationHarness.with { h in
      let area = SyntheticRequests.area()
      let untrainedArea = SyntheticRequests.area()
      let id = { (n: Int) in "TST-\(area)-\(n)" }
      try await h.register([
        SyntheticRequests.facilitator(id(1), areas: [area], capacity: 2, agency: "Agency One"),
        SyntheticRequests.facilitator(
          id(2), areas: [area], level: .senior, languages: ["en", "pl"],
          sensitive: true, capacity: 1, agency: "Agency Two"),
        SyntheticRequests.facilitator(
          id(3), areas: [area], level: .foundation, languages: ["en", "pl", "cy"], sensitive: true,
          capacity: 10),
        SyntheticRequests.facilitator(id(4), areas: [area], active: false, capacity: 10),
        SyntheticRequests.facilitator(id(5), areas: [untrainedArea], languages: ["cy"]),
      ])
      let plain = SyntheticRequests.request(area: area)
      let sensitive = SyntheticRequests.request(area: area, offenceCategory: "Domestic abuse")
      let welsh = SyntheticRequests.request(area: area, language: "cy-GB")
      let bereavedPolish = SyntheticRequests.request(
        area: area, language: "pl", bereavedFamily: true)
      let nowhere = SyntheticRequests.request(area: SyntheticRequests.area())
      let second = SyntheticRequests.request(area: area, language: "en-GB")
      let third = SyntheticRequests.request(area: area)
      let untrained = SyntheticRequests.request(
        area: untrainedArea, offenceCategory: "stalking", language: "cy")
      let requests = [plain, sensitive, welsh, bereavedPolish, nowhere, second, third, untrained]
      try await h.deliver(requests)
      try await h.waitUntilHandled(requests)

      let allocated = try await h.events(FacilitatorAllocated.self)
      #expect(
        allocated.map { "\($0.data.caseId) \($0.data.facilitatorId)" } == [
          "\(plain.data.caseId) \(id(1))", "\(sensitive.data.caseId) \(id(2))",
          "\(second.data.caseId) \(id(1))",
        ])
      let unfilled = try await h.events(AllocationUnfilled.self)
      #expect(
        unfilled.map { "\($0.data.caseId) \($0.data.reason)" } == [
          "\(welsh.data.caseId) no-language-match", "\(bereavedPolish.data.caseId) no-capacity",
          "\(nowhere.data.caseId) no-facilitator-in-area", "\(third.data.caseId) no-capacity",
          "\(untrained.data.caseId) no-sensitive-trained",
        ])
      #expect(unfilled.allSatisfy { $0.producer == "facilitator-matching" })
      #expect(try await h.openAllocations() == [id(1): 2, id(2): 1])

      let first = try #require(allocated.first)
      #expect(first.data.allocationId == "\(plain.data.requestId)/lead")
      #expect(first.data.requestId == plain.data.requestId)
      #expect(first.data.role == .lead)
      #expect(first.data.agency == "Agency One")
      #expect(first.area == area)
      #expect(first.caseId == plain.data.caseId)
      #expect(first.producer == "facilitator-matching")
      #expect(first.causationId == plain.id)
      #expect(first.correlationId == plain.correlationId)
    }
  }

  @Test("an allocation asks notifications to email the facilitator, in the same transaction")
  func allocationNotice() async throws {
    try await AllocationHarness.with { h in
      let area = SyntheticRequests.area()
      let facilitatorId = "TST-\(area)-1"
      try await h.register([SyntheticRequests.facilitator(facilitatorId, areas: [area])])
      let request = SyntheticRequests.request(area: area)
      try await h.deliver([request])
      try await h.waitUntilHandled([request])

      let notices = try await h.events(NotificationRequested.self)
      let notice = try #require(notices.first)
      #expect(notices.count == 1)
      let caseId = request.data.caseId
      #expect(notice.data.notificationId == "\(caseId)/facilitator-allocation/\(facilitatorId)")
      #expect(notice.data.caseId == caseId)
      #expect(notice.data.purpose == .facilitatorAllocation)
      #expect(notice.data.channel == .email)
      #expect(notice.data.recipient.email == "\(facilitatorId.lowercased())@example.org")
      #expect(notice.data.recipient.name == "Test Facilitator \(facilitatorId)")
      #expect(notice.data.values == ["caseId": caseId, "area": area, "role": "lead"])
      #expect(notice.causationId == request.id)
      #expect(notice.area == area)
    }
  }

  @Test("the same request under different message ids is allocated, or left unfilled, once")
  func sameRequestTwice() async throws {
    try await AllocationHarness.with { h in
      let area = SyntheticRequests.area()
      try await h.register([SyntheticRequests.facilitator("TST-\(area)-1", areas: [area])])
      let request = SyntheticRequests.request(area: area)
      let lonely = SyntheticRequests.request(area: SyntheticRequests.area())
      let together = [
        request, SyntheticRequests.copy(request), lonely, SyntheticRequests.copy(lonely),
      ]
      try await h.deliver(together)
      try await h.waitUntilHandled(together)
      let later = [SyntheticRequests.copy(request), SyntheticRequests.copy(lonely)]
      try await h.deliver(later)
      try await h.waitUntilHandled(later)

      #expect(
        try await h.events(FacilitatorAllocated.self).map(\.data.caseId) == [request.data.caseId])
      #expect(try await h.events(NotificationRequested.self).count == 1)
      #expect(
        try await h.events(AllocationUnfilled.self).map(\.data.caseId) == [lonely.data.caseId])
      #expect(try await h.openAllocations() == ["TST-\(area)-1": 1])
    }
  }

  @Test("two replicas deciding requests at once never take a facilitator past capacity")
  func concurrentReplicas() async throws {
    var configuration = InboxConsumerConfiguration()
    configuration.prefetch = 4
    configuration.batchSize = 2
    try await AllocationHarness.with(replicas: 2, configuration: configuration) { h in
      // Several rounds, each in an area of its own: a race would show in one of them.
      for _ in 0..<3 {
        let area = SyntheticRequests.area()
        try await h.register([
          SyntheticRequests.facilitator("TST-\(area)-1", areas: [area], capacity: 3),
          SyntheticRequests.facilitator(
            "TST-\(area)-2", areas: [area], level: .foundation, capacity: 10),
        ])
        let requests = (0..<10).map { _ in SyntheticRequests.request(area: area) }
        try await h.deliver(requests)
        try await h.waitUntilHandled(requests)
        let cases = Set(requests.map(\.data.caseId))

        let allocated = try await h.events(FacilitatorAllocated.self).filter {
          cases.contains($0.data.caseId)
        }
        #expect(allocated.count == 3)
        #expect(allocated.allSatisfy { $0.data.facilitatorId == "TST-\(area)-1" })
        let unfilled = try await h.events(AllocationUnfilled.self).filter {
          cases.contains($0.data.caseId)
        }
        #expect(unfilled.count == 7)
        #expect(unfilled.allSatisfy { $0.data.reason == "no-capacity" })
        #expect(try await h.openAllocations()["TST-\(area)-1"] == 3)
      }
      #expect(try await h.openAllocations().count == 3)
    }
  }

  @Test("replicas locking overlapping facilitators across areas neither deadlock nor over-allocate")
  func overlappingAreas() async throws {
    var configuration = InboxConsumerConfiguration()
    configuration.prefetch = 6
    configuration.batchSize = 3
    try await AllocationHarness.with(replicas: 2, configuration: configuration) { h in
      let north = SyntheticRequests.area()
      let south = SyntheticRequests.area()
      try await h.register([
        SyntheticRequests.facilitator("TST-\(north)-1", areas: [north], capacity: 3),
        SyntheticRequests.facilitator("TST-\(south)-1", areas: [south], capacity: 3),
        SyntheticRequests.facilitator("TST-\(north)-both", areas: [south, north], capacity: 2),
      ])
      let requests = (0..<20).map { SyntheticRequests.request(area: $0 % 2 == 0 ? north : south) }
      try await h.deliver(requests)
      try await h.waitUntilHandled(requests)

      #expect(try await h.events(FacilitatorAllocated.self).count == 8)
      let unfilled = try await h.events(AllocationUnfilled.self)
      #expect(unfilled.count == 12)
      #expect(unfilled.allSatisfy { $0.data.reason == "no-capacity" })
      #expect(
        try await h.openAllocations() == [
          "TST-\(north)-1": 3, "TST-\(south)-1": 3, "TST-\(north)-both": 2,
        ])
    }
  }
}
