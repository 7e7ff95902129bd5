import Foundation
import TestSupport
import Testing

/// What `infra/provision.sh` promises about personal-data keys: it never makes new ones for a
/// service whose schema already holds tables, never takes other keys than those it
/// fingerprinted for the cluster (data sealed, and an audit chain keyed, with keys the state
/// folder does not hold), and when it refuses it changes nothing.
extension AccessControlTests {
  @Test("a state folder without intake's keys, or with others, is refused; nothing changes")
  func missingKeysRefused() async throws {
    // Intake's tables exist once the service has run its migrations.
    try await ServiceAPIRig.with(service: "intake") { _ in }
    // The other services' own keys, so that only intake's are missing or foreign.
    var others: [String: String] = [:]
    for service in ["victim-contact", "facilitator-matching", "notifications"] {
      let environment = try TestServers.serviceEnvironment(service)
      others["data-\(service)-k1"] = String(
        try #require(environment["RJHUB_DATA_KEYS"]).dropFirst("k1:".count))
      let indexKey: String = try #require(environment["RJHUB_DATA_INDEX_KEY"])
      others["data-\(service)-index"] = indexKey
    }
    try await expectProvisioningRefused(secrets: others)
    try await expectProvisioningRefused(
      secrets: others.merging([
        "data-intake-k1": Self.randomKey(), "data-intake-index": Self.randomKey(),
      ]) { _, new in new })
    // The real accounts still work: nothing was changed on the servers.
    try await expectAccountsWork(broker: "intake")
  }

  /// 32 random bytes in base64, as `infra/provision.sh` makes a key.
  static func randomKey() -> String {
    Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
  }

  /// Runs `infra/provision.sh` on the running cluster from a state folder of its own holding
  /// only `secrets` (file name to content), and expects it to refuse, naming intake alone,
  /// without making anything.
  func expectProvisioningRefused(
    secrets: [String: String], sourceLocation: SourceLocation = #_sourceLocation
  ) async throws {
    let state = FileManager.default.temporaryDirectory
      .appendingPathComponent(TestServers.uniqueName("provision_state"))
    let secretsFolder = state.appendingPathComponent("secrets")
    try FileManager.default.createDirectory(at: secretsFolder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: state) }
    for (name, content) in secrets {
      try content.write(
        to: secretsFolder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let output = state.appendingPathComponent("provision.log")
    var environment = ProcessInfo.processInfo.environment
    environment["RJHUB_STATE_DIR"] = state.path
    environment["RJHUB_PG_DIR"] = try TestServers.setting(named: "RJHUB_TEST_PG_DIR")
    let child = try ChildProcess(
      executable: "/bin/bash",
      arguments: [TestServers.repositoryRoot.appendingPathComponent("infra/provision.sh").path],
      environment: environment, outputFile: output.path)
    let status = try await child.waitForExit(timeout: .seconds(120))
    let said = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    if status == 0 {
      // The guard failed and every password was made anew: put the real ones back.
      try await TestServers.runInfra("provision.sh", [])
    }
    #expect(status == 1, "\(said)", sourceLocation: sourceLocation)
    #expect(said.contains("holds data of: intake;"), "\(said)", sourceLocation: sourceLocation)
    #expect(said.contains("Nothing was changed"), sourceLocation: sourceLocation)
    #expect(!said.contains("provisioned"), sourceLocation: sourceLocation)
    let made = try FileManager.default.contentsOfDirectory(atPath: secretsFolder.path)
    #expect(
      Set(made) == Set(secrets.keys), "no secret made: \(made)", sourceLocation: sourceLocation)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: state.path).sorted()
        == ["provision.log", "secrets"], sourceLocation: sourceLocation)
  }
}
