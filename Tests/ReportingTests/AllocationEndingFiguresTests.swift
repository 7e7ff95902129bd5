import AMQPClient
import EventContracts
import Foundation
import Testing

@testable import Reporting

/// Allocations ended, by reason (issue 21): counted once per allocation, by the London day
/// they ended, in their area, whatever is delivered twice.
@Suite("Allocations ended figures", .serialized)
struct AllocationEndingFiguresTests {
  typealias E = ReportingEvents

  @Test("allocations ended in the period are counted once each by reason, in their area")
  func endedAllocationsCountedByReason() async throws {
    try await ReportingEventHarness.with { h in
      let (closed, transferred, released, march, late) = (
        E.caseId(), E.caseId(), E.caseId(), E.caseId(), E.caseId()
      )
      let closure = try OutgoingMessage.event(
        E.ended(closed, reason: .caseClosed, endedAt: "2025-04-20T10:00:00Z"))
      try await h.deliver([
        closure, closure.withNewMessageId(),
        try .event(
          E.ended(
            closed, role: .coFacilitator, reason: .caseClosed, endedAt: "2025-04-20T10:00:00Z")),
        try .event(E.ended(transferred, reason: .caseTransferred, endedAt: "2025-04-02T08:00:00Z")),
        try .event(E.ended(released, reason: .released, endedAt: "2025-04-30T12:00:00Z")),
        // Ended in March, and at 23:30 UTC on 30 April (1 May in London): not April's.
        try .event(E.ended(march, reason: .caseClosed, endedAt: "2025-03-31T10:00:00Z")),
        try .event(E.ended(late, reason: .released, endedAt: "2025-04-30T23:30:00Z")),
        try .event(
          E.ended(
            E.caseId(), reason: .caseClosed, endedAt: "2025-04-10T10:00:00Z", area: E.otherArea)
        ),
      ])
      let figures = try await h.figures().facilitatorAllocations
      #expect(figures.ended == 4)
      #expect(figures.endedByReason == ["case-closed": 2, "case-transferred": 1, "released": 1])
      #expect(figures.made == 0, "endings are not allocations made")
      let elsewhere = try await h.figures(area: E.otherArea).facilitatorAllocations
      #expect(elsewhere.endedByReason == ["case-closed": 1, "case-transferred": 0, "released": 0])
    }
  }
}
