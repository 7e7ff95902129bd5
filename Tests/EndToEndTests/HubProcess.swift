import Foundation
import TestSupport

/// One hub service started by an end-to-end test as its own process, with the provisioned
/// account of that service and its output in `.local/test-logs/`.
final class HubProcess: Sendable {
  let service: String
  let child: ChildProcess
  let logFile: URL
  let httpPort: Int

  /// Starts `rjhub-<service>` on `httpPort` with `extraEnvironment` on top of its account.
  init(service: String, replica: String, httpPort: Int, extraEnvironment: [String: String] = [:])
    throws
  {
    self.service = service
    self.httpPort = httpPort
    let logs = TestServers.repositoryRoot.appendingPathComponent(".local/test-logs")
    try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
    logFile = logs.appendingPathComponent("e2e-\(service)-\(replica).log")
    var environment = try TestServers.serviceEnvironment(service)
    environment["PATH"] = "/usr/bin:/bin"
    environment["RJHUB_HTTP_PORT"] = "\(httpPort)"
    environment["RJHUB_LOG_FORMAT"] = "json"
    environment.merge(extraEnvironment) { _, new in new }
    child = try ChildProcess(
      executable: try TestServers.binDirectory().appendingPathComponent("rjhub-\(service)").path,
      arguments: [], environment: environment, outputFile: logFile.path)
  }

  /// Sends `signal`.
  func send(_ signal: Int32) { child.send(signal) }

  /// Stops it with SIGTERM, then SIGKILL if it has not exited within `seconds`.
  func stop(seconds: Double = 30) async {
    child.send(SIGTERM)
    if (try? await child.waitForExit(timeout: .seconds(seconds))) ?? nil == nil {
      child.send(SIGKILL)
      _ = try? await child.waitForExit(timeout: .seconds(10))
    }
  }

  /// The process's log.
  func log() -> String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }
}
