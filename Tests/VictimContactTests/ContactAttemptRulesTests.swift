import EventContracts
import Foundation
import ServiceRuntime
import Testing

@testable import VictimContact

@Suite("Contact attempt rules and request checks")
struct ContactAttemptRulesTests {
  @Test("the first conversation moves a referred case to initial engagement; no answer does not")
  func firstConversation() {
    let spoke = ContactAttemptRules(
      participant: .offender, outcome: .spokeWith, stage: .referred, victimAgreedBefore: false)
    #expect(spoke.engages)
    #expect(!spoke.victimAgreesFirstTime && !spoke.victimReached)
    let noAnswer = ContactAttemptRules(
      participant: .victim, outcome: .noAnswer, stage: .referred, victimAgreedBefore: false)
    #expect(!noAnswer.engages && !noAnswer.victimReached)
    let again = ContactAttemptRules(
      participant: .victim, outcome: .spokeWith, stage: .initialEngagement,
      victimAgreedBefore: false)
    #expect(!again.engages && again.victimReached)
  }

  @Test(
    "the victim's first agreement requests facilitators once; it is not consent, so no assessment")
  func victimAgrees() {
    let first = ContactAttemptRules(
      participant: .victim, outcome: .agreed, stage: .referred, victimAgreedBefore: false)
    #expect(first.engages, "to initial engagement, and no further")
    #expect(first.victimAgreesFirstTime && first.victimReached)
    let family = ContactAttemptRules(
      participant: .bereavedFamilyMember, outcome: .agreed, stage: .initialEngagement,
      victimAgreedBefore: false)
    #expect(family.victimAgreesFirstTime && family.victimReached && !family.engages)
    let repeated = ContactAttemptRules(
      participant: .victim, outcome: .agreed, stage: .riskAssessment, victimAgreedBefore: true)
    #expect(!repeated.engages && !repeated.victimAgreesFirstTime)
    let offender = ContactAttemptRules(
      participant: .offender, outcome: .agreed, stage: .initialEngagement,
      victimAgreedBefore: false)
    #expect(!offender.engages && !offender.victimAgreesFirstTime)
    let closed = ContactAttemptRules(
      participant: .victim, outcome: .agreed, stage: .closed, victimAgreedBefore: false)
    #expect(!closed.victimAgreesFirstTime)
  }

  @Test("a contact attempt body is read with every problem reported by path and code")
  func requestChecks() throws {
    let valid = try ContactAttemptRequest.parse(
      Array(#"{"participant":"victim","channel":"phone","outcome":"agreed","notes":"  "}"#.utf8))
    #expect(
      valid
        == ContactAttemptRequest(
          participant: .victim, participantId: nil, channel: .phone, outcome: .agreed,
          notes: nil))
    #expect(throws: RequestValidationFailure.self) {
      try ContactAttemptRequest.parse(Array("[1]".utf8))
    }
    do throws(RequestValidationFailure) {
      _ = try ContactAttemptRequest.parse(
        Array(#"{"channel":7,"outcome":"maybe","notes":false}"#.utf8))
      Issue.record("an invalid body was accepted")
    } catch {
      #expect(
        error.problems.map { "\($0.path) \($0.code)" } == [
          "/participant required", "/channel invalid-type", "/outcome invalid-value",
          "/notes invalid-type",
        ])
      #expect(error.problems.allSatisfy { !$0.message.contains("maybe") })
    }
  }
}
