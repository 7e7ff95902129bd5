import Foundation
import NIOHTTP1
import TestSupport
import Testing

/// The workplace over the whole hub (issue 23): a case worker signs in through the real
/// OpenID provider and takes one referral from review to closure through the pages only, in
/// headless Chromium, keyboard only, with a screenshot and an axe-core check of every page;
/// then each role's refusals are clear pages.
///
/// The synthetic staff of `infra/oidc-users.json` work in `norfolk`, so the hub under test
/// serves that area (each run's referral has its own id).
@Suite(.serialized) struct WorkplaceJourneyBrowserTests {
  static let area = "norfolk"

  @Test func aReferralGoesFromReviewToClosureThroughThePages() async throws {
    let hub = try HubUnderTest(area: Self.area)
    do {
      try await hub.waitUntilReady()
      let clients = try await HubClients(hub: hub)
      let submission = try await Self.rejectedReferral(clients)
      try await WorkplaceUnderTest.with(environment: Self.services(of: hub)) { workplace in
        for javascript in [true, false] {
          let result = try await Self.runJourney(
            base: workplace.base,
            submission: javascript ? submission : try await Self.rejectedReferral(clients),
            javascript: javascript)
          let caseId = try #require(result["caseId"] as? String)
          try await Self.expectClosed(caseId, clients)
          try Self.expectAccessible(result)
        }
        try await Self.expectRoleRefusals(workplace, clients)
      }
      await clients.close()
    } catch {
      await hub.stop()
      throw error
    }
    await hub.stop()
  }

  /// Where the workplace finds each service of `hub`.
  static func services(of hub: HubUnderTest) -> [String: String] {
    [
      "RJHUB_INTAKE_URL": "http://127.0.0.1:\(hub.port("intake"))",
      "RJHUB_VICTIM_CONTACT_URL": "http://127.0.0.1:\(hub.port("victim-contact"))",
      "RJHUB_FACILITATOR_MATCHING_URL": "http://127.0.0.1:\(hub.port("facilitator-matching"))",
      "RJHUB_REPORTING_URL": "http://127.0.0.1:\(hub.port("reporting"))",
    ]
  }

  /// Sends a police referral whose victim email is wrong; the id of the kept, rejected
  /// submission once intake has answered it.
  static func rejectedReferral(_ clients: HubClients) async throws -> String {
    let batch = ReferralBatch(area: area, valid: 0, invalid: 0, repeats: 0)
    let referralId = "WP-\(batch.run)"
    let body = ReferralBatch.setting(
      norfolkReferral(batch, referralId), "/victim/email", "not-an-address")
    _ = try await clients.submit([ReferralBatch.bytes(body)])
    let worker = try await clients.token(.caseWorker)
    let deadline = ContinuousClock.now + .seconds(60)
    while ContinuousClock.now < deadline {
      let (status, data) = try await clients.http(
        "GET", "intake", "/submissions?area=\(area)&referralId=\(referralId)", token: worker)
      if status == 200,
        let entries = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?[
          "submissions"] as? [[String: Any]],
        let rejected = entries.first(where: { $0["outcome"] as? String == "rejected" }),
        let id = rejected["submissionId"] as? String
      {
        return id
      }
      try await Task.sleep(for: .milliseconds(200))
    }
    throw HubTestError.timedOut("intake to keep the rejected referral \(referralId)")
  }

  /// A valid synthetic referral for Norfolk (whose districts intake knows).
  static func norfolkReferral(_ batch: ReferralBatch, _ referralId: String) -> [String: Any] {
    ReferralBatch.setting(batch.referral(referralId, index: 1), "/location/district", "Norwich")
  }

  /// The case is closed as the pages said, in victim-contact itself.
  static func expectClosed(_ caseId: String, _ clients: HubClients) async throws {
    let (status, data) = try await clients.http(
      "GET", "victim-contact", "/cases/\(caseId)", token: try await clients.token(.supervisor))
    #expect(status == 200)
    let view = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(view["stage"] as? String == "closed")
    let journey = view["journey"] as? [String: Any]
    #expect(journey?["closureReason"] as? String == "victim-declined-or-disengaged")
    let attempts = view["contactAttempts"] as? [[String: Any]] ?? []
    #expect(attempts.contains { $0["outcome"] as? String == "declined" })
  }

