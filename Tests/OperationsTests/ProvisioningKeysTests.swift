import Foundation
import TestSupport
import Testing

/// What `infra/provision.sh` promises about personal-data keys: it never makes new ones for a
/// service whose schema already holds tables (data sealed, and an audit chain keyed, with keys
/// that are missing), and when it refuses it changes nothing.
extension AccessControlTests {
  @Test("a state folder without intake's keys is refused while intake's schema holds tables")
  func missingKeysRefused() async throws {
    // Intake's tables exist once the service has run its migrations.
    try await ServiceAPIRig.with(service: "intake") { _ in }
    let emptyState = FileManager.default.temporaryDirectory
      .appendingPathComponent(TestServers.uniqueName("provision_state"))
    try FileManager.default.createDirectory(at: emptyState, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: emptyState) }
    let output = emptyState.appendingPathComponent("provision.log")
    var environment = ProcessInfo.processInfo.environment
    environment["RJHUB_STATE_DIR"] = emptyState.path
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
    #expect(status == 1, "\(said)")
    #expect(said.contains("holds data of:") && said.contains("intake"), "\(said)")
    #expect(said.contains("Nothing was changed"))
    #expect(!said.contains("provisioned"))
    let made = try FileManager.default.contentsOfDirectory(atPath: emptyState.path)
    #expect(made.filter { $0 != "provision.log" && $0 != "cluster-tag" }.isEmpty, "\(made)")
    // The real accounts still work: nothing was changed on the servers.
    try await expectAccountsWork(broker: "intake")
  }
}
