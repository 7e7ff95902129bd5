import DurableMessaging
import EventContracts
import Foundation
import PostgresClient
import Testing

@testable import FacilitatorMatching

/// Allocations end (issue 21: they never did, so every facilitator ran out of capacity): with
/// their case's closure or transfer, once, whatever is delivered twice or out of order, and
/// the capacity is given back.
@Suite("allocations ending with their case", .serialized)
struct AllocationEndingTests {
  /// victim-contact's stage change of `caseId` to `stage`, `sequence`-th, at `changedAt`.
  static func stageChange(
    _ caseId: String, area: String, to stage: CaseStage, sequence: Int,
    changedAt: Date = Date(), move: StageMove? = nil
  ) -> EventEnvelope<CaseStageChanged> {
    EventEnvelope(
      producer: "victim-contact", area: area, caseId: caseId,
      data: CaseStageChanged(
        caseId: caseId, stage: stage, previousStage: .preparation, sequence: sequence,
        changedAt: changedAt, move: move))
  }

  /// Delivers `requests` and waits until they are handled.
  func request(_ requests: [EventEnvelope<FacilitatorsRequested>], _ h: AllocationHarness)
    async throws
  {
    try await h.deliver(requests)
    try await h.waitUntilHandled(requests)
  }

  /// Delivers `changes` and waits until they are handled.
  func change(_ changes: [EventEnvelope<CaseStageChanged>], _ h: AllocationHarness) async throws {
    try await h.rig.publish(changes)
    try await h.rig.waitUntilHandled(changes)
  }

  @Test("a facilitator with room for one case gets a second only once the first case closes")
  func allocationsCloseWithTheirCase() async throws {
    try await AllocationHarness.with { h in
      let area = SyntheticRequests.area()
      let facilitatorId = "TST-\(area)-1"
      try await h.register([
        SyntheticRequests.facilitator(facilitatorId, areas: [area], capacity: 1),
        Self.coFacilitator(area),
      ])
      let first = SyntheticRequests.request(area: area)
      let second = SyntheticRequests.request(area: area)
      try await request([first, second], h)
      #expect(try await h.events(AllocationUnfilled.self).map(\.data.reason) == ["no-capacity"])

      let closed = Self.stageChange(
        first.data.caseId, area: area, to: .closed, sequence: 7, move: .close)
      // Delivered twice: under its own id again, and republished under another.
      var republished = closed
      republished.id = UUID()
      try await change([closed, closed, republished], h)
      let ended = try await h.events(AllocationEnded.self).filter { $0.data.role == .lead }
      #expect(ended.count == 1, "ended once")
      #expect(ended.first?.data.allocationId == "\(first.data.requestId)/lead")
      #expect(ended.first?.data.facilitatorId == facilitatorId)
      #expect(ended.first?.data.reason == .caseClosed)
      #expect(ended.first?.data.releaseReason == nil)
      #expect(ended.first?.area == area)
      #expect(ended.first?.causationId == closed.id)
      #expect(try await h.openAllocations()[facilitatorId] == nil, "capacity given back")

      let third = SyntheticRequests.request(area: area)
      try await request([third], h)
      let allocated = try await h.events(FacilitatorAllocated.self).filter { $0.data.role == .lead }
      #expect(allocated.map(\.data.caseId) == [first.data.caseId, third.data.caseId])
    }
  }

  @Test("a case transferred to another area ends its allocations as transferred")
  func transferEndsAllocations() async throws {
    try await AllocationHarness.with { h in
      let area = SyntheticRequests.area()
      try await h.register([
        SyntheticRequests.facilitator("TST-\(area)-1", areas: [area]), Self.coFacilitator(area),
      ])
      let transferred = SyntheticRequests.request(area: area)
      let staying = SyntheticRequests.request(area: area)
      try await request([transferred, staying], h)
      try await change(
        [
          Self.stageChange(
            transferred.data.caseId, area: area, to: .transferred, sequence: 3, move: .transfer),
          Self.stageChange(staying.data.caseId, area: area, to: .intervention, sequence: 5),
        ], h)
      let ended = try await h.events(AllocationEnded.self).filter { $0.data.role == .lead }
      #expect(ended.map(\.data.caseId) == [transferred.data.caseId])
      #expect(ended.map(\.data.reason) == [.caseTransferred])
      #expect(try await h.openAllocations()["TST-\(area)-1"] == 1, "the other case keeps its lead")
    }
  }

  @Test("an older closure arriving late, or one before the allocation, ends nothing")
  func outOfOrderClosureEndsNothingNewer() async throws {
    try await AllocationHarness.with { h in
      let area = SyntheticRequests.area()
      try await h.register([
        SyntheticRequests.facilitator("TST-\(area)-1", areas: [area]), Self.coFacilitator(area),
      ])
      // The case was closed and reopened; the reopening arrives first, the closure late.
      let reopenedCase = SyntheticRequests.caseId()
      let closedAt = Date().addingTimeInterval(-60)
      try await change(
        [
          Self.stageChange(
            reopenedCase, area: area, to: .initialEngagement, sequence: 6, move: .reopen)
        ], h)
      try await request([SyntheticRequests.request(area: area, caseId: reopenedCase)], h)
      try await change(
        [
          Self.stageChange(
            reopenedCase, area: area, to: .closed, sequence: 5, changedAt: closedAt, move: .close)
        ], h)
      // Another case's closure whose instant is before its (newer) allocation was made.
      let laterCase = SyntheticRequests.caseId()
      try await request([SyntheticRequests.request(area: area, caseId: laterCase)], h)
      try await change(
        [
          Self.stageChange(
            laterCase, area: area, to: .closed, sequence: 2, changedAt: closedAt, move: .close)
        ], h)
      #expect(try await h.events(AllocationEnded.self).isEmpty)
      #expect(try await h.openAllocations()["TST-\(area)-1"] == 2)
    }
  }

  @Test("a request its case's closure overtook allocates nobody; a later request still does")
  func requestOvertakenByItsClosureAllocatesNobody() async throws {
    try await AllocationHarness.with { h in
      let area = SyntheticRequests.area()
      try await h.register([
        SyntheticRequests.facilitator("TST-\(area)-1", areas: [area]), Self.coFacilitator(area),
      ])
      let late = SyntheticRequests.request(area: area)
      try await change(
        [Self.stageChange(late.data.caseId, area: area, to: .closed, sequence: 4, move: .close)], h)
      try await request([late], h)
      #expect(try await h.events(FacilitatorAllocated.self).isEmpty)
      #expect(try await h.events(AllocationUnfilled.self).isEmpty)
      #expect(try await h.openAllocations().isEmpty)
      let s = h.schema.sql
      let outcome = try await h.pool.withSession {
        try $0.query(
          "SELECT outcome FROM \(s).requests WHERE request_id = $1", [.text(late.data.requestId)]
        ).rows.first?.decode(0, as: String.self)
      }
      #expect(outcome == "case-ended")
      let other = SyntheticRequests.request(area: area)
      try await request([other], h)
      #expect(
        try await h.events(FacilitatorAllocated.self).map(\.data.caseId) == [
          other.data.caseId, other.data.caseId,
        ])
    }
  }

  /// A foundation-level co-facilitator with room for every case in `area`, so the lead's
  /// capacity decides.
  static func coFacilitator(_ area: String) -> FacilitatorRegistration {
    SyntheticRequests.facilitator("TST-\(area)-co", areas: [area], level: .foundation, capacity: 50)
  }
}
