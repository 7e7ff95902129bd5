import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// One hub service's built executable (`rjhub-<service>`), started as a process of its own
/// with that service's provisioned accounts, JSON logs in `.local/test-logs/`. Tests drive it
/// only through its public interfaces: HTTP, the broker and signals.
public final class ServiceProcess: Sendable {
  /// The service, as in `compose/services.tsv` (`victim-contact`).
  public let service: String
  /// The running child.
  public let child: ChildProcess
  /// Its HTTP port on 127.0.0.1.
  public let port: Int
  /// Where its output goes.
  public let logFile: URL

  /// Starts `rjhub-<service>` on `port` (a random high port by default) with `environment`
  /// on top of the service's account; `logName` names the log file (default
  /// `<service>-<port>`).
  public init(
    service: String, port: Int = Int.random(in: 41_000..<49_000), logName: String? = nil,
    environment extra: [String: String] = [:]
  ) throws {
    self.service = service
    self.port = port
    let logs = TestServers.repositoryRoot.appendingPathComponent(".local/test-logs")
    try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
    logFile = logs.appendingPathComponent("\(logName ?? "\(service)-\(port)").log")
    var environment = try TestServers.serviceEnvironment(service)
    environment["PATH"] = "/usr/bin:/bin"
    environment["RJHUB_HTTP_PORT"] = "\(port)"
    environment["RJHUB_LOG_FORMAT"] = "json"
    environment.merge(extra) { _, new in new }
    child = try ChildProcess(
      executable: try TestServers.binDirectory().appendingPathComponent("rjhub-\(service)").path,
      arguments: [], environment: environment, outputFile: logFile.path)
  }

  /// Whether it is still running.
  public var isRunning: Bool { child.exitStatus() == nil }

  /// Waits until `/health/ready` answers 200; fails with the end of its log if it exits or
  /// `seconds` pass first.
  public func waitUntilReady(seconds: Double = 60) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    let url = URL(string: "http://127.0.0.1:\(port)/health/ready")!
    while true {
      if let (_, response) = try? await URLSession.shared.data(from: url),
        (response as? HTTPURLResponse)?.statusCode == 200
      {
        return
      }
      if ContinuousClock.now > deadline || !isRunning {
        throw HarnessError.notReady(service: service, log: String(log().suffix(3000)))
      }
      try await Task.sleep(for: .milliseconds(100))
    }
  }

  /// Sends `signal` (SIGKILL for a crash, SIGTERM for a graceful stop).
  public func send(_ signal: Int32) { child.send(signal) }

  /// Stops it with SIGTERM, then SIGKILL if it has not exited within `seconds`; its exit
  /// status.
  @discardableResult
  public func stop(seconds: Double = 30) async -> Int32? {
    child.send(SIGTERM)
    if let status = try? await child.waitForExit(timeout: .seconds(seconds)) { return status }
    child.send(SIGKILL)
    return try? await child.waitForExit(timeout: .seconds(10))
  }

  /// Everything it logged so far.
  public func log() -> String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }
}

/// Why a test harness gave up, said so that the failure explains itself.
public enum HarnessError: Error, CustomStringConvertible {
  /// The broker did not confirm every publish.
  case notConfirmed(String)
  /// Something awaited did not happen in time.
  case timedOut(String)
  /// A service process never became ready; the end of its log.
  case notReady(service: String, log: String)
  /// A body that should have been a JSON object; its beginning.
  case notJSONObject(String)

  public var description: String {
    switch self {
    case .notConfirmed(let outcomes): "publish not confirmed: \(outcomes)"
    case .timedOut(let what): "timed out waiting for \(what)"
    case .notReady(let service, let log):
      "rjhub-\(service) never became ready; its log ends:\n\(log)"
    case .notJSONObject(let body): "a JSON object, not: \(body)"
    }
  }
}
