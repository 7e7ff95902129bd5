import AMQPClient
import AccessControl
import EventContracts
import Foundation
import PostgresClient
import Testing

@testable import VictimContact

/// The journey's dates and the work around cases (issue 6): overdue tasks escalated to the
/// area's supervisors, the six-month follow-up survey asked for when due, complaints with
/// their 28-day response date, transfers from intake stopping the case here, and the case
/// list. Time passing is simulated by moving a due date back in the database.
@Suite("Case deadlines, complaints, transfers and lists through the API", .serialized)
struct CaseDeadlinesAPITests {
  @Test("an overdue task is listed and escalated once; a due follow-up survey is asked for once")
  func deadlines() async throws {
    try await CaseAPIHarness.with { h in
      let caseId = SyntheticCases.caseId()
      try await h.openCase(caseId, sensitive: false)
      let worker = try await CaseWorkerClient(h)
      let path = "/cases/\(caseId)"
      let victim = "\(caseId).victim"
      let task = try await worker.send(
        "POST", path + "/tasks", ["description": "Ring the victim back", "dueInWorkingDays": 1])
      let taskId = try #require(task["taskId"] as? String)
      try await h.pool.withSession {
        try $0.execute(
          "UPDATE victim_contact.tasks SET due_on = current_date - 10 WHERE task_id = $1",
          [.text(taskId)])
      }
      var overdue: [[String: Any]] = []
      try await h.waitUntil("the task escalated") {
        overdue =
          try await worker.send("GET", "/tasks/overdue?area=norfolk", expect: 200)["tasks"]
          as? [[String: Any]] ?? []
        return overdue.contains { $0["taskId"] as? String == taskId && $0["escalatedAt"] != nil }
      }

      try await worker.send(
        "POST", path + "/surveys",
        [
          "participantId": victim, "kind": "distance-travelled", "point": "start",
          "measures": JourneyBodies.distance,
        ])
      try await worker.send(
        "POST", path + "/contact-attempts",
        ["participant": "victim", "channel": "email", "outcome": "declined"])
      try await worker.send(
        "POST", path + "/task-closures",
        ["taskId": taskId, "status": "dropped", "reason": "Victim asked not to be rung again"])
      for open in try #require(try await worker.view(caseId)["tasks"] as? [[String: Any]])
      where open["status"] as? String == "open" {
        try await worker.send(
          "POST", path + "/task-closures",
          ["taskId": open["taskId"] as? String ?? "", "status": "completed"])
      }
      let before = try await h.emittedEvents(about: caseId)
      try await Self.expectClosuresPublished(in: before, caseId, worker)
      let closure = try await worker.send(
        "POST", path + "/stage",
        ["stage": "closed", "closureReason": "victim-declined-or-disengaged"])
      let closedAt = try #require(
        (closure["changedAt"] as? String).flatMap { try? Date($0, strategy: .iso8601) })
      let due = try await h.pool.withSession {
        try $0.query(
          "SELECT due_on::text FROM victim_contact.follow_up_surveys WHERE case_id = $1",
          [.text(caseId)]
        ).rows.map { try $0.decode(0, as: String.self) }
      }
      // Exactly the day the recorded closure gives (the day itself from fixed clocks is
      // followUpSurveyDueOnTheExactDay's).
      #expect(
        due == [
          StageChanger.followUpSurveyDue(closedAt: closedAt, calendar: .englandAndWales).description
        ], "one follow-up, for the victim with a start survey, six months on")
      try await h.pool.withSession {
        try $0.execute(
          "UPDATE victim_contact.follow_up_surveys SET due_on = current_date - 1 WHERE case_id = $1",
          [.text(caseId)])
      }
      var requests = try before.filter { $0.routingKey == NotificationRequested.routingKey }
        .map { try EventCoding.decode(NotificationRequested.self, from: $0.body).data }
      try await h.waitUntil("the follow-up survey requested") {
        requests += try await h.emittedEvents(about: caseId)
          .filter { $0.routingKey == NotificationRequested.routingKey }
          .map { try EventCoding.decode(NotificationRequested.self, from: $0.body).data }
        return requests.contains { $0.purpose == .followUpSurvey }
      }
      let survey = try #require(requests.first { $0.purpose == .followUpSurvey })
      #expect(survey.channel == .email && survey.recipient.email == SyntheticCases.victimEmail)
      let escalations = requests.filter {
        $0.purpose == .taskOverdue && $0.values["taskId"] == taskId
      }
      #expect(escalations.count == 1, "escalated once")
      #expect(escalations.first?.recipient.email == "rj.norfolk@example.org", "the area's team")
      #expect(escalations.first?.values["dueOn"] != nil)
    }
  }

  @Test(
    "a case planned before participants existed gets them; a failed six-month survey becomes a task"
  )
  func backfillAndFailedFollowUp() async throws {
    try await CaseAPIHarness.with { h in
      let caseId = SyntheticCases.caseId()
      try await h.openCase(caseId)
      let worker = try await CaseWorkerClient(h)
      try await h.pool.withSession {
        try $0.execute(
          "DELETE FROM victim_contact.participants WHERE case_id = $1", [.text(caseId)])
      }
      try await h.waitUntil("the victim backfilled") {
        let participants = try await worker.journey(caseId)["participants"] as? [[String: Any]]
        return participants?.first?["participantId"] as? String == "\(caseId).victim"
      }
      let participants = try await worker.journey(caseId)["participants"] as? [[String: Any]]
      let contact = participants?.first?["contact"] as? [String: Any]
      #expect(contact?["email"] as? String == SyntheticCases.victimEmail)

      try await h.publish([
        try .event(
          EventEnvelope(
            producer: "notifications", area: SyntheticCases.area, caseId: caseId,
            data: NotificationFailed(
              notificationId: "\(caseId)/follow-up-survey/\(caseId).victim", caseId: caseId,
              purpose: .followUpSurvey, channel: .email, reason: "mailbox-unavailable",
              failedAt: Date())))
      ])
      try await h.waitUntil("a case worker asked to follow up") {
        let tasks = try await worker.view(caseId)["tasks"] as? [[String: Any]] ?? []
        return tasks.contains {
          $0["kind"] as? String == "follow-up-survey"
            && $0["flag"] as? String == "notification-failed"
        }
      }
    }
  }

  @Test("a complaint is logged with a 28-day response date, acknowledged and answered once")
  func complaints() async throws {
    try await CaseAPIHarness.with { h in
      let caseId = SyntheticCases.caseId()
      try await h.openCase(caseId)
      let worker = try await CaseWorkerClient(h)
      let logged = try await worker.send(
        "POST", "/complaints",
        [
          "area": "norfolk", "caseId": caseId, "receivedAt": "2026-11-03T09:00:00Z",
          "summary": "Nobody called back when promised",
        ])
      #expect(logged["respondBy"] as? String == "2026-12-01")
      let id = try #require(logged["complaintId"] as? String)
      try await worker.send("POST", "/complaints/\(id)/acknowledgement", [:])
      let answered = try await worker.send(
        "POST", "/complaints/\(id)/response",
        ["outcome": "partly-upheld", "response": "We apologise and have changed the rota"])
      #expect(answered["status"] as? String == "responded")
      #expect(
        try await worker.refused(
          "/complaints/\(id)/response", ["outcome": "upheld", "response": "x"])
          == "complaint-answered")
      let elsewhere = try await CaseWorkerClient(h, areas: ["suffolk"])
      try await elsewhere.send(
        "POST", "/complaints", ["area": "norfolk", "summary": "About the service"], expect: 403)
      let service = try await worker.send(
        "POST", "/complaints", ["area": "norfolk", "summary": "About the service in general"])
      #expect(service["about"] as? String == "service")
      let reader = try await CaseWorkerClient(h, subject: "complaints-worker-\(caseId)")
      let open = try await reader.send("GET", "/complaints?area=norfolk&open=true", expect: 200)
      let ids = (open["complaints"] as? [[String: Any]] ?? []).compactMap {
        $0["complaintId"] as? String
      }
      #expect(ids.contains(service["complaintId"] as? String ?? "-") && !ids.contains(id))
      let reviewer = try await h.token([.supervisor], subject: "test-supervisor-1")
      let trail = try await h.http(
        "GET", "/audit?subject=complaints-worker-\(caseId)", token: reviewer)
      let actions = (try h.json(trail.body)["entries"] as? [[String: Any]] ?? []).compactMap {
        $0["action"] as? String
      }
      #expect(actions.contains("read-complaints"), "reads of complaints are in the trail")
      let events = try await h.emittedEvents(about: caseId)
        .filter { $0.routingKey == ComplaintRecorded.routingKey }
        .map { try EventCoding.decode(ComplaintRecorded.self, from: $0.body).data }
      #expect(events.map(\.revision).sorted() == [1, 2, 3])
      #expect(events.first { $0.revision == 3 }?.outcome == .partlyUpheld)
    }
  }

  @Test(
    "intake's transfer moves the case to transferred; the list finds cases by reference and worker")
  func transferAndList() async throws {
    try await CaseAPIHarness.with { h in
      let caseId = SyntheticCases.caseId()
      try await h.openCase(caseId)
      let worker = try await CaseWorkerClient(h)
      try await worker.send(
        "POST", "/cases/\(caseId)/assignment", ["caseWorker": "test-case-worker-7"], expect: 200)
      try await worker.send(
        "POST", "/cases/\(caseId)/assignment", ["caseWorker": "someone-else"], expect: 403)
      let mine = try await worker.send("GET", "/cases?assignedTo=me&q=\(caseId)", expect: 200)
      #expect((mine["cases"] as? [[String: Any]])?.first?["caseId"] as? String == caseId)
      let byReferral = try await worker.send(
        "GET", "/cases?area=norfolk&q=REF-\(caseId)", expect: 200)
      #expect((byReferral["cases"] as? [[String: Any]])?.count == 1)
      try await worker.send("GET", "/cases?area=suffolk", expect: 403)
      try await worker.send("GET", "/cases?stage=nowhere", expect: 400)

      try await h.publish([
        try .event(
          EventEnvelope(
            producer: "intake", area: SyntheticCases.area, caseId: caseId,
            data: CaseTransferredOut(
              caseId: caseId, fromArea: "norfolk", toArea: "suffolk", reason: .victimMoved,
              transferredAt: Date(), transferReferralId: "\(caseId)/transfer",
              receivingCaseId: nil)))
      ])
      try await h.waitUntil("the case transferred") {
        try await worker.view(caseId)["stage"] as? String == "transferred"
      }
      #expect(
        try await worker.refused("/cases/\(caseId)/stage", ["stage": "initial-engagement"])
          == "transferred-case")
      let tasks = try #require(try await worker.view(caseId)["tasks"] as? [[String: Any]])
      #expect(!tasks.isEmpty && tasks.allSatisfy { $0["status"] as? String == "dropped" })
      let emitted = try await h.emittedEvents(about: caseId)
      let changed = try emitted.filter { $0.routingKey == CaseStageChanged.routingKey }
        .map { try EventCoding.decode(CaseStageChanged.self, from: $0.body).data }
      #expect(changed.last?.closureReason == .transferred && changed.last?.move == .transfer)
      try await Self.expectClosuresPublished(in: emitted, caseId, worker)
    }
  }

  /// Every closed task of `caseId` was announced once by `contact.task-closed` among
  /// `emitted` (the events about the case), done or dropped as the case view shows it, and no
  /// event carries a reason's words.
  static func expectClosuresPublished(
    in emitted: [(routingKey: String, body: [UInt8])], _ caseId: String,
    _ worker: CaseWorkerClient, sourceLocation: SourceLocation = #_sourceLocation
  ) async throws {
    let tasks = try #require(try await worker.view(caseId)["tasks"] as? [[String: Any]])
    var shown: [String: String] = [:]
    for task in tasks where task["status"] as? String != "open" {
      shown[task["taskId"] as? String ?? "-"] = task["status"] as? String
    }
    let closures = try emitted.filter { $0.routingKey == ContactTaskClosed.routingKey }
      .map { try EventCoding.decode(ContactTaskClosed.self, from: $0.body).data }
    #expect(!shown.isEmpty, sourceLocation: sourceLocation)
    #expect(closures.count == shown.count, "once each", sourceLocation: sourceLocation)
    #expect(
      Dictionary(closures.map { ($0.taskId, $0.outcome.rawValue) }) { first, _ in first }
        == shown, sourceLocation: sourceLocation)
    #expect(
      !emitted.contains { String(decoding: $0.body, as: UTF8.self).contains("rung again") },
      "a drop's reason stays in victim-contact", sourceLocation: sourceLocation)
  }
}

