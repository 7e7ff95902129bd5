import AMQPClient
import AccessControl
import EventContracts
import Foundation
import TestSupport
import Testing

/// How each of the scenario's twenty cases ends (issue 6).
enum ScenarioEnding: CaseIterable {
  case direct, indirect, victimDeclined, offenderDeclined, unsuitable, transferred

  /// The endings of cases 0 to 19, in order: four interventions of each kind, three of each
  /// other ending.
  static let plan: [ScenarioEnding] =
    Array(repeating: .direct, count: 4) + Array(repeating: .indirect, count: 4)
    + Array(repeating: .victimDeclined, count: 3) + Array(repeating: .offenderDeclined, count: 3)
    + Array(repeating: .unsuitable, count: 3) + Array(repeating: .transferred, count: 3)
}

/// A case worker and a colleague running one synthetic case through victim-contact's API
/// (and intake's, for a transfer) to its ending.
struct ScenarioCase {
  let clients: HubClients
  let worker: String
  let colleague: String
  let caseId: String
  let index: Int
  let otherArea: String

  var path: String { "/cases/\(caseId)" }
  var victim: String { "\(caseId).victim" }

  /// `method path` on `service` with `body` as `token` (the case worker by default),
  /// requiring a 2xx; the reply's JSON.
  @discardableResult
  func call(
    _ method: String, _ service: String, _ path: String, _ body: [String: Any]?,
    as token: String? = nil
  ) async throws -> [String: Any] {
    let (status, data) = try await clients.http(
      method, service, path, token: token ?? worker, json: body)
    guard (200..<300).contains(status) else {
      throw HubTestError.http(status, "\(method) \(path): \(String(decoding: data, as: UTF8.self))")
    }
    return data.isEmpty
      ? [:] : (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
  }

  /// POST `path` on victim-contact.
  @discardableResult
  func post(_ path: String, _ body: [String: Any], as token: String? = nil) async throws
    -> [String: Any]
  {
    try await call("POST", "victim-contact", path, body, as: token)
  }

  func stage(_ to: String, _ extra: [String: Any] = [:]) async throws {
    try await post(path + "/stage", extra.merging(["stage": to]) { a, _ in a })
  }

  func consent(_ participant: String) async throws {
    let now = Date()
    try await post(
      path + "/participants/\(participant)/consents",
      [
        "informationGiven": ["what-rj-is", "voluntary", "right-to-withdraw", "risks-and-benefits"],
        "informedAt": RFC3339.format(now.addingTimeInterval(-7200)), "evidence": "signed-form",
        "evidenceReference": "Consent form \(index), scanned",
        "givenAt": RFC3339.format(now.addingTimeInterval(-60)),
      ])
  }

  func assess(
    _ participant: String, outcome: String = "suitable", conditions: [String] = [],
    acknowledges: Bool? = nil, unsuitable: String? = nil
  ) async throws -> String {
    var body: [String: Any] = [
      "participantId": participant, "riskFactors": [], "needs": [], "vulnerability": "none",
      "outcome": outcome, "conditions": conditions,
    ]
    if let acknowledges { body["acknowledgesResponsibility"] = acknowledges }
    if let unsuitable { body["unsuitableReason"] = unsuitable }
    let id = try await post(path + "/assessments", body)["assessmentId"] as? String ?? ""
    try await post(path + "/assessments/\(id)/sign-off", [:], as: colleague)
    return id
  }

  func addOffender() async throws -> String {
    try await post(
      path + "/participants",
      [
        "role": "offender", "safeToWrite": false, "safeToCall": true, "preferredChannel": "phone",
        "contact": [
          "name": "Offender \(index)", "phone": "07700 9\(String(format: "%05d", index))",
        ],
      ])["participantId"] as? String ?? ""
  }

  func contact(_ participant: String, _ channel: String, _ outcome: String) async throws {
    try await post(
      path + "/contact-attempts",
      ["participant": participant, "channel": channel, "outcome": outcome])
  }

  func survey(_ participant: String, _ body: [String: Any]) async throws {
    try await post(path + "/surveys", body.merging(["participantId": participant]) { a, _ in a })
  }

  /// Completes every open task (the first-contact ones among them), so the case may close. A
  /// task the hub completed meanwhile (its notification was sent) answers 409 `task-closed`.
  func resolveTasks() async throws {
    let view = try await call("GET", "victim-contact", path, nil)
    for task in view["tasks"] as? [[String: Any]] ?? [] where task["status"] as? String == "open" {
      let (status, body) = try await clients.http(
        "POST", "victim-contact", path + "/task-closures", token: worker,
        json: ["taskId": task["taskId"] as? String ?? "", "status": "completed"])
      guard
        status == 201
          || (status == 409 && String(decoding: body, as: UTF8.self).contains("task-closed"))
      else { throw HubTestError.http(status, String(decoding: body, as: UTF8.self)) }
    }
  }

  /// Runs the case to `ending`.
  func run(_ ending: ScenarioEnding) async throws {
    switch ending {
    case .direct, .indirect: try await intervention(direct: ending == .direct)
    case .victimDeclined:
      if index == 8 {
        try await consent(victim)
        try await post(
          path + "/participants/\(victim)/consent-withdrawal", ["note": "Changed their mind"])
      }
      try await contact("victim", "email", "declined")
      try await resolveTasks()
      try await stage("closed", ["closureReason": "victim-declined-or-disengaged"])
    case .offenderDeclined:
      try await contact("victim", "email", "spoke-with")
      _ = try await addOffender()
      try await contact("offender", "phone", "declined")
      try await resolveTasks()
      try await stage("closed", ["closureReason": "offender-declined-or-disengaged"])
    case .unsuitable:
      let reason = index == 16 ? "no-acknowledgement-of-responsibility" : "risk-of-harm"
      try await contact("victim", "email", "agreed")
      let offender = try await addOffender()
      try await consent(victim)
      try await consent(offender)
      try await stage("risk-assessment")
      _ = try await assess(victim)
      _ = try await assess(offender, outcome: "unsuitable", acknowledges: false, unsuitable: reason)
      try await resolveTasks()
      try await stage("closed", ["closureReason": "unsuitable", "unsuitableReason": reason])
    case .transferred:
      try await call(
        "POST", "intake", path + "/transfers", ["toArea": otherArea, "reason": "victim-moved"])
    }
  }

  /// The facilitators facilitator-matching allocated to the case (lead first), once it has:
  /// the victim's agreement asked for them.
  func allocatedFacilitators() async throws -> [String] {
    let deadline = ContinuousClock.now + .seconds(120)
    while true {
      let view = try await call("GET", "victim-contact", path, nil)
      let allocated = (view["facilitators"] as? [[String: Any]] ?? [])
        .sorted { ($0["role"] as? String ?? "") > ($1["role"] as? String ?? "") }
        .compactMap { $0["facilitatorId"] as? String }
      if !allocated.isEmpty { return allocated }
      guard ContinuousClock.now < deadline else {
        throw HubTestError.timedOut("facilitators for \(caseId)")
      }
      try await Task.sleep(for: .milliseconds(300))
    }
  }

  /// Consent, assessment, preparation, a conference or a shuttle delivered, surveys, and
  /// closure with the intervention delivered.
  func intervention(direct: Bool) async throws {
    try await contact("victim", "email", "agreed")
    let facilitators = try await allocatedFacilitators()
    let offender = try await addOffender()
    try await consent(victim)
    try await consent(offender)
    try await stage("risk-assessment")
    _ = try await assess(
      victim, outcome: direct ? "suitable" : "suitable-with-conditions",
      conditions: direct ? [] : ["indirect-only"])
    _ = try await assess(offender, acknowledges: true)
    try await stage("preparation")
    let start: [String: Any] = [
      "health-and-wellbeing": 2, "coping-with-everyday-life": 2, "feeling-safe": 2,
      "informed-and-empowered": 2,
    ]
    try await survey(victim, ["kind": "distance-travelled", "point": "start", "measures": start])
    try await post(
      path + "/interventions",
      [
        "kind": "preparation-meeting", "plannedFor": RFC3339.format(Date()), "attendees": [victim],
        "facilitators": [facilitators[0]],
      ])
    var planned: [String: Any] = [
      "kind": direct ? "conference" : "shuttle-communication",
      "plannedFor": RFC3339.format(Date().addingTimeInterval(3600)),
      "attendees": [victim, offender], "facilitators": facilitators,
    ]
    if direct { planned["place"] = "Synthetic Hall \(index)" }
    let intervention = try await post(path + "/interventions", planned)
    let id = intervention["interventionId"] as? String ?? ""
    try await stage("intervention")
    try await post(path + "/interventions/\(id)/delivery", [:])
    if direct {
      let agreement = try await post(
        path + "/outcome-agreements",
        [
          "madeOn": "2026-12-01",
          "items": [
            [
              "kind": "apology", "responsible": offender, "dueOn": "2026-12-15",
              "description": "Letter of apology \(index)",
            ]
          ],
        ])
      try await stage("outcome-monitoring")
      let agreementId = agreement["agreementId"] as? String ?? ""
      let item = (agreement["items"] as? [[String: Any]])?.first?["itemId"] as? String ?? ""
      try await post(path + "/outcome-agreements/\(agreementId)/items/\(item)", ["status": "done"])
    }
    try await stage("follow-up")
    let end: [String: Any] = [
      "health-and-wellbeing": 3, "coping-with-everyday-life": 4, "feeling-safe": 2,
      "informed-and-empowered": 1,
    ]
    try await survey(victim, ["kind": "distance-travelled", "point": "end", "measures": end])
    try await survey(
      victim, ["kind": "satisfaction", "point": "end", "satisfaction": direct ? 5 : 3])
    var offenderSatisfaction: [String: Any] = [
      "kind": "satisfaction", "point": "end", "satisfaction": 4,
    ]
    if direct {
      offenderSatisfaction["testimonial"] = "Meeting them helped me see the harm \(index)"
      offenderSatisfaction["testimonialConsent"] = true
    }
    try await survey(offender, offenderSatisfaction)
    try await resolveTasks()
    try await stage(
      "closed",
      [
        "closureReason": direct
          ? "direct-intervention-delivered" : "indirect-intervention-delivered"
      ])
  }
}
