import Foundation
import TestSupport

/// One `rjhub-drill` process started by a test, with its output in a log file under
/// `.local/test-logs/` (kept for reading after a failure).
final class DrillProcess: Sendable {
  let child: ChildProcess
  let logFile: URL
  let httpPort: Int

  /// Starts `rjhub-drill <arguments>` with the test servers' admin URLs.
  init(_ arguments: [String], name: String, httpPort: Int = 0) throws {
    let logs = TestServers.repositoryRoot.appendingPathComponent(".local/test-logs")
    try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
    logFile = logs.appendingPathComponent("\(name).log")
    _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
    self.httpPort = httpPort
    var environment = ProcessInfo.processInfo.environment
    environment["RJHUB_DATABASE_URL"] = try TestServers.databaseURL()
    environment["RJHUB_AMQP_URL"] = try TestServers.amqpURL()
    environment["RJHUB_HTTP_PORT"] = "\(httpPort)"
    environment["RJHUB_LOG_FORMAT"] = "json"
    environment["RJHUB_LOG_LEVEL"] = "info"
    environment["RJHUB_RELAY_POLL_INTERVAL"] = "500ms"
    child = try ChildProcess(
      executable: try TestServers.binDirectory().appendingPathComponent("rjhub-drill").path,
      arguments: arguments, environment: environment, outputFile: logFile.path)
  }

  /// Sends `signal` (SIGKILL, SIGTERM, ...).
  func send(_ signal: Int32) { child.send(signal) }

  /// Waits up to `seconds` for the process to exit; its status, or nil if still running.
  func waitForExit(seconds: Double) async throws -> Int32? {
    try await child.waitForExit(timeout: .seconds(seconds))
  }

  /// Stops it (SIGKILL) if it is still running.
  func stop() async {
    if child.exitStatus() == nil {
      send(SIGKILL)
      _ = try? await waitForExit(seconds: 10)
    }
  }

  /// The log's text.
  func log() -> String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }
}
