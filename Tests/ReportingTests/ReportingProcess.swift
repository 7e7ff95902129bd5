import Foundation
import TestSupport

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The built `rjhub-reporting` executable, started with the service's own provisioned
/// accounts on a free loopback port, its output in `.local/test-logs/`.
final class ReportingProcess: Sendable {
  let child: ChildProcess
  let port: Int
  let logFile: URL

  init() throws {
    port = Int.random(in: 41_000..<49_000)
    let logs = TestServers.repositoryRoot.appendingPathComponent(".local/test-logs")
    try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
    logFile = logs.appendingPathComponent("reporting-\(port).log")
    var environment = try TestServers.serviceEnvironment("reporting")
    environment["PATH"] = "/usr/bin:/bin"
    environment["RJHUB_HTTP_PORT"] = "\(port)"
    environment["RJHUB_LOG_FORMAT"] = "json"
    environment["RJHUB_LOG_LEVEL"] = "debug"
    child = try ChildProcess(
      executable: try TestServers.binDirectory().appendingPathComponent("rjhub-reporting").path,
      arguments: [], environment: environment, outputFile: logFile.path)
  }

  /// Waits until `/health/ready` answers 200.
  func waitUntilReady(seconds: Double = 60) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    let url = URL(string: "http://127.0.0.1:\(port)/health/ready")!
    while true {
      if let (_, response) = try? await URLSession.shared.data(from: url),
        (response as? HTTPURLResponse)?.statusCode == 200
      {
        return
      }
      if ContinuousClock.now > deadline || child.exitStatus() != nil {
        throw ReportingTestError.notReady(String(log().suffix(3000)))
      }
      try await Task.sleep(for: .milliseconds(100))
    }
  }

  /// Stops it with SIGTERM (SIGKILL if it has not exited within 30 s); its exit status.
  @discardableResult
  func stop() async -> Int32? {
    child.send(SIGTERM)
    if let status = try? await child.waitForExit(timeout: .seconds(30)) { return status }
    child.send(SIGKILL)
    return try? await child.waitForExit(timeout: .seconds(10))
  }

  /// Everything it logged so far.
  func log() -> String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }
}
