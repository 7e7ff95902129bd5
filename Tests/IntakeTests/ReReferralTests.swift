import EventContracts
import Foundation
import PostgresClient
import TestSupport
import Testing

/// Referrals of closed cases (issue 21): a referral of a victim and crime whose case has closed
/// or been transferred opens a new case linked to it (`previousCaseId`), never joining a case
/// nobody works; while the case is worked (paused included) it still joins it.
@Suite("Re-referrals of closed cases", .serialized)
struct ReReferralTests {
  /// Referral `id` of the crime `NFK/RE/1` from the victim hub, so each is a new referral.
  static func referral(_ id: String) -> [String: Any] {
    SyntheticReferrals.setting(
      ReferralLinkingTests.fromVictimHub(SyntheticReferrals.valid(referralId: id), id: id),
      "/offence/crimeReference", to: "NFK/RE/1")
  }

  /// Victim-contact's move of `caseId` to `stage`, its `sequence`th change.
  static func stage(
    _ caseId: String, _ stage: CaseStage, from previous: CaseStage = .followUp, sequence: Int,
    move: StageMove? = nil
  ) -> EventEnvelope<CaseStageChanged> {
    EventEnvelope(
      occurredAt: Date(), producer: "victim-contact", area: "norfolk", caseId: caseId,
      data: CaseStageChanged(
        caseId: caseId, stage: stage, previousStage: previous, sequence: sequence,
        changedAt: Date(), move: move ?? (stage == .closed ? .close : .advance),
        closureReason: stage == .closed ? .directInterventionDelivered : nil))
  }

  /// Submits `object` and waits until it is handled; returns its answer.
  func submit(_ object: [String: Any], to h: IntakeHarness) async throws -> ReferralAccepted {
    let before = try await h.count("submissions")
    let correlation = UUID().uuidString
    _ = try await h.submit(
      [SyntheticReferrals.bytes(object)], replyTo: "police.rereferral-test.replies",
      correlationId: correlation)
    try await h.handle(expecting: before + 1)
    let reply = try #require(
      try await h.emitted().last { $0.exchange == "" && $0.correlationId == correlation })
    return try EventCoding.decode(ReferralAccepted.self, from: Array(reply.body.utf8)).data
  }

  func opened(_ h: IntakeHarness, _ caseId: String) async throws -> CaseOpened? {
    try await h.events(CaseOpened.self).first { $0.data.caseId == caseId }?.data
  }

  @Test("a referral of a closed case opens a new case linked to it; the next joins the new case")
  func referralOfAClosedCaseOpensALinkedCase() async throws {
    try await IntakeHarness.with { h in
      let first = try await submit(Self.referral("RE-1"), to: h)
      // Until intake hears of the closure, the same crime joins the case.
      let joined = try await submit(Self.referral("RE-2"), to: h)
      #expect(joined.caseId == first.caseId && joined.linkedToExistingCase)
      try await h.recordStages([Self.stage(first.caseId, .closed, sequence: 7)])

      let again = try await submit(Self.referral("RE-3"), to: h)
      #expect(again.caseId != first.caseId)
      #expect(!again.linkedToExistingCase)
      let newCase = try #require(try await opened(h, again.caseId))
      #expect(newCase.previousCaseId == first.caseId)
      #expect(try await opened(h, first.caseId)?.previousCaseId == nil)
      // The new case is worked: the next referral of the crime joins it, not the closed one.
      let next = try await submit(Self.referral("RE-4"), to: h)
      #expect(next.caseId == again.caseId && next.linkedToExistingCase)
      // A chain: once the new case closes too, the next case follows the newer one.
      try await h.recordStages([Self.stage(again.caseId, .closed, sequence: 9)])
      let third = try await submit(Self.referral("RE-5"), to: h)
      #expect(try await opened(h, third.caseId)?.previousCaseId == again.caseId)
      #expect(try await h.count("cases") == 3)
      #expect(try await h.events(CaseOpened.self).count == 3)
      #expect(try await h.events(CaseReferralLinked.self).count == 2)
    }
  }

  @Test("a transferred case is not joined either; a paused one is")
  func transferredNotJoinedPausedJoined() async throws {
    try await IntakeHarness.with { h in
      let paused = try await submit(Self.referral("TP-1"), to: h)
      try await h.recordStages([
        Self.stage(paused.caseId, .paused, from: .preparation, sequence: 4, move: .pause)
      ])
      let joined = try await submit(Self.referral("TP-2"), to: h)
      #expect(joined.caseId == paused.caseId && joined.linkedToExistingCase)
      try await h.recordStages([
        Self.stage(paused.caseId, .transferred, from: .paused, sequence: 5, move: .transfer)
      ])
      let afterTransfer = try await submit(Self.referral("TP-3"), to: h)
      #expect(afterTransfer.caseId != paused.caseId && !afterTransfer.linkedToExistingCase)
      #expect(try await opened(h, afterTransfer.caseId)?.previousCaseId == paused.caseId)
    }
  }

  @Test(
    "stage changes out of order or twice: the latest sequence decides; a reopened case is joined")
  func latestStageDecides() async throws {
    try await IntakeHarness.with { h in
      let first = try await submit(Self.referral("OO-1"), to: h)
      let closed = Self.stage(first.caseId, .closed, sequence: 6)
      // The closure, then (late) an earlier change and the closure again: still closed.
      try await h.recordStages([
        closed, Self.stage(first.caseId, .followUp, from: .outcomeMonitoring, sequence: 5), closed,
      ])
      let fresh = try await submit(Self.referral("OO-2"), to: h)
      #expect(fresh.caseId != first.caseId)
      // The case worker reopens the old case (sequence 8); its late sibling (7) changes nothing.
      try await h.recordStages([
        Self.stage(first.caseId, .initialEngagement, from: .closed, sequence: 8, move: .reopen),
        Self.stage(first.caseId, .closed, sequence: 7),
      ])
      let s = h.schema.sql
      let kept = try await h.pool.withSession {
        try $0.query(
          "SELECT stage, sequence FROM \(s).case_stages WHERE case_id = $1", [.text(first.caseId)]
        ).rows.map { "\(try $0.decode(0, as: String.self)) \(try $0.decode(1, as: Int.self))" }
      }
      #expect(kept == ["initial-engagement 8"])
      // Both cases are worked now: the earliest referral's case comes first, as before closures.
      let joined = try await submit(Self.referral("OO-3"), to: h)
      #expect(joined.caseId == first.caseId && joined.linkedToExistingCase)
    }
  }
}
