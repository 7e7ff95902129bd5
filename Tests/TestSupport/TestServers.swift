import Foundation
import Logging
import PostgresClient

/// Where the tests find the real PostgreSQL and RabbitMQ that `infra/up.sh` starts, and how
/// they restart them for fault drills.
///
/// Every accessor throws ``TestServersError/missing(_:)`` with instructions when the servers
/// have not been started: an integration test fails loudly, it never skips.
public enum TestServers {
  /// The checkout's root folder (found from this file's path).
  public static let repositoryRoot: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url
  }()

  /// A PostgreSQL superuser URL for database `rjhub` (tests create their own schemas).
  public static func databaseURL() throws -> String {
    try setting("RJHUB_TEST_DATABASE_URL")
  }

  /// A RabbitMQ administrator URL for vhost `rjhub` (tests declare their own topology).
  public static func amqpURL() throws -> String {
    try setting("RJHUB_TEST_AMQP_URL")
  }

  /// The environment (`RJHUB_DATABASE_URL`, `RJHUB_AMQP_URL`) provisioned for one service's
  /// least-privilege accounts, or for `police-publisher` and `operator`.
  public static func serviceEnvironment(_ account: String) throws -> [String: String] {
    let folder = try setting("RJHUB_TEST_SERVICE_ENV_DIR")
    let file = URL(fileURLWithPath: folder).appendingPathComponent("\(account).env")
    guard let text = try? String(contentsOf: file, encoding: .utf8) else {
      throw TestServersError.missing("no provisioned environment for \(account) at \(file.path)")
    }
    return parseEnvironmentFile(text)
  }

  /// A fresh lower-case name such as `outbox_3fa9c1d2`, usable as a schema, queue or exchange.
  public static func uniqueName(_ prefix: String) -> String {
    let suffix = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(10)
    return "\(prefix)_\(suffix)"
  }

  /// A fresh schema name starting with `prefix` (letters, digits and underscores).
  public static func uniqueSchema(_ prefix: String) throws -> SchemaName {
    try SchemaName(uniqueName(prefix.replacingOccurrences(of: "-", with: "_")))
  }

  /// A logger for tests; quiet unless `RJHUB_TEST_LOG_LEVEL` asks for more.
  public static func logger(_ label: String) -> Logger {
    var logger = Logger(label: label)
    let level = ProcessInfo.processInfo.environment["RJHUB_TEST_LOG_LEVEL"] ?? "warning"
    logger.logLevel = Logger.Level(rawValue: level) ?? .warning
    return logger
  }

  /// Runs `infra/<script> <arguments>` (for instance `rabbitmq.sh restart`) and waits for
  /// it; its output goes to `.local/test-logs/infra.log`, whose end is in the error when the
  /// script fails.
  public static func runInfra(_ script: String, _ arguments: [String]) async throws {
    let logs = repositoryRoot.appendingPathComponent(".local/test-logs")
    try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
    let log = logs.appendingPathComponent("infra.log").path
    let child = try ChildProcess(
      executable: "/bin/bash",
      arguments: [repositoryRoot.appendingPathComponent("infra/\(script)").path] + arguments,
      environment: ProcessInfo.processInfo.environment, outputFile: log)
    guard let status = try await child.waitForExit(timeout: .seconds(300)), status == 0 else {
      child.send(SIGKILL)
      let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
      throw TestServersError.infraFailed(
        script: script, arguments: arguments, output: String(output.suffix(2000)))
    }
  }

  /// The folder holding the package's built executables (`rjhub`, `rjhub-drill`, ...):
  /// `RJHUB_BIN_DIR` when infra/test.sh sets it, else `.build/debug`.
  public static func binDirectory() throws -> URL {
    if let dir = ProcessInfo.processInfo.environment["RJHUB_BIN_DIR"] {
      return URL(fileURLWithPath: dir)
    }
    let fallback = repositoryRoot.appendingPathComponent(".build/debug")
    guard FileManager.default.fileExists(atPath: fallback.path) else {
      throw TestServersError.missing("no built executables: run `swift build` first")
    }
    return fallback
  }

  /// A test setting such as `RJHUB_TEST_SMTP_URL`: from the environment, else from
  /// `.local/test.env`; throws naming it when neither has it.
  public static func setting(named name: String) throws -> String { try setting(name) }

  static func setting(_ name: String) throws -> String {
    if let value = ProcessInfo.processInfo.environment[name], !value.isEmpty { return value }
    let file = repositoryRoot.appendingPathComponent(".local/test.env")
    if let text = try? String(contentsOf: file, encoding: .utf8),
      let value = parseEnvironmentFile(text)[name], !value.isEmpty
    {
      return value
    }
    throw TestServersError.missing(
      "\(name) is not set and \(file.path) does not provide it: start the servers with "
        + "`bash infra/up.sh` (or run everything with `bash infra/test.sh`)")
  }

  static func parseEnvironmentFile(_ text: String) -> [String: String] {
    var values: [String: String] = [:]
    for line in text.split(separator: "\n") {
      guard let eq = line.firstIndex(of: "="), !line.hasPrefix("#") else { continue }
      values[String(line[..<eq])] = String(line[line.index(after: eq)...])
    }
    return values
  }
}

/// Why the test servers could not be used.
public enum TestServersError: Error, CustomStringConvertible {
  /// The servers (or their settings) are not there.
  case missing(String)
  /// An infra script exited non-zero or did not finish in time; the end of its output.
  case infraFailed(script: String, arguments: [String], output: String)

  public var description: String {
    switch self {
    case .missing(let why): "test servers unavailable: \(why)"
    case .infraFailed(let script, let arguments, let output):
      "infra/\(script) \(arguments.joined(separator: " ")) failed; its output ends:\n\(output)"
    }
  }
}
