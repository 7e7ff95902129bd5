import Foundation
import TestSupport

/// One `rjhub-drill` process started by a test, with its output in a log file under
/// `.local/test-logs/` (kept for reading after a failure).
final class DrillProcess: @unchecked Sendable {
  let process = Process()
  let logFile: URL
  let httpPort: Int

  /// Starts `rjhub-drill <arguments>` with the test servers' admin URLs.
  init(_ arguments: [String], name: String, httpPort: Int = 0) throws {
    let logs = TestServers.repositoryRoot.appendingPathComponent(".local/test-logs")
    try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
    logFile = logs.appendingPathComponent("\(name).log")
    _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
    let handle = try FileHandle(forWritingTo: logFile)
    self.httpPort = httpPort
    process.executableURL = try TestServers.binDirectory().appendingPathComponent("rjhub-drill")
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["RJHUB_DATABASE_URL"] = try TestServers.databaseURL()
    environment["RJHUB_AMQP_URL"] = try TestServers.amqpURL()
    environment["RJHUB_HTTP_PORT"] = "\(httpPort)"
    environment["RJHUB_LOG_FORMAT"] = "json"
    environment["RJHUB_LOG_LEVEL"] = "info"
    environment["RJHUB_RELAY_POLL_INTERVAL"] = "500ms"
    process.environment = environment
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
  }

  /// Sends `signal` (SIGKILL, SIGTERM, ...).
  func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

  /// Waits up to `seconds` for the process to exit; its status, or nil if still running.
  func waitForExit(seconds: Double) async throws -> Int32? {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while process.isRunning && ContinuousClock.now < deadline {
      try await Task.sleep(for: .milliseconds(50))
    }
    return process.isRunning ? nil : process.terminationStatus
  }

  /// Stops it (SIGKILL) if it is still running.
  func stop() async {
    if process.isRunning {
      send(SIGKILL)
      _ = try? await waitForExit(seconds: 10)
    }
  }

  /// The log's text.
  func log() -> String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }
}
