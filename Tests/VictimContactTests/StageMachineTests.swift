import EventContracts
import Foundation
import Testing

@testable import VictimContact

/// The case journey's state machine (issue 6, first part): every legal move, every illegal
/// one refused with the rule that blocks it, pause and resume, closure, reopening and
/// transfer, and the times derived from the history.
@Suite("Case journey state machine")
struct StageMachineTests {
  /// Facts under which every forward move is allowed.
  static let ready = JourneyFacts(
    participantsConsenting: 2, assessmentOutcome: .suitable, assessmentSignedOff: true,
    outcomeAgreement: true, deliveredDirect: true,
    closureReason: .directInterventionDelivered)

  static func decide(
    _ from: CaseStage, _ to: CaseStage, _ facts: JourneyFacts = ready
  ) -> String {
    switch StageMachine.decide(from: from, to: to, facts: facts) {
    case .success(let move): return move.rawValue
    case .failure(let refusal): return refusal.rule.rawValue
    }
  }

  @Test("every pair of stages, with everything in place: exactly the journey's moves allowed")
  func everyPair() {
    var facts = Self.ready
    facts.pausedFrom = .preparation
    let expected: [CaseStage: [CaseStage: String]] = [
      .referred: [.initialEngagement: "advance"],
      .initialEngagement: [.riskAssessment: "advance"],
      .riskAssessment: [.preparation: "advance"],
      .preparation: [.intervention: "advance"],
      .intervention: [.outcomeMonitoring: "advance"],
      .outcomeMonitoring: [.followUp: "advance"],
      .followUp: [:],
      .closed: [.initialEngagement: "reopen"],
      .paused: [.preparation: "resume", .closed: "close", .transferred: "transfer"],
      .transferred: [:],
    ]
    for from in CaseStage.allCases {
      for to in CaseStage.allCases {
        var allowed = expected[from]?[to]
        if from.isWorking {
          switch to {
          case .paused: allowed = "pause"
          case .closed: allowed = "close"
          case .transferred: allowed = "transfer"
          default: break
          }
        }
        let decision = Self.decide(from, to, facts)
        if let allowed {
          #expect(decision == allowed, "\(from) → \(to)")
        } else {
          #expect(
            StageMachine.Rule(rawValue: decision) != nil, "\(from) → \(to) refused, not \(decision)"
          )
        }
      }
    }
  }

  @Test(
    "each illegal move is refused with the rule that blocks it",
    arguments: [
      (CaseStage.referred, CaseStage.referred, JourneyFacts(), "same-stage"),
      (.referred, .riskAssessment, JourneyFacts(), "one-stage-at-a-time"),
      (.referred, .intervention, ready, "one-stage-at-a-time"),
      (.preparation, .riskAssessment, ready, "one-stage-at-a-time"),
      (.followUp, .referred, ready, "one-stage-at-a-time"),
      (.initialEngagement, .riskAssessment, JourneyFacts(), "consent-required"),
      (
        .riskAssessment, .preparation, JourneyFacts(participantsConsenting: 1),
        "assessment-not-signed-off"
      ),
      (
        .riskAssessment, .preparation,
        JourneyFacts(participantsConsenting: 1, assessmentOutcome: .suitable),
        "assessment-not-signed-off"
      ),
      (
        .riskAssessment, .preparation,
        JourneyFacts(
          participantsConsenting: 1, assessmentOutcome: .unsuitable, assessmentSignedOff: true),
        "assessment-unsuitable"
      ),
      (
        .riskAssessment, .preparation,
        JourneyFacts(
          participantsConsenting: 1, assessmentOutcome: .suitableWithConditions,
          assessmentSignedOff: true, sensitive: true),
        "supervisor-sign-off-required"
      ),
      (
        .preparation, .intervention,
        JourneyFacts(
          participantsConsenting: 1, consentWithdrawn: true, assessmentOutcome: .suitable,
          assessmentSignedOff: true),
        "consent-withdrawn"
      ),
      (
        .intervention, .outcomeMonitoring,
        JourneyFacts(
          participantsConsenting: 2, assessmentOutcome: .suitable, assessmentSignedOff: true),
        "outcome-agreement-required"
      ),
      (.preparation, .closed, JourneyFacts(), "closure-reason-required"),
      (
        .preparation, .closed, JourneyFacts(openTasks: 2, closureReason: .victimDeclined),
        "open-tasks"
      ),
      (
        .riskAssessment, .closed, JourneyFacts(closureReason: .unsuitable),
        "unsuitable-reason-required"
      ),
      (
        .riskAssessment, .closed,
        JourneyFacts(
          assessmentOutcome: .unsuitable, closureReason: .unsuitable, unsuitableReason: .riskOfHarm),
        "unsuitable-not-assessed"
      ),
      (
        .riskAssessment, .closed,
        JourneyFacts(
          assessmentOutcome: .suitable, assessmentSignedOff: true, closureReason: .unsuitable,
          unsuitableReason: .riskOfHarm),
        "unsuitable-not-assessed"
      ),
      (.intervention, .closed, JourneyFacts(closureReason: .other), "closure-reason-required"),
      (
        .intervention, .closed, JourneyFacts(closureReason: .indirectInterventionDelivered),
        "intervention-not-delivered"
      ),
      (.paused, .intervention, JourneyFacts(pausedFrom: .preparation), "resume-to-paused-stage"),
      (.closed, .preparation, ready, "closed-case"),
      (.closed, .paused, ready, "closed-case"),
      (.transferred, .initialEngagement, ready, "transferred-case"),
    ] as [(CaseStage, CaseStage, JourneyFacts, String)])
  func refused(from: CaseStage, to: CaseStage, facts: JourneyFacts, rule: String) throws {
    let result = StageMachine.decide(from: from, to: to, facts: facts)
    guard case .failure(let refusal) = result else {
      Issue.record("\(from) → \(to) was allowed")
      return
    }
    #expect(refusal.rule.rawValue == rule)
    #expect(refusal.message.hasPrefix("\(from.rawValue) → \(to.rawValue) refused: "))
    #expect(refusal.message.count > 40, "the message says what the rule is")
  }

  @Test(
    "codes of practice: no contact or intervention before sign-off; a sensitive case needs a supervisor"
  )
  func codesOfPractice() {
    #expect(!CaseStage.riskAssessment.allowsContactBetweenParties)
    #expect(CaseStage.preparation.allowsContactBetweenParties)
    var facts = JourneyFacts(
      participantsConsenting: 2, assessmentOutcome: .suitable, assessmentSignedOff: false)
    #expect(Self.decide(.riskAssessment, .preparation, facts) == "assessment-not-signed-off")
    facts.assessmentSignedOff = true
    facts.sensitive = true
    #expect(Self.decide(.riskAssessment, .preparation, facts) == "supervisor-sign-off-required")
    facts.supervisorSignedOff = true
    #expect(Self.decide(.riskAssessment, .preparation, facts) == "advance")
    // Withdrawal halts going forward at once, but the case can still be paused or closed.
    facts.consentWithdrawn = true
    #expect(Self.decide(.riskAssessment, .preparation, facts) == "consent-withdrawn")
    #expect(Self.decide(.riskAssessment, .paused, facts) == "pause")
  }

  @Test("without an outcome agreement an intervention goes straight to follow-up")
  func interventionWithoutAgreement() {
    var facts = Self.ready
    facts.outcomeAgreement = false
    #expect(Self.decide(.intervention, .followUp, facts) == "advance")
    facts.outcomeAgreement = true
    #expect(Self.decide(.intervention, .followUp, facts) == "one-stage-at-a-time")
  }

  @Test("time in each stage and in all, across a pause and a reopening")
  func times() throws {
    let start = Date(timeIntervalSince1970: 1_750_000_000)
    let day: TimeInterval = 86_400
    func at(_ days: Double) -> Date { start.addingTimeInterval(days * day) }
    let history = StageHistory(
      referredAt: start,
      changes: [
        .init(to: .initialEngagement, at: at(1), by: "cw-1"),
        .init(to: .paused, at: at(3), by: "cw-1", reason: "victim in hospital"),
        .init(to: .initialEngagement, at: at(10), by: "cw-1"),
        .init(to: .closed, at: at(12), by: "cw-1", reason: "declined-by-victim"),
        .init(to: .initialEngagement, at: at(40), by: "sup-1", reason: "victim asked again"),
        .init(to: .riskAssessment, at: at(41), by: "cw-2"),
      ])
    let times = history.timeInStage(until: at(45))
    #expect(times[.referred] == 1 * day)
    #expect(times[.initialEngagement] == (2 + 2 + 1) * day)
    #expect(times[.paused] == 7 * day)
    #expect(times[.closed] == 28 * day)
    #expect(times[.riskAssessment] == 4 * day)
    #expect(history.totalOpenTime(until: at(45)) == (45 - 28) * day)
    #expect(history.reopenings == 1)
  }
}
