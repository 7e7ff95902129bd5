import AMQPClient
import AccessControl
import EventContracts
import Foundation
import HubConfiguration
import PersonalData
import TestSupport
import Testing

/// The built `rjhub-victim-contact` against the real servers, with its own accounts: case
/// events in over `rj.events`, the HTTP API behind tokens and areas, events out.
@Suite("victim-contact service and case API", .serialized)
struct CaseAPITests {
  @Test(
    "the API refuses missing or bad tokens (401), wrong roles and areas (403), unknown cases (404)")
  func refusals() async throws {
    try await CaseAPIHarness.with { h in
      let caseId = SyntheticCases.caseId()
      try await h.openCase(caseId)
      let attempt = #"{"participant":"victim","channel":"phone","outcome":"no-answer"}"#
      let path = "/cases/\(caseId)"

      #expect(try await h.http("GET", path, token: nil).status == 401)
      #expect(try await h.http("GET", path, token: "not.a.token").status == 401)
      let forged = try await TokenIssuer(signingKey: String(repeating: "x", count: 48)).issue(
        subject: "intruder", roles: [.caseWorker], areas: [SyntheticCases.area])
      #expect(try await h.http("GET", path, token: forged).status == 401)
      #expect(
        try await h.http("POST", path + "/contact-attempts", token: nil, body: attempt).status
          == 401)

      let commissioner = try await h.token([.commissioner])
      #expect(try await h.http("GET", path, token: commissioner).status == 403)
      let elsewhere = try await h.token([.caseWorker], areas: ["suffolk"])
      #expect(try await h.http("GET", path, token: elsewhere).status == 403)
      #expect(
        try await h.http("POST", path + "/contact-attempts", token: elsewhere, body: attempt).status
          == 403)
      let facilitator = try await h.token([.facilitator], facilitatorId: "FAC-NOT-ALLOCATED")
      #expect(try await h.http("GET", path, token: facilitator).status == 403)
      #expect(
        try await h.http("POST", path + "/contact-attempts", token: facilitator, body: attempt)
          .status == 403)

      let caseWorker = try await h.token([.caseWorker])
      let unknown = "/cases/\(SyntheticCases.caseId())"
      #expect(try await h.http("GET", unknown, token: caseWorker).status == 404)
      #expect(
        try await h.http("POST", unknown + "/contact-attempts", token: caseWorker, body: attempt)
          .status == 404)
    }
  }

  @Test("the case view shows its sensitivity and the referrals linked to it, without names")
  func linkedReferralsInCaseView() async throws {
    try await CaseAPIHarness.with { h in
      let caseId = SyntheticCases.caseId()
      try await h.openCase(caseId)
      try await h.publish([try .event(LinkedReferralTests.linked(caseId))])
      let token = try await h.token([.caseWorker])
      var linked: [[String: Any]] = []
      try await h.waitUntil("the linked referral in the case view") {
        let (status, body) = try await h.http("GET", "/cases/\(caseId)", token: token)
        guard status == 200 else { return false }
        let summary = try h.json(body)
        #expect(summary["sensitivity"] as? [String] == ["stalking"])
        #expect(summary["previousCaseId"] == nil, "a first referral follows no case")
        linked = summary["linkedReferrals"] as? [[String: Any]] ?? []
        return !linked.isEmpty
      }
      #expect(linked.count == 1)
      let entry = try #require(linked.first)
      #expect(entry["sourceSystem"] as? String == "norfolk-victim-hub")
      #expect(entry["referralId"] as? String == "VH-\(caseId)")
      #expect(entry["matchedBy"] as? String == "crime-reference")
      #expect(entry["referrerOrganisation"] as? String == "Norfolk Victim Care")
      #expect(
        (entry["acknowledgementId"] as? String)?.hasPrefix("\(caseId)/referrer-acknowledgement/")
          == true)
      #expect(entry["referrerName"] == nil)
    }
  }

  @Test("a re-referral's case view names the closed case it follows")
  func reReferralNamesItsPreviousCase() async throws {
    try await CaseAPIHarness.with { h in
      let (caseId, closed) = (SyntheticCases.caseId(), SyntheticCases.caseId())
      try await h.openCase(caseId, previousCaseId: closed)
      let (status, body) = try await h.http(
        "GET", "/cases/\(caseId)", token: try await h.token([.caseWorker]))
      #expect(status == 200)
      #expect(try h.json(body)["previousCaseId"] as? String == closed)
    }
  }

  @Test("bereaved family members are kept sealed and shown to case workers only")
  func bereavedFamilyMembersInCaseView() async throws {
    try await CaseAPIHarness.with { h in
      let caseId = SyntheticCases.caseId()
      var details = SyntheticCases.details(caseId)
      details.data.bereavedFamilyMembers = [
        CaseContactDetails.Person(
          name: "Test Relative Golf", email: "test.relative.golf@example.org",
          relationship: "father")
      ]
      try await h.publish([try .event(SyntheticCases.opened(caseId)), try .event(details)])
      let token = try await h.token([.caseWorker])
      var members: [[String: Any]] = []
      try await h.waitUntil("the family member in the case view") {
        let (status, body) = try await h.http("GET", "/cases/\(caseId)", token: token)
        guard status == 200 else { return false }
        let personal = try h.json(body)["personalDetails"] as? [String: Any]
        members = personal?["bereavedFamilyMembers"] as? [[String: Any]] ?? []
        return !members.isEmpty
      }
      #expect(members.first?["name"] as? String == "Test Relative Golf")
      #expect(members.first?["relationship"] as? String == "father")
      let facilitator = try await h.token([.facilitator], facilitatorId: "F-NONE")
      let (_, hidden) = try await h.http("GET", "/cases/\(caseId)", token: facilitator)
      #expect(!String(decoding: hidden, as: UTF8.self).contains("Relative Golf"))
    }
  }

  @Test("an invalid contact attempt is refused with 400 and every problem, and changes nothing")
  func validation() async throws {
    try await CaseAPIHarness.with { h in
      let caseId = SyntheticCases.caseId()
      try await h.openCase(caseId)
      let token = try await h.token([.caseWorker])
      let path = "/cases/\(caseId)/contact-attempts"

      let wrong = try await h.http(
        "POST", path, token: token,
        body: #"{"participant":"witness","channel":"email","outcome":"perhaps","notes":3}"#)
      #expect(wrong.status == 400)
      let errors = try #require(try h.json(wrong.body)["errors"] as? [[String: String]])
      #expect(
        errors.map { "\($0["path"] ?? "") \($0["code"] ?? "")" } == [
          "/participant invalid-value", "/outcome invalid-value", "/notes invalid-type",
        ])
      #expect(errors.allSatisfy { !($0["message"] ?? "").isEmpty })
      let missing = try await h.http("POST", path, token: token, body: #"{"channel":"email"}"#)
      #expect(missing.status == 400)
      #expect(
        (try h.json(missing.body)["errors"] as? [[String: String]])?.compactMap { $0["path"] } == [
          "/participant", "/outcome",
        ])
      let garbage = try await h.http("POST", path, token: token, body: "not json")
      #expect(garbage.status == 400)
      #expect(
        (try h.json(garbage.body)["errors"] as? [[String: String]])?.first?["code"]
          == "malformed-json")

      let summary = try h.json(try await h.http("GET", "/cases/\(caseId)", token: token).body)
      #expect((summary["contactAttempts"] as? [Any])?.isEmpty == true)
      #expect(summary["stage"] as? String == "referred")
    }
  }

  @Test("contact attempts move the stage; the victim's agreement requests facilitators once")
  func journey() async throws {
    try await CaseAPIHarness.with { h in
      let caseId = SyntheticCases.caseId()
      try await h.openCase(caseId)
      let token = try await h.token([.caseWorker])
      let path = "/cases/\(caseId)/contact-attempts"
      let notes = "Synthetic note: prefers mornings, Zephyrine's sister answers the door."

      func record(
        _ participant: String, _ outcome: String, notes: String? = nil, expect status: Int = 201
      ) async throws -> [String: Any] {
        var body = #"{"participant":"\#(participant)","channel":"phone","outcome":"\#(outcome)""#
        if let notes { body += #","notes":"\#(notes)""# }
        let (got, data) = try await h.http("POST", path, token: token, body: body + "}")
        #expect(got == status)
        return try h.json(data)
      }

      let noAnswer = try await record("victim", "no-answer")
      #expect(noAnswer["stage"] as? String == "referred")
      let unknown = try await record("offender", "spoke-with", expect: 409)
      #expect(
        (unknown["errors"] as? [[String: String]])?.first?["code"] == "unknown-participant",
        "the case has no offender yet")
      let spoke = try await record("victim", "spoke-with")
      #expect(spoke["stage"] as? String == "initial-engagement")
      #expect(spoke["stageSequence"] as? Int == 1)
      #expect(spoke["participantId"] as? String == "\(caseId).victim")
      let agreed = try await record("victim", "agreed", notes: notes)
      #expect(agreed["stage"] as? String == "initial-engagement", "agreeing is not consent")
      #expect(agreed["stageSequence"] as? Int == 1)
      #expect(agreed["facilitatorRequestId"] as? String == "\(caseId)/facilitators")
      let again = try await record("victim", "agreed")
      #expect(again["stage"] as? String == "initial-engagement")
      #expect(again["facilitatorRequestId"] == nil)

      let events = try await h.emittedEvents(about: caseId)
      let recorded = try events.filter { $0.routingKey == ContactRecorded.routingKey }
        .map { try EventCoding.decode(ContactRecorded.self, from: $0.body) }
      #expect(recorded.map(\.data.outcome) == [.noAnswer, .spokeWith, .agreed, .agreed])
      let stages = try events.filter { $0.routingKey == CaseStageChanged.routingKey }
        .map { try EventCoding.decode(CaseStageChanged.self, from: $0.body) }
      #expect(
        stages.map {
          "\($0.data.sequence) \($0.data.previousStage.rawValue)>\($0.data.stage.rawValue)"
        } == ["1 referred>initial-engagement"])
      #expect(stages.first?.data.move == .advance)
      let requests = try events.filter { $0.routingKey == FacilitatorsRequested.routingKey }
        .map { try EventCoding.decode(FacilitatorsRequested.self, from: $0.body) }
      #expect(requests.count == 1)
      let request = try #require(requests.first)
      #expect(request.data.requestId == "\(caseId)/facilitators")
      #expect(request.data.district == "Norwich")
      #expect(request.data.offenceCategory == "burglary")
      #expect(request.data.language == "cy-GB")
      #expect(request.data.bereavedFamily == false)
      #expect(request.data.sensitivity == ["stalking"], "the referral's sensitivity travels on")
      #expect(request.data.participantLanguages == ["cy-GB"])
      #expect(request.data.youth == nil, "no participant under 18")
      // The victim's name and address travel only as conflict-of-interest marks under the key
      // victim-contact shares with facilitator-matching.
      let marks = try ConflictOfInterestMarks(
        environment: EnvironmentReader(try TestServers.serviceEnvironment("victim-contact")))
      #expect(
        Set(request.data.participantMarks ?? [])
          == Set(
            marks.marks(name: SyntheticCases.victimName, address: SyntheticCases.victimAddress)))
      #expect(request.data.participantMarks?.count == 2)
      #expect(request.area == SyntheticCases.area)
      #expect(
        events.filter { $0.routingKey == ContactTaskScheduled.routingKey }.count == 2,
        "the case's two tasks, scheduled once")
      let firstContact = try events.filter { $0.routingKey == NotificationRequested.routingKey }
        .map { try EventCoding.decode(NotificationRequested.self, from: $0.body).data.purpose }
        .filter { $0 != .taskOverdue }
      #expect(firstContact.count == 2, "the acknowledgement and the RJ information")
      for event in events where event.routingKey != NotificationRequested.routingKey {
        #expect(!String(decoding: event.body, as: UTF8.self).contains("Zephyrine"))
      }

      let summary = try h.json(try await h.http("GET", "/cases/\(caseId)", token: token).body)
      #expect(summary["stage"] as? String == "initial-engagement")
      let attempts = try #require(summary["contactAttempts"] as? [[String: Any]])
      #expect(attempts.count == 4)
      #expect(attempts.contains { $0["notes"] as? String == notes })
      let tasks = try #require(summary["tasks"] as? [[String: Any]])
      #expect(
        tasks.first { $0["kind"] as? String == "inform-victim" }?["status"] as? String
          == "completed", "speaking with the victim informed them")
      #expect(!h.rig.service.log().contains("Zephyrine"), "no personal data in the service's log")
      #expect(!h.rig.service.log().contains(SyntheticCases.victimEmail))
    }
  }

  @Test("staff see personal details; an allocated facilitator sees the case without them")
  func visibility() async throws {
    try await CaseAPIHarness.with { h in
      let caseId = SyntheticCases.caseId()
      try await h.openCase(caseId)
      let allocated = EventEnvelope(
        producer: "facilitator-matching", area: SyntheticCases.area, caseId: caseId,
        data: FacilitatorAllocated(
          allocationId: "ALLOC-\(caseId)", requestId: "\(caseId)/facilitators", caseId: caseId,
          facilitatorId: "FAC-0042", agency: "Norfolk RJ Service", role: .lead,
          allocatedAt: Date()))
      let acknowledged = EventEnvelope(
        producer: "notifications", area: SyntheticCases.area, caseId: caseId,
        data: NotificationSent(
          notificationId: "\(caseId)/referrer-acknowledgement", caseId: caseId,
          purpose: .referrerAcknowledgement, channel: .email, sentAt: Date()))
      try await h.publish([try .event(allocated), try .event(acknowledged)])

      let supervisor = try await h.token([.supervisor])
      try await h.waitUntil("the allocation and the acknowledgement to be recorded") {
        let summary = try h.json(
          try await h.http("GET", "/cases/\(caseId)", token: supervisor).body)
        let facilitators = summary["facilitators"] as? [[String: Any]] ?? []
        let tasks = summary["tasks"] as? [[String: Any]] ?? []
        return facilitators.first?["facilitatorId"] as? String == "FAC-0042"
          && tasks.contains {
            $0["kind"] as? String == "acknowledge-referrer"
              && $0["status"] as? String == "completed"
          }
      }
      let staffView = try await h.http("GET", "/cases/\(caseId)", token: supervisor)
      let details = try #require(
        try h.json(staffView.body)["personalDetails"] as? [String: Any])
      #expect(
        (details["victim"] as? [String: Any])?["email"] as? String == SyntheticCases.victimEmail)
      #expect(
        (details["referrer"] as? [String: Any])?["email"] as? String == SyntheticCases.referrerEmail
      )
      #expect((details["bereavedFamilyMembers"] as? [Any])?.isEmpty == true)

      let facilitator = try await h.token(
        [.facilitator], facilitatorId: "FAC-0042", subject: "facilitator-42")
      let facilitatorView = try await h.http("GET", "/cases/\(caseId)", token: facilitator)
      #expect(facilitatorView.status == 200)
      let text = String(decoding: facilitatorView.body, as: UTF8.self)
      #expect(try h.json(facilitatorView.body)["personalDetails"] == nil)
      #expect(!text.contains(SyntheticCases.victimEmail) && !text.contains("Zephyrine"))
      #expect(try h.json(facilitatorView.body)["stage"] as? String == "referred")
    }
  }
}
