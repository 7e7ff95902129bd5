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

  /// Starts `rjhub-<service>` on `port` (a free port by default, see ``freePort()``) with
  /// `environment` on top of the service's account; `logName` names the log file (default
  /// `<service>-<port>`).
  public init(
    service: String, port: Int = ServiceProcess.freePort(), logName: String? = nil,
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

  /// A loopback port nothing listens on now, below Linux's ephemeral range (32768 and up),
  /// so that outgoing connections of this or any other process cannot take it in the
  /// meantime.
  public static func freePort() -> Int {
    while true {
      let port = Int.random(in: 20_000..<32_000)
      if isFree(port) { return port }
    }
  }

  /// Whether a listener could bind `port` on 127.0.0.1 now.
  public static func isFree(_ port: Int) -> Bool {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    return bound == 0
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
