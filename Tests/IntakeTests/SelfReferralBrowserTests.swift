import AccessControl
import EventContracts
import Foundation
import TestSupport
import Testing

/// The self-referral form in a real browser: headless Chromium (Debian's `chromium`), driven
/// keyboard-only over the DevTools protocol by `Tests/Browser/self_referral_flow.py`, fills
/// the form with mistakes, sees the error summary, corrects it and reaches the confirmation
/// page; once with JavaScript and once with it disabled. Screenshots of each step are kept in
/// `.local/test-artifacts/`. The referral it sends must open a case like any other. Every page
/// it sees is checked with axe-core (from the venv `infra/python-tools.sh` installs, found
/// through `RJHUB_TEST_PYTHON_TOOLS`): none may have a serious or critical violation.
@Suite("Self-referral form in a browser", .serialized)
struct SelfReferralBrowserTests {
  @Test(
    "fill, see errors, correct, confirm: with and without JavaScript", arguments: [true, false])
  func flow(javascript: Bool) async throws {
    try await ServiceAPIRig.with(service: "intake", observing: [CaseOpened.routingKey]) { rig in
      let result = try await BrowserFlow.run(
        base: "http://127.0.0.1:\(rig.service.port)", javascript: javascript,
        person: "Synthetic Browser Person \(UUID().uuidString.prefix(8))")
      let reference = try #require(result["reference"] as? String)
      #expect(
        result["errors"] as? [String] == [
          "Enter your full name", "Date of birth must be a real date, like 27 3 1985",
          "Enter an email address in the correct format, like name@example.com",
          "The date it happened must be today or in the past",
          "Select yes if the crime was reported to the police",
          "Confirm that you agree to us using your details",
        ])
      #expect((result["steps"] as? [String])?.count == 4)

      // Every page was checked with axe-core, and none has a serious or critical violation.
      let accessibility = try #require(
        result["accessibility"] as? [[String: Any]],
        "the browser flow did not report its axe-core checks")
      #expect(
        accessibility.compactMap { $0["page"] as? String }
          == ["1-start", "2-details", "3-errors", "4-confirmation"])
      for page in accessibility {
        let violations = try #require(page["violations"] as? [[String: Any]])
        let severe = BrowserScript.severe(violations)
        #expect(
          severe.isEmpty,
          """
          axe-core on \(page["page"] as? String ?? "?") (\(page["url"] as? String ?? "?")): \
          \(BrowserScript.describe(severe))
          """)
      }

      // The referral opened a case like any other channel's: a self-referral by the victim.
      let opened = try await rig.caseOpened(referralId: reference)
      #expect(opened.sourceSystem == "self-referral-form")
      #expect(opened.referrerType == .selfReferral)
      #expect(opened.initiatedBy == .victim)

      // The rejected attempt was kept for the hub, and names the submission that corrected it.
      let worker = try await rig.token(
        subject: "form-reviewer", roles: [.caseWorker], areas: ["norfolk"])
      let listed = try await rig.http(
        "GET", "/submissions?area=norfolk&referralId=\(reference)", token: worker)
      let entries = try #require(
        try ServiceAPIRig.json(listed.body)["submissions"] as? [[String: Any]])
      let rejected = try #require(entries.first { $0["outcome"] as? String == "rejected" })
      #expect(rejected["correctedBy"] is String)
      #expect(entries.contains { $0["outcome"] as? String == "accepted" })
    }
  }
}

/// Runs the self-referral driver and returns what it printed.
enum BrowserFlow {
  static func run(base: String, javascript: Bool, person: String) async throws -> [String: Any] {
    // The venv holding axe-core's script; the flow fails when it has no axe.min.js.
    let pythonTools = try TestServers.setting(named: "RJHUB_TEST_PYTHON_TOOLS")
    return try await BrowserScript.run(
      "self_referral_flow.py",
      arguments: [
        "--base", base, "--artifacts", BrowserScript.artifacts().path, "--person", person,
        "--axe-python", pythonTools,
      ] + (javascript ? [] : ["--no-javascript"]))
  }
}