/// Every case-work route behind the gate: no token is 401; a commissioner or facilitator
/// (roles that do not work cases) and a case worker of another area are 403.
@Suite("Case-work routes refuse the wrong callers", .serialized)
struct CaseWorkAccessTests {
  @Test("401 without a token; 403 for other roles and other areas, on every case-work route")
  func refusals() async throws {
    try await CaseAPIHarness.with { h in
      let caseId = SyntheticCases.caseId()
      try await h.openCase(caseId)
      let participant = "/cases/\(caseId)/participants/\(caseId).victim"
      let routes: [(String, String)] = [
        ("POST", "/cases/\(caseId)/stage"), ("POST", "/cases/\(caseId)/assignment"),
        ("GET", "/cases?area=norfolk"), ("POST", "/cases/\(caseId)/participants"),
        ("PUT", participant), ("POST", participant + "/consents"),
        ("POST", participant + "/consent-withdrawal"), ("POST", participant + "/support-referrals"),
        ("POST", "/cases/\(caseId)/assessments"),
        ("POST", "/cases/\(caseId)/assessments/\(UUID())/sign-off"),
        ("POST", "/cases/\(caseId)/interventions"),
        ("POST", "/cases/\(caseId)/interventions/\(UUID())/delivery"),
        ("POST", "/cases/\(caseId)/interventions/\(UUID())/cancellation"),
        ("POST", "/cases/\(caseId)/outcome-agreements"),
        ("POST", "/cases/\(caseId)/outcome-agreements/\(UUID())/items/\(UUID())"),
        ("POST", "/cases/\(caseId)/surveys"), ("POST", "/cases/\(caseId)/tasks"),
        ("POST", "/cases/\(caseId)/task-closures"), ("GET", "/tasks/overdue"),
        ("POST", "/complaints"), ("GET", "/complaints?area=norfolk"),
        ("POST", "/complaints/\(UUID())/acknowledgement"),
        ("POST", "/complaints/\(UUID())/response"),
      ]
      let commissioner = try await h.token([.commissioner])
      let facilitator = try await h.token([.facilitator], facilitatorId: "FAC-0042")
      let elsewhere = try await h.token([.caseWorker], areas: ["suffolk"])
      for (method, path) in routes {
        let body = method == "GET" ? nil : "{}"
        #expect(try await h.http(method, path, token: nil, body: body).status == 401, "\(path)")
        #expect(try await h.http(method, path, token: commissioner, body: body).status == 403)
        #expect(try await h.http(method, path, token: facilitator, body: body).status == 403)
        if path.hasPrefix("/cases/") {
          #expect(
            try await h.http(method, path, token: elsewhere, body: body).status == 403,
            "\(method) \(path) outside the caller's area")
        }
      }
    }
  }
}
