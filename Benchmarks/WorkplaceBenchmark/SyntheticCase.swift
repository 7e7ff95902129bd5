import Foundation

/// A synthetic victim-contact view of one case (`GET /cases/{caseId}`, shaped like
/// docs/openapi/victim-contact.yaml `CaseSummary`), as a case worker sees it: a journey whose
/// timeline has `timelineEntries` entries — two consents, two assessments and their sign-offs,
/// an intervention planned and delivered, an outcome agreement, four surveys, and stage changes
/// (the advances, then pauses and resumes) for the rest — with the tasks, contact attempts,
/// notifications, participants and facilitators such a case gathers. Synthetic data only: no
/// real person, place or crime.
enum SyntheticCase {
  static let caseId = "NFK-2026-000123"

  /// The view as victim-contact sends it: JSON bytes.
  static func json(timelineEntries: Int = 200) throws -> Data {
    try JSONSerialization.data(withJSONObject: view(timelineEntries: timelineEntries))
  }

  static func view(timelineEntries: Int) -> [String: Any] {
    let start = Date(timeIntervalSince1970: 1_767_603_600)  // 2026-01-05T09:00:00Z
    var clock = 0
    func next() -> String {
      clock += 1
      return instant(start.addingTimeInterval(Double(clock) * 5400))
    }
    let victim = "\(caseId).victim"
    let offender = "\(caseId).p2"
    let participants: [[String: Any]] = [
      [
        "participantId": victim, "role": "victim", "safeToWrite": true, "safeToCall": true,
        "interpreterNeeded": false, "preferredChannel": "email", "language": "en",
        "addedAt": instant(start), "addedBy": "victim-contact",
        "contact": [
          "name": "Synthetic Victim", "email": "synthetic.victim@example.org",
          "phone": "07700 900123", "address": "1 Example Street, Exampleton EX1 1AA",
        ],
      ],
      [
        "participantId": offender, "role": "offender", "safeToWrite": false, "safeToCall": true,
        "interpreterNeeded": false, "preferredChannel": "phone", "language": "en",
        "addedAt": instant(start), "addedBy": "bench-worker",
        "contact": ["name": "Synthetic Offender", "phone": "07700 900456"],
      ],
    ]
    var timeline: [[String: Any]] = []
    var stageChanges: [[String: Any]] = []
    func stageChange(_ from: String, _ to: String, _ move: String) {
      let at = next()
      let sequence = stageChanges.count + 1
      stageChanges.append([
        "sequence": sequence, "from": from, "to": to, "move": move, "changedAt": at,
        "changedBy": "test-user-caseworker-alpha", "role": "case-worker",
      ])
      timeline.append(["at": at, "what": "stage-changed", "id": "\(sequence)", "detail": to])
    }
    func event(_ what: String, _ id: String, _ detail: String? = nil) -> String {
      let at = next()
      var entry: [String: Any] = ["at": at, "what": what, "id": id]
      if let detail { entry["detail"] = detail }
      timeline.append(entry)
      return at
    }
    func uuid(_ n: Int) -> String { String(format: "00000000-0000-4000-8000-%012d", n) }

    stageChange("referred", "initial-engagement", "advance")
    let consents = [victim, offender].enumerated().map { index, participant -> [String: Any] in
      let role: String = participant == victim ? "victim" : "offender"
      let givenAt = event("consent-given", uuid(100 + index), role)
      return [
        "consentId": uuid(100 + index), "participantId": participant,
        "informationGiven": ["what-rj-is", "voluntary", "right-to-withdraw"],
        "informedAt": givenAt, "evidence": "signed-form", "givenAt": givenAt,
        "recordedBy": "test-user-caseworker-alpha", "evidenceReference": "form-\(index)",
      ]
    }
    stageChange("initial-engagement", "risk-assessment", "advance")
    var assessments: [[String: Any]] = []
    for (index, participant) in [victim, offender].enumerated() {
      let completedAt = event("assessment-completed", uuid(200 + index), "suitable")
      let signedOffAt = event("assessment-signed-off", uuid(200 + index), "suitable")
      let riskFactors: [String] = index == 0 ? [] : ["substance-misuse"]
      let conditions: [String] = index == 0 ? [] : ["supervised-meeting"]
      assessments.append([
        "assessmentId": uuid(200 + index), "participantId": participant,
        "riskFactors": riskFactors, "needs": ["interpreter"],
        "vulnerability": "low", "outcome": "suitable", "conditions": conditions,
        "completedAt": completedAt, "completedBy": "test-user-caseworker-alpha",
        "signedOffAt": signedOffAt, "signedOffBy": "test-user-caseworker-beta",
        "signedOffRole": "case-worker", "notes": "Synthetic assessment notes \(index).",
      ])
    }
    stageChange("risk-assessment", "preparation", "advance")
    let plannedAt = event("intervention-planned", uuid(300), "conference")
    stageChange("preparation", "intervention", "advance")
    let deliveredAt = event("intervention-delivered", uuid(300), "conference")
    let madeAt = event("agreement-made", uuid(400))
    stageChange("intervention", "outcome-monitoring", "advance")
    var surveys: [[String: Any]] = []
    for (index, (participant, point)) in [
      (victim, "start"), (offender, "start"), (victim, "end"), (offender, "end"),
    ].enumerated() {
      let answeredAt = event("survey-answered", uuid(500 + index), "distance-travelled")
      surveys.append([
        "surveyId": uuid(500 + index), "participantId": participant, "kind": "distance-travelled",
        "point": point, "satisfaction": 4, "testimonialConsent": false, "answeredAt": answeredAt,
        "recordedBy": "test-user-caseworker-alpha",
      ])
    }
    // The rest of the timeline: the case paused and resumed, as the hub part does.
    var paused = false
    while timeline.count < timelineEntries {
      if paused {
        stageChange("paused", "outcome-monitoring", "resume")
      } else {
        stageChange("outcome-monitoring", "paused", "pause")
      }
      paused.toggle()
    }
    let stage = paused ? "paused" : "outcome-monitoring"

    let kinds = [
      "acknowledge-referrer", "inform-victim", "contact-victim", "case-action", "follow-up-survey",
    ]
    let tasks = (0..<20).map { index -> [String: Any] in
      let assignee: String = index % 7 == 6 ? "supervisor" : "case-worker"
      let status: String = index < 16 ? "completed" : "open"
      var task: [String: Any] = [
        "taskId": uuid(600 + index), "kind": kinds[index % kinds.count],
        "dueOn": String(format: "2026-02-%02d", 1 + index), "assignee": assignee,
        "status": status, "scheduledAt": instant(start),
      ]
      if index < 16 {
        task["completedAt"] = instant(start.addingTimeInterval(Double(index) * 86400))
      }
      if index == 19 { task["flag"] = "overdue" }
      return task
    }
    let outcomes = ["no-answer", "left-message", "spoke-with", "agreed"]
    let contactAttempts = (0..<20).map { index -> [String: Any] in
      let participant: String = index % 3 == 2 ? "offender" : "victim"
      let channel: String = index % 2 == 0 ? "phone" : "email"
      let attemptedAt: String = instant(start.addingTimeInterval(Double(index) * 43200))
      return [
        "attemptId": uuid(700 + index), "participant": participant, "channel": channel,
        "outcome": outcomes[index % outcomes.count], "attemptedAt": attemptedAt,
        "recordedBy": "test-user-caseworker-alpha",
        "notes":
          "Synthetic note \(index): called at the agreed time, <details> & follow-up planned.",
      ]
    }
    let purposes = [
      "referrer-acknowledgement", "victim-rj-information", "facilitator-allocation",
      "follow-up-survey",
    ]
    let notifications = (0..<8).map { index -> [String: Any] in
      [
        "notificationId": uuid(800 + index), "purpose": purposes[index % purposes.count],
        "channel": "email", "status": "sent", "requestedAt": instant(start),
        "settledAt": instant(start),
      ]
    }
    let agreementItems = (0..<3).map { index -> [String: Any] in
      let status: String = index == 0 ? "done" : "open"
      return [
        "itemId": uuid(410 + index), "kind": "apology", "responsible": offender,
        "dueOn": "2026-03-01",
        "status": status, "description": "Synthetic agreement item \(index)",
      ]
    }
    let suitability = assessments.map { assessment -> [String: Any] in
      [
        "assessmentId": assessment["assessmentId"]!, "participantId": assessment["participantId"]!,
        "outcome": assessment["outcome"]!, "conditions": assessment["conditions"]!,
        "signedOffAt": assessment["signedOffAt"]!,
      ]
    }
    let stageChangedAt: Any = stageChanges.last?["changedAt"] ?? instant(start)
    return [
      "caseId": caseId, "area": "norfolk", "referralId": "SYN-REF-0001",
      "sourceSystem": "synthetic-athena",
      "receivedAt": instant(start), "referrerType": "police", "initiatedBy": "victim",
      "offenceCategory": "burglary", "district": "Synthetic District", "enhancedRights": false,
      "bereavedFamily": false, "sensitivity": [],
      "victimContact": ["preferredContact": "email", "language": "en", "safeToContact": true],
      "stage": stage, "stageSequence": stageChanges.count,
      "stageChangedAt": stageChangedAt,
      "firstContactPlannedAt": instant(start), "victimAgreedAt": instant(start),
      "tasks": tasks, "notifications": notifications, "contactAttempts": contactAttempts,
      "facilitatorRequests": [
        [
          "requestId": uuid(900), "status": "allocated", "requestedAt": instant(start),
          "decidedAt": instant(start),
        ]
      ],
      "facilitators": [
        [
          "facilitatorId": "FAC-SYN-1", "role": "lead", "agency": "Synthetic RJ Service",
          "allocatedAt": instant(start),
        ],
        [
          "facilitatorId": "FAC-SYN-2", "role": "co-facilitator", "agency": "Synthetic RJ Service",
          "allocatedAt": instant(start),
        ],
      ],
      "linkedReferrals": [],
      "personalDetails": [
        "victim": [
          "name": "Synthetic Victim", "email": "synthetic.victim@example.org",
          "phone": "07700 900123",
          "address": "1 Example Street, Exampleton EX1 1AA",
        ],
        "referrer": [
          "name": "Synthetic Referrer", "email": "referrer@example.org",
          "organisation": "Synthetic Constabulary",
        ],
        "bereavedFamilyMembers": [],
      ],
      "journey": [
        "assignedTo": "test-user-caseworker-alpha", "participants": participants,
        "consents": consents,
        "assessments": assessments,
        "suitability": suitability,
        "interventions": [
          [
            "interventionId": uuid(300), "kind": "conference", "plannedFor": plannedAt,
            "attendees": [victim, offender], "facilitators": ["FAC-SYN-1", "FAC-SYN-2"],
            "status": "delivered", "revision": 2, "recordedAt": plannedAt,
            "recordedBy": "test-user-caseworker-alpha",
            "deliveredAt": deliveredAt, "place": "Synthetic Community Centre",
          ]
        ],
        "agreements": [
          [
            "agreementId": uuid(400), "madeOn": String(madeAt.prefix(10)), "revision": 1,
            "recordedAt": madeAt,
            "recordedBy": "test-user-caseworker-alpha",
            "items": agreementItems,
          ]
        ],
        "surveys": surveys, "supportReferrals": [], "stageChanges": stageChanges,
        "secondsInStage": [
          "initial-engagement": 86400, "risk-assessment": 172800, "outcome-monitoring": 604800,
        ],
        "secondsOpen": 2_592_000, "reopenings": 0, "timeline": timeline,
      ],
    ]
  }

  /// An RFC 3339 instant in UTC (`2026-01-05T09:00:00Z`), as the services write them.
  static func instant(_ date: Date) -> String {
    ISO8601DateFormatter().string(from: date)
  }
}
