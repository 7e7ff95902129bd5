import AccessControl
import Foundation
import Testing

/// A case worker (or supervisor) using victim-contact's API through the harness: JSON in,
/// JSON out, the status checked against what the test expects.
struct CaseWorkerClient {
  let h: CaseAPIHarness
  let token: String

  /// A client for `roles` acting as `subject`.
  init(
    _ h: CaseAPIHarness, _ roles: Set<Role> = [.caseWorker],
    subject: String = "test-case-worker-7", areas: Set<String> = [SyntheticCases.area],
    facilitatorId: String? = nil
  ) async throws {
    self.h = h
    token = try await h.token(roles, areas: areas, facilitatorId: facilitatorId, subject: subject)
  }

  /// `method path` with `body`; the reply's JSON, after checking its status is `expect`.
  @discardableResult
  func send(
    _ method: String, _ path: String, _ body: [String: Any]? = nil, expect: Int = 201,
    sourceLocation: SourceLocation = #_sourceLocation
  ) async throws -> [String: Any] {
    let text = try body.map {
      String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self)
    }
    let (status, data) = try await h.http(method, path, token: token, body: text)
    #expect(
      status == expect, "\(method) \(path): \(String(decoding: data, as: UTF8.self))",
      sourceLocation: sourceLocation)
    return data.isEmpty ? [:] : try h.json(data)
  }

  /// POST expecting a refusal; the code of its first error.
  func refused(
    _ path: String, _ body: [String: Any], status: Int = 409,
    sourceLocation: SourceLocation = #_sourceLocation
  ) async throws -> String? {
    let reply = try await send("POST", path, body, expect: status, sourceLocation: sourceLocation)
    return (reply["errors"] as? [[String: Any]])?.first?["code"] as? String
  }

  /// The case's view.
  func view(_ caseId: String) async throws -> [String: Any] {
    try await send("GET", "/cases/\(caseId)", expect: 200)
  }

  /// The journey part of the case's view.
  func journey(_ caseId: String) async throws -> [String: Any] {
    try #require(try await view(caseId)["journey"] as? [String: Any])
  }

  /// Speaks to `caseId`'s victim by `channel` (who answers `outcome`), records their informed
  /// consent and moves the case to risk assessment: where the assessment tests start.
  func bringToAssessment(
    _ caseId: String, channel: String, outcome: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) async throws {
    let path = "/cases/\(caseId)"
    try await send(
      "POST", path + "/contact-attempts",
      ["participant": "victim", "channel": channel, "outcome": outcome],
      sourceLocation: sourceLocation)
    try await send(
      "POST", path + "/participants/\(caseId).victim/consents", JourneyBodies.consent(),
      sourceLocation: sourceLocation)
    try await send(
      "POST", path + "/stage", ["stage": "risk-assessment"], sourceLocation: sourceLocation)
  }
}

/// Bodies of the journey's requests, for a test to adjust.
enum JourneyBodies {
  static let now = Date()

  static func time(_ secondsAgo: TimeInterval) -> String {
    let formatter = ISO8601DateFormatter()
    return formatter.string(from: now.addingTimeInterval(-secondsAgo))
  }

  static let informed = ["what-rj-is", "voluntary", "right-to-withdraw", "risks-and-benefits"]

  static func consent(information: [String] = informed) -> [String: Any] {
    [
      "informationGiven": information, "informedAt": time(7200), "evidence": "signed-form",
      "evidenceReference": "Signed form scanned to the case file, page 3", "givenAt": time(3600),
    ]
  }

  static func assessment(
    _ participantId: String, outcome: String = "suitable", conditions: [String] = [],
    acknowledges: Bool? = nil, unsuitableReason: String? = nil
  ) -> [String: Any] {
    var body: [String: Any] = [
      "participantId": participantId, "riskFactors": ["retaliation-risk"],
      "needs": ["emotional-support"], "vulnerability": "low", "outcome": outcome,
      "conditions": conditions, "notes": "Synthetic assessment notes",
    ]
    if let acknowledges { body["acknowledgesResponsibility"] = acknowledges }
    if let unsuitableReason { body["unsuitableReason"] = unsuitableReason }
    return body
  }

  static var distance: [String: Any] {
    [
      "health-and-wellbeing": 2, "coping-with-everyday-life": 3, "feeling-safe": 1,
      "informed-and-empowered": 2,
    ]
  }
}
