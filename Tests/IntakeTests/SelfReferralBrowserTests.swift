import AccessControl
import EventContracts
import Foundation
import TestSupport
import Testing

/// The self-referral form in a real browser: headless Chromium (Debian's `chromium`), driven
/// keyboard-only over the DevTools protocol by `Tests/Browser/self_referral_flow.py`, fills
/// the form with mistakes, sees the error summary, corrects it and reaches the confirmation
/// page; once with JavaScript and once with it disabled. Screenshots of each step are kept in
/// `.local/test-artifacts/`. The referral it sends must open a case like any other.
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

/// Runs the browser driver and returns what it printed.
enum BrowserFlow {
  static let interpreter = "/usr/bin/python3"

  static func run(base: String, javascript: Bool, person: String) async throws -> [String: Any] {
    let root = TestServers.repositoryRoot
    let artifacts = root.appendingPathComponent(".local/test-artifacts")
    let script = root.appendingPathComponent("Tests/Browser/self_referral_flow.py")
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("browser-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let output = scratch.appendingPathComponent("stdout")
    let errors = scratch.appendingPathComponent("stderr")
    try Data().write(to: output)
    try Data().write(to: errors)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: interpreter)
    process.arguments =
      [script.path, "--base", base, "--artifacts", artifacts.path, "--person", person]
      + (javascript ? [] : ["--no-javascript"])
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = try FileHandle(forWritingTo: errors)
    let status: Int32 = try await withCheckedThrowingContinuation { continuation in
      process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
      do { try process.run() } catch { continuation.resume(throwing: error) }
    }
    let printed = try Data(contentsOf: output)
    guard status == 0 else {
      throw HarnessError.notJSONObject(
        "browser flow exited \(status): "
          + String(decoding: try Data(contentsOf: errors), as: UTF8.self))
    }
    return try ServiceAPIRig.json(printed)
  }
}
