import AMQPClient
import AccessControl
import EventContracts
import Foundation
import PostgresClient
import Testing

/// A case worker runs cases through victim-contact's API from first contact to closure
/// (issue 6), against the built service and the real servers, and the codes of practice
/// hold: no assessment without consent, no contact between the parties or intervention
/// before the assessment is signed off (by a supervisor when the case is sensitive), a
/// withdrawal of consent halts the process, the safe-contact rules block the unsafe
/// channel, a closure needs a reason and no open tasks.
@Suite("Case journey through the API", .serialized)
struct CaseJourneyAPITests {
  @Test("a case goes from first contact to an indirect intervention, closure and reopening")
  func wholeJourney() async throws {
    try await CaseAPIHarness.with { h in
      let caseId = SyntheticCases.caseId()
      try await h.openCase(caseId, sensitive: false)
      let worker = try await CaseWorkerClient(h)
      let colleague = try await CaseWorkerClient(h, subject: "test-case-worker-8")
      let path = "/cases/\(caseId)"
      let victim = "\(caseId).victim"
      func stage(_ to: String, _ extra: [String: Any] = [:]) -> [String: Any] {
        extra.merging(["stage": to]) { a, _ in a }
      }

      #expect(
        try await worker.refused(path + "/stage", stage("risk-assessment")) == "one-stage-at-a-time"
      )
      try await worker.send(
        "POST", path + "/contact-attempts",
        ["participant": "victim", "channel": "email", "outcome": "spoke-with"])
      #expect(
        try await worker.refused(path + "/stage", stage("risk-assessment")) == "consent-required")
      #expect(
        try await worker.refused(
          path + "/participants/\(victim)/consents",
          JourneyBodies.consent(information: ["what-rj-is", "voluntary"])) == "consent-not-informed"
      )
      try await worker.send(
        "POST", path + "/participants/\(victim)/consents", JourneyBodies.consent())
      #expect(
        try await worker.refused(path + "/participants/\(victim)/consents", JourneyBodies.consent())
          == "consent-already-given")
      let offender = try await worker.send(
        "POST", path + "/participants",
        [
          "role": "offender", "safeToWrite": true, "safeToCall": true, "preferredChannel": "phone",
          "language": "en-GB", "interpreterNeeded": false,
          "contact": ["name": "Test Offender Quill", "phone": "07700 900777"],
        ])
      let offenderId = try #require(offender["participantId"] as? String)
      try await worker.send(
        "POST", path + "/participants/\(offenderId)/consents", JourneyBodies.consent())
      let assessing = try await worker.send("POST", path + "/stage", stage("risk-assessment"))
      #expect(assessing["move"] as? String == "advance")

      let shuttle: [String: Any] = [
        "kind": "shuttle-communication", "plannedFor": JourneyBodies.time(-86_400),
        "attendees": [victim, offenderId], "facilitators": ["FAC-0042", "FAC-0043"],
      ]
      #expect(
        try await worker.refused(path + "/interventions", shuttle) == "assessment-not-signed-off",
        "no intervention before the assessment is signed off")
      #expect(
        try await worker.refused(
          path + "/assessments", JourneyBodies.assessment(offenderId), status: 400) == "required",
        "an offender's acknowledgement of responsibility is recorded")
      let victimAssessment = try await worker.send(
        "POST", path + "/assessments",
        JourneyBodies.assessment(
          victim, outcome: "suitable-with-conditions", conditions: ["indirect-only"]))
      let offenderAssessment = try await worker.send(
        "POST", path + "/assessments", JourneyBodies.assessment(offenderId, acknowledges: true))
      #expect(
        try await worker.refused(path + "/stage", stage("preparation"))
          == "assessment-not-signed-off"
      )
      let victimAssessmentId = try #require(victimAssessment["assessmentId"] as? String)
      let offenderAssessmentId = try #require(offenderAssessment["assessmentId"] as? String)
      #expect(
        try await worker.refused(path + "/assessments/\(victimAssessmentId)/sign-off", [:])
          == "own-assessment")
      for id in [victimAssessmentId, offenderAssessmentId] {
        try await colleague.send("POST", path + "/assessments/\(id)/sign-off", [:])
      }
      try await worker.send("POST", path + "/stage", stage("preparation"))
      var conference = shuttle
      conference["kind"] = "conference"
      conference["place"] = "Synthetic Community Hall, Room 2"
      let supporter = try await worker.send(
        "POST", path + "/participants",
        ["role": "supporter", "supports": victim, "contact": ["name": "Test Supporter Wren"]])
      let supporterId = try #require(supporter["participantId"] as? String)
      try await worker.send(
        "POST", path + "/participants/\(supporterId)/consents", JourneyBodies.consent())
      var withSupporter = shuttle
      withSupporter["attendees"] = [victim, offenderId, supporterId]
      #expect(
        try await worker.refused(path + "/interventions", shuttle) == "facilitator-not-allocated")
      try await h.allocate(["FAC-0042", "FAC-0043"], to: caseId)
      #expect(
        try await worker.refused(path + "/interventions", withSupporter)
          == "assessment-not-signed-off", "every attendee is assessed first")
      #expect(try await worker.refused(path + "/interventions", conference) == "indirect-only")
      let planned = try await worker.send("POST", path + "/interventions", shuttle)
      let interventionId = try #require(planned["interventionId"] as? String)
      try await worker.send("POST", path + "/stage", stage("intervention"))
      try await worker.send("POST", path + "/interventions/\(interventionId)/delivery", [:])
      #expect(
        try await worker.refused(path + "/interventions/\(interventionId)/delivery", [:])
          == "not-planned")
      let agreement = try await worker.send(
        "POST", path + "/outcome-agreements",
        [
          "madeOn": "2026-11-30",
          "items": [
            [
              "kind": "apology", "responsible": offenderId, "dueOn": "2026-12-14",
              "description": "A written apology, passed on by the facilitator",
            ]
          ],
        ])
      let agreementId = try #require(agreement["agreementId"] as? String)
      let itemId = try #require(
        (agreement["items"] as? [[String: Any]])?.first?["itemId"] as? String)
      try await worker.send("POST", path + "/stage", stage("outcome-monitoring"))
      try await worker.send(
        "POST", path + "/outcome-agreements/\(agreementId)/items/\(itemId)", ["status": "done"])
      #expect(
        try await worker.refused(
          path + "/outcome-agreements/\(agreementId)/items/\(itemId)", ["status": "done"])
          == "item-settled")
      try await worker.send(
        "POST", path + "/outcome-agreements/\(agreementId)/items/\(UUID())", ["status": "done"],
        expect: 404)
      try await worker.send(
        "POST", path + "/task-closures",
        ["taskId": "\(caseId)/no-such-task", "status": "completed"],
        expect: 404)
      try await worker.send(
        "POST", path + "/surveys",
        [
          "participantId": victim, "kind": "distance-travelled", "point": "start",
          "measures": JourneyBodies.distance,
        ])
      #expect(
        try await worker.refused(
          path + "/surveys",
          [
            "participantId": offenderId, "kind": "distance-travelled", "point": "end",
            "measures": JourneyBodies.distance,
          ])
          == "victims-only")
      try await worker.send(
        "POST", path + "/surveys",
        [
          "participantId": offenderId, "kind": "satisfaction", "point": "end", "satisfaction": 4,
          "testimonial": "It helped me understand", "testimonialConsent": true,
        ])
      try await worker.send("POST", path + "/stage", stage("follow-up"))
      let task = try await worker.send(
        "POST", path + "/tasks",
        ["description": "Call the victim about the apology", "dueInWorkingDays": 2])
      let close = stage("closed", ["closureReason": "indirect-intervention-delivered"])
      #expect(try await worker.refused(path + "/stage", close) == "open-tasks")
      let tasks = try #require(try await worker.view(caseId)["tasks"] as? [[String: Any]])
      for open in tasks where open["status"] as? String == "open" {
        try await worker.send(
          "POST", path + "/task-closures",
          [
            "taskId": open["taskId"] as? String ?? "", "status": "dropped",
            "reason": "Not needed now",
          ])
      }
      #expect(tasks.contains { $0["taskId"] as? String == task["taskId"] as? String })
      #expect(
        try await worker.refused(
          path + "/stage", stage("closed", ["closureReason": "direct-intervention-delivered"]))
          == "intervention-not-delivered")
      #expect(
        try await worker.refused(path + "/stage", stage("closed", ["closureReason": "other"]))
          == "closure-reason-required", "other needs words")
      let closed = try await worker.send("POST", path + "/stage", close)
      #expect(closed["move"] as? String == "close")
      let followUps = {
        try await h.pool.withSession {
          try $0.query(
            "SELECT count(*) FROM victim_contact.follow_up_surveys WHERE case_id = $1",
            [.text(caseId)]
          ).rows[0].decode(0, as: Int.self)
        }
      }
      #expect(try await followUps() == 1, "closing scheduled the victim's six-month survey")
      let reopened = try await worker.send(
        "POST", path + "/stage", stage("initial-engagement", ["reason": "The victim asked again"]))
      #expect(reopened["move"] as? String == "reopen")
      #expect(try await followUps() == 0, "a reopened case is not over: no survey yet")

      let facilitator = try await CaseWorkerClient(
        h, [.facilitator], subject: "facilitator-42", facilitatorId: "FAC-0042")
      let seen = try await facilitator.journey(caseId)
      #expect(
        seen["assessments"] == nil && seen["surveys"] == nil && seen["supportReferrals"] == nil)
      #expect((seen["suitability"] as? [[String: Any]])?.count == 2)
      #expect(
        (seen["participants"] as? [[String: Any]])?.allSatisfy { $0["contact"] == nil } == true)

      let journey = try await worker.journey(caseId)
      let changes = try #require(journey["stageChanges"] as? [[String: Any]])
      #expect(
        changes.map { $0["to"] as? String ?? "" } == [
          "initial-engagement", "risk-assessment", "preparation", "intervention",
          "outcome-monitoring", "follow-up", "closed", "initial-engagement",
        ])
      #expect(changes.last?["reason"] as? String == "The victim asked again")
      #expect(changes.last?["changedBy"] as? String == "test-case-worker-7")
      #expect(journey["reopenings"] as? Int == 1)
      #expect((journey["secondsInStage"] as? [String: Int])?["preparation"] != nil)
      #expect((journey["timeline"] as? [Any])?.count ?? 0 >= 15)
      #expect((journey["participants"] as? [[String: Any]])?.count == 3)

      let events = try await h.emittedEvents(about: caseId)
      func count<P: EventPayload>(_ type: P.Type) -> Int {
        events.filter { $0.routingKey == P.routingKey }.count
      }
      #expect(count(ConsentGiven.self) == 3)
      #expect(count(AssessmentRecorded.self) == 4, "two completed, two signed off")
      #expect(count(InterventionRecorded.self) == 2, "planned, delivered")
      #expect(count(OutcomeAgreementRecorded.self) == 2, "made, item settled")
      #expect(count(SurveyAnswered.self) == 2)
      let stages = try events.filter { $0.routingKey == CaseStageChanged.routingKey }
        .map { try EventCoding.decode(CaseStageChanged.self, from: $0.body).data }
        .sorted { $0.sequence < $1.sequence }
      #expect(stages.map(\.sequence) == Array(1...8))
      #expect(stages.first { $0.stage == .closed }?.closureReason == .indirectInterventionDelivered)
      for event in events where event.routingKey != NotificationRequested.routingKey {
        let text = String(decoding: event.body, as: UTF8.self)
        #expect(
          !text.contains("Quill") && !text.contains("Zephyrine") && !text.contains("apology,"))
        #expect(!text.contains("Wren"))
        #expect(!text.contains("victim asked again") && !text.contains("understand"))
      }
      #expect(!h.rig.service.log().contains("Quill"), "no personal data in the service's log")
    }
  }

  @Test(
    "a sensitive case's assessment needs a supervisor's sign-off; unsuitable closes with its reason"
  )
  func sensitiveAndUnsuitable() async throws {
    try await CaseAPIHarness.with { h in
      let caseId = SyntheticCases.caseId()
      try await h.openCase(caseId, sensitive: true)
      let worker = try await CaseWorkerClient(h)
      let colleague = try await CaseWorkerClient(h, subject: "test-case-worker-8")
      let supervisor = try await CaseWorkerClient(h, [.supervisor], subject: "test-supervisor-1")
      let path = "/cases/\(caseId)"
      let victim = "\(caseId).victim"
      try await worker.bringToAssessment(caseId, channel: "phone", outcome: "spoke-with")
      let assessment = try await worker.send(
        "POST", path + "/assessments",
        JourneyBodies.assessment(victim, outcome: "unsuitable", unsuitableReason: "risk-of-harm"))
      let id = try #require(assessment["assessmentId"] as? String)
      #expect(
        try await colleague.refused(path + "/assessments/\(id)/sign-off", [:])
          == "supervisor-sign-off-required")
      let signed = try await supervisor.send("POST", path + "/assessments/\(id)/sign-off", [:])
      #expect(signed["signedOffRole"] as? String == "supervisor")
      #expect(
        try await worker.refused(path + "/stage", ["stage": "preparation"])
          == "assessment-unsuitable"
      )
      #expect(
        try await worker.refused(
          path + "/stage", ["stage": "closed", "closureReason": "unsuitable"])
          == "unsuitable-reason-required")
      for kind in ["acknowledge-referrer"] {
        try await worker.send(
          "POST", path + "/task-closures",
          ["taskId": "\(caseId)/\(kind)", "status": "dropped", "reason": "Referrer told by phone"])
      }
      let closed = try await worker.send(
        "POST", path + "/stage",
        ["stage": "closed", "closureReason": "unsuitable", "unsuitableReason": "risk-of-harm"])
      #expect(closed["unsuitableReason"] as? String == "risk-of-harm")
      #expect(
        try await worker.refused(path + "/stage", ["stage": "preparation"]) == "closed-case")
    }
  }

  @Test("safe contact: no letter to an unsafe address, no call without a safe number")
  func safeContact() async throws {
    try await CaseAPIHarness.with { h in
      let caseId = SyntheticCases.caseId()
      var unsafe = SyntheticCases.Victim()
      unsafe.safeToContact = false
      try await h.openCase(caseId, victim: unsafe)
      let worker = try await CaseWorkerClient(h)
      let path = "/cases/\(caseId)"
      let victim = "\(caseId).victim"
      func attempt(_ channel: String, _ participant: String = "victim") -> [String: Any] {
        ["participant": participant, "channel": channel, "outcome": "no-answer"]
      }
      #expect(
        try await worker.refused(path + "/contact-attempts", attempt("letter")) == "unsafe-to-write"
      )
      #expect(
        try await worker.refused(path + "/contact-attempts", attempt("email")) == "unsafe-to-write")
      #expect(
        try await worker.refused(path + "/contact-attempts", attempt("phone")) == "no-safe-number")
      try await worker.send(
        "PUT", path + "/participants/\(victim)",
        [
          "safeToWrite": false, "safeToCall": true, "preferredChannel": "phone",
          "contact": ["name": SyntheticCases.victimName, "phone": "07700 900999"],
        ], expect: 200)
      try await worker.send("POST", path + "/contact-attempts", attempt("phone"))
      #expect(
        try await worker.refused(path + "/contact-attempts", attempt("letter")) == "unsafe-to-write"
      )
      let offender = try await worker.send(
        "POST", path + "/participants",
        [
          "role": "offender", "safeToWrite": true, "safeToCall": true,
          "contact": ["name": "Test Offender Rook"],
        ])
      #expect(
        try await worker.refused(path + "/contact-attempts", attempt("phone", "offender"))
          == "no-safe-number", "no number at all")
      #expect(
        try await worker.refused(path + "/contact-attempts", attempt("letter", "offender"))
          == "no-safe-address")
      #expect(offender["role"] as? String == "offender")
      let attempts = try #require(try await worker.view(caseId)["contactAttempts"] as? [Any])
      #expect(attempts.count == 1, "refused attempts are not recorded")
    }
  }

  @Test(
    "withdrawing consent halts the process at once and cancels what the participant was to attend")
  func withdrawal() async throws {
    try await CaseAPIHarness.with { h in
      let caseId = SyntheticCases.caseId()
      try await h.openCase(caseId, sensitive: false)
      let worker = try await CaseWorkerClient(h)
      let colleague = try await CaseWorkerClient(h, subject: "test-case-worker-8")
      let path = "/cases/\(caseId)"
      let victim = "\(caseId).victim"
      try await worker.bringToAssessment(caseId, channel: "email", outcome: "agreed")
      let assessment = try await worker.send(
        "POST", path + "/assessments", JourneyBodies.assessment(victim))
      try await colleague.send(
        "POST", path + "/assessments/\(assessment["assessmentId"] as? String ?? "")/sign-off", [:])
      try await worker.send("POST", path + "/stage", ["stage": "preparation"])
      try await h.allocate(["FAC-0042"], to: caseId)
      let meeting = try await worker.send(
        "POST", path + "/interventions",
        [
          "kind": "preparation-meeting", "plannedFor": JourneyBodies.time(-3600),
          "attendees": [victim], "facilitators": ["FAC-0042"],
        ])
      try await worker.send(
        "POST", path + "/participants/\(victim)/support-referrals",
        ["organisation": "victim-support", "reason": "Wants someone to talk to"])
      try await worker.send(
        "POST", path + "/participants/\(victim)/consent-withdrawal",
        ["note": "Does not want to go on"])
      #expect(
        try await worker.refused(path + "/stage", ["stage": "intervention"]) == "consent-withdrawn")
      #expect(
        try await worker.refused(
          path + "/interventions",
          [
            "kind": "letter-exchange", "plannedFor": JourneyBodies.time(-3600),
            "attendees": [victim], "facilitators": ["FAC-0042"],
          ]) == "consent-required")
      let journey = try await worker.journey(caseId)
      let interventions = try #require(journey["interventions"] as? [[String: Any]])
      #expect(
        interventions.first?["interventionId"] as? String == meeting["interventionId"] as? String)
      #expect(interventions.first?["status"] as? String == "cancelled")
      #expect(
        try await worker.refused(path + "/participants/\(victim)/consent-withdrawal", [:])
          == "no-standing-consent")

      let events = try await h.emittedEvents(about: caseId)
      let withdrawn = try events.filter { $0.routingKey == ConsentWithdrawn.routingKey }
        .map { try EventCoding.decode(ConsentWithdrawn.self, from: $0.body).data }
      #expect(withdrawn.map(\.stage) == [.preparation])
      let cancelled = try events.filter { $0.routingKey == InterventionRecorded.routingKey }
        .map { try EventCoding.decode(InterventionRecorded.self, from: $0.body).data }
      #expect(cancelled.map(\.status) == [.planned, .cancelled])
      #expect(events.contains { $0.routingKey == SupportReferralMade.routingKey })
    }
  }
}