  /// No page had a serious or critical axe-core violation.
  static func expectAccessible(_ result: [String: Any]) throws {
    let pages = try #require(result["accessibility"] as? [[String: Any]])
    #expect(pages.count >= 10, "every page was checked")
    for page in pages {
      let violations = page["violations"] as? [[String: Any]] ?? []
      let severe = BrowserScript.severe(violations)
      let severeCount = severe.count
      #expect(
        severeCount == 0,
        "axe-core on \(page["page"] ?? "?") (\(page["url"] ?? "?")): \(BrowserScript.describe(severe))"
      )
    }
    let steps = result["steps"] as? [String] ?? []
    #expect(steps.allSatisfy { FileManager.default.fileExists(atPath: $0) }, "screenshots")
  }

  /// Each role sees only its own work, and a refusal is a page that says why.
  static func expectRoleRefusals(_ workplace: WorkplaceUnderTest, _ clients: HubClients)
    async throws
  {
    let caseId = try await openCase(clients)
    let commissioner = StaffBrowser(workplace)
    try await commissioner.signIn("commissioner.alpha")
    let figuresOnly = try await commissioner.request(.GET, "/cases/\(caseId)")
    #expect(figuresOnly.status == 403)
    #expect(figuresOnly.body.contains("You cannot see this page"))
    #expect(figuresOnly.body.contains("Commissioners see the figures"))
    #expect(!figuresOnly.body.contains(caseId + ".victim"))

    let facilitator = StaffBrowser(workplace)
    try await facilitator.signIn("facilitator.alpha")
    let notAllocated = try await facilitator.request(.GET, "/cases/\(caseId)")
    #expect(notAllocated.status == 403)
    #expect(notAllocated.body.contains("not allocated"))

    let referrer = StaffBrowser(workplace)
    try await referrer.signIn("referrer.alpha")
    let noWorkplace = try await referrer.request(.GET, "/cases/\(caseId)")
    #expect(noWorkplace.status == 403)
    #expect(noWorkplace.body.contains("You cannot see this page"))

    let worker = StaffBrowser(workplace)
    try await worker.signIn("caseworker.alpha")
    let casePage = try await worker.request(.GET, "/cases/\(caseId)")
    #expect(casePage.status == 200)
    #expect(casePage.body.contains("Victim's contact details"))
    let supervisorOnly = try await worker.request(.GET, "/supervisor")
    #expect(supervisorOnly.status == 403)
    #expect(supervisorOnly.body.contains("You cannot see this page"))
    for page in [figuresOnly, notAllocated, noWorkplace, supervisorOnly] {
      #expect(!page.body.contains("Error Domain"), "no stack trace or error dump")
    }
  }

  /// A valid referral's case, once victim-contact has it.
  static func openCase(_ clients: HubClients) async throws -> String {
    let batch = ReferralBatch(area: area, valid: 0, invalid: 0, repeats: 0)
    let referralId = "WP-\(batch.run)-ok"
    _ = try await clients.submit([ReferralBatch.bytes(norfolkReferral(batch, referralId))])
    let worker = try await clients.token(.caseWorker)
    let deadline = ContinuousClock.now + .seconds(60)
    while ContinuousClock.now < deadline {
      let (_, data) = try await clients.http(
        "GET", "victim-contact", "/cases?area=\(area)&q=\(referralId)", token: worker)
      if let cases = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["cases"]
        as? [[String: Any]], let id = cases.first?["caseId"] as? String
      {
        return id
      }
      try await Task.sleep(for: .milliseconds(200))
    }
    throw HubTestError.timedOut("the case of \(referralId)")
  }

  /// Runs `Tests/Browser/workplace_journey.py`; what it printed.
  static func runJourney(base: String, submission: String, javascript: Bool) async throws
    -> [String: Any]
  {
    try await BrowserScript.run(
      "workplace_journey.py",
      arguments: [
        "--base", base, "--submission", submission,
        "--artifacts", BrowserScript.artifacts("workplace").path,
        "--axe-python", try TestServers.setting(named: "RJHUB_TEST_PYTHON_TOOLS"),
      ] + (javascript ? [] : ["--no-javascript"]))
  }
}
