import EventContracts
import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Latencies in milliseconds by kind of request.
actor Timings {
  var all: [String: [Double]] = [:]

  func add(_ kind: String, _ milliseconds: Double) { all[kind, default: []].append(milliseconds) }
}

/// The case workers' side of the benchmark: victim-contact's API over HTTP.
struct CaseWorkAPI: Sendable {
  let base: String
  let worker: String
  let colleague: String
  let timings = Timings()

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// `method path` with `body` as `token` (the worker by default), timed under `kind`; the
  /// reply's JSON. Anything but 2xx stops the benchmark.
  @discardableResult
  func call(
    _ kind: String, _ method: String, _ path: String, _ body: [String: Any]? = nil,
    as token: String? = nil
  ) async throws -> [String: Any] {
    var request = URLRequest(url: URL(string: base + path)!)
    request.httpMethod = method
    request.setValue("Bearer \(token ?? worker)", forHTTPHeaderField: "Authorization")
    if let body {
      request.httpBody = try JSONSerialization.data(withJSONObject: body)
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    }
    let start = ContinuousClock.now
    let (data, response) = try await URLSession.shared.data(for: request)
    let elapsed = ContinuousClock.now - start
    await timings.add(
      kind,
      Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
    let status = (response as? HTTPURLResponse)?.statusCode ?? 0
    guard (200..<300).contains(status) else {
      throw Failure(
        description: "\(method) \(path): \(status) \(String(decoding: data, as: UTF8.self))")
    }
    return (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
  }

  /// The facilitators facilitator-matching allocated to case `path` once the victim agreed
  /// (polled, not timed: matching's work, not the API's).
  func allocatedFacilitators(_ path: String) async throws -> [String] {
    let deadline = ContinuousClock.now + .seconds(120)
    while ContinuousClock.now < deadline {
      var request = URLRequest(url: URL(string: base + path)!)
      request.setValue("Bearer \(worker)", forHTTPHeaderField: "Authorization")
      let (data, _) = try await URLSession.shared.data(for: request)
      let view = (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
      let ids = (view["facilitators"] as? [[String: Any]] ?? []).compactMap {
        $0["facilitatorId"] as? String
      }
      if !ids.isEmpty { return ids }
      try await Task.sleep(for: .milliseconds(100))
    }
    throw Failure(description: "no facilitator allocated to \(path)")
  }

  /// The ids of the `count` cases whose referral ids start with `prefix`, once first contact
  /// is planned for each (its participants exist).
  func plannedCases(prefix: String, count: Int) async throws -> [String] {
    let deadline = ContinuousClock.now + .seconds(600)
    var planned: Set<String> = []
    while planned.count < count {
      guard ContinuousClock.now < deadline else { throw Failure(description: "cases not planned") }
      let list = try await call("list", "GET", "/cases?q=\(prefix)")["cases"] as? [[String: Any]]
      for entry in list ?? [] {
        guard let id = entry["caseId"] as? String, !planned.contains(id) else { continue }
        let journey = try await call("view", "GET", "/cases/\(id)")["journey"] as? [String: Any]
        if !((journey?["participants"] as? [Any]) ?? []).isEmpty { planned.insert(id) }
      }
      if planned.count < count { try await Task.sleep(for: .milliseconds(500)) }
    }
    return planned.sorted()
  }

  /// One case from first contact to closure after an indirect intervention.
  func journey(_ caseId: String) async throws {
    let path = "/cases/\(caseId)"
    let victim = "\(caseId).victim"
    try await call(
      "contact-attempt", "POST", path + "/contact-attempts",
      ["participant": "victim", "channel": "email", "outcome": "agreed"])
    let facilitators = try await allocatedFacilitators(path)
    let offender =
      try await call(
        "participant", "POST", path + "/participants",
        [
          "role": "offender", "safeToWrite": false, "safeToCall": true,
          "contact": ["name": "Bench Offender", "phone": "07700 900000"],
        ])["participantId"] as? String ?? ""
    let now = Date()
    for participant in [victim, offender] {
      try await call(
        "consent", "POST", path + "/participants/\(participant)/consents",
        [
          "informationGiven": ["what-rj-is", "voluntary", "right-to-withdraw"],
          "informedAt": RFC3339.format(now.addingTimeInterval(-60)), "evidence": "signed-form",
          "evidenceReference": "form", "givenAt": RFC3339.format(now),
        ])
    }
    try await call("stage", "POST", path + "/stage", ["stage": "risk-assessment"])
    for (participant, extra) in [(victim, [:]), (offender, ["acknowledgesResponsibility": true])] {
      let assessment = try await call(
        "assessment", "POST", path + "/assessments",
        [
          "participantId": participant, "vulnerability": "low", "outcome": "suitable",
        ].merging(extra) { a, _ in a })
      try await call(
        "sign-off", "POST",
        path + "/assessments/\(assessment["assessmentId"] as? String ?? "")/sign-off", [:],
        as: colleague)
    }
    try await call("stage", "POST", path + "/stage", ["stage": "preparation"])
    let planned = try await call(
      "intervention", "POST", path + "/interventions",
      [
        "kind": "letter-exchange", "plannedFor": RFC3339.format(now),
        "attendees": [victim, offender], "facilitators": facilitators,
      ])
    try await call("stage", "POST", path + "/stage", ["stage": "intervention"])
    try await call(
      "intervention", "POST",
      path + "/interventions/\(planned["interventionId"] as? String ?? "")/delivery", [:])
    try await call("stage", "POST", path + "/stage", ["stage": "follow-up"])
    let view = try await call("view", "GET", path)
    for task in view["tasks"] as? [[String: Any]] ?? [] where task["status"] as? String == "open" {
      _ = try? await call(
        "task-closure", "POST", path + "/task-closures",
        ["taskId": task["taskId"] as? String ?? "", "status": "completed"])
    }
    try await call(
      "stage", "POST", path + "/stage",
      ["stage": "closed", "closureReason": "indirect-intervention-delivered"])
  }
}
