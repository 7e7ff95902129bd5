import AMQPClient
import Foundation
import Synchronization
import TestSupport

/// The five services started as separate processes (one or more replicas each) for one
/// synthetic area, on free loopback ports, with their provisioned accounts.
final class HubUnderTest: Sendable {
  static let services = [
    "intake", "victim-contact", "facilitator-matching", "notifications", "reporting",
  ]

  let area: String
  let basePort: Int
  /// Every process started, restarted ones included (so `stop` reaches them all).
  private let started: Mutex<[ServiceProcess]>
  /// The processes as first started.
  var processes: [ServiceProcess] { started.withLock { $0 } }

  /// The areas intake serves: `area`, then any others the test transfers cases to.
  let servedAreas: [String]

  /// Starts `replicas` processes of every service; intake serves only `area` (and
  /// `otherAreas`, for transfers within the deployment).
  init(area: String, replicas: Int = 1, otherAreas: [String] = []) throws {
    self.area = area
    servedAreas = [area] + otherAreas
    basePort = Self.freeBasePort()
    let smtp = try TestServers.setting(named: "RJHUB_TEST_SMTP_URL")
    var processes: [ServiceProcess] = []
    for service in Self.services {
      for replica in 0..<replicas {
        processes.append(
          try Self.start(
            service, replica: replica, areas: servedAreas, basePort: basePort, smtp: smtp))
      }
    }
    started = Mutex(processes)
  }

  /// Delivery loops per notifications replica (`RJHUB_NOTIFY_SENDERS`, its default): what
  /// bounds the emails a killed replica can leave to be sent again.
  static let notificationSenders = 4

  /// Starts replica `replica` of `service`, on its own port.
  private static func start(
    _ service: String, replica: Int, areas: [String], basePort: Int, smtp: String,
    generation: Int = 0
  ) throws -> ServiceProcess {
    let area = areas[0]
    var extra: [String: String] = ["RJHUB_RELAY_POLL_INTERVAL": "500ms"]
    if service == "intake" { extra["RJHUB_INTAKE_AREAS"] = areas.joined(separator: ",") }
    if service == "notifications" {
      extra["RJHUB_SMTP_URL"] = smtp
      // The shortest lease: what a killed replica had claimed is sent again sooner.
      extra["RJHUB_NOTIFY_CLAIM_LEASE"] = "2m"
      extra["RJHUB_NOTIFY_SENDERS"] = "\(notificationSenders)"
    }
    let index = services.firstIndex(of: service) ?? 0
    return try ServiceProcess(
      service: service, port: basePort + index * 10 + replica,
      logName: "e2e-\(service)-\(area)-\(replica)-\(generation)", environment: extra)
  }

  /// Kills replica `replica` of every service with SIGKILL (no shutdown at all), waits for
  /// them to die, then starts them again on the same ports and waits until they are ready.
  func killAndRestart(replica: Int) async throws {
    let victims = processes.filter { $0.port % 10 == replica && $0.isRunning }
    for process in victims { process.send(SIGKILL) }
    for process in victims { _ = try await process.child.waitForExit(timeout: .seconds(30)) }
    let smtp = try TestServers.setting(named: "RJHUB_TEST_SMTP_URL")
    var replacements: [ServiceProcess] = []
    for process in victims {
      replacements.append(
        try Self.start(
          process.service, replica: replica, areas: servedAreas, basePort: basePort, smtp: smtp,
          generation: 1))
    }
    started.withLock { $0.append(contentsOf: replacements) }
    try await waitUntilReady(replacements)
  }

  /// A base port whose whole block (five services, ten ports each) is free now, below Linux's
  /// ephemeral range so that outgoing connections cannot take one meanwhile.
  static func freeBasePort() -> Int {
    while true {
      let base = Int.random(in: 200..<320) * 100
      if (0..<services.count * 10).allSatisfy({ ServiceProcess.isFree(base + $0) }) {
        return base
      }
    }
  }

  /// The HTTP port of `service`'s first replica.
  func port(_ service: String) -> Int {
    basePort + (Self.services.firstIndex(of: service) ?? 0) * 10
  }

  /// Waits until every running process answers /health/ready.
  func waitUntilReady(seconds: Double = 120) async throws {
    try await waitUntilReady(processes.filter { $0.isRunning }, seconds: seconds)
  }

  /// Waits until each of `processes` answers /health/ready.
  func waitUntilReady(_ processes: [ServiceProcess], seconds: Double = 120) async throws {
    for process in processes { try await process.waitUntilReady(seconds: seconds) }
  }

  /// Stops every process gracefully.
  func stop() async {
    for process in processes where process.isRunning { await process.stop() }
  }
}

enum HubTestError: Error, CustomStringConvertible {
  case timedOut(String)
  case http(Int, String)

  var description: String {
    switch self {
    case .timedOut(let what): "timed out waiting for \(what)"
    case .http(let status, let body): "HTTP \(status): \(body)"
    }
  }
}
