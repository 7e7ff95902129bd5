import AMQPClient
import Foundation
import TestSupport

/// The five services started as separate processes (one or more replicas each) for one
/// synthetic area, on free loopback ports, with their provisioned accounts.
final class HubUnderTest: Sendable {
  static let services = [
    "intake", "victim-contact", "facilitator-matching", "notifications", "reporting",
  ]

  let area: String
  let basePort: Int
  let processes: [HubProcess]

  /// Starts `replicas` processes of every service; intake serves only `area`.
  init(area: String, replicas: Int = 1) throws {
    self.area = area
    basePort = Int.random(in: 200..<400) * 100
    let smtp = try TestServers.setting(named: "RJHUB_TEST_SMTP_URL")
    var started: [HubProcess] = []
    for (index, service) in Self.services.enumerated() {
      for replica in 0..<replicas {
        var extra: [String: String] = ["RJHUB_RELAY_POLL_INTERVAL": "500ms"]
        if service == "intake" { extra["RJHUB_INTAKE_AREAS"] = area }
        if service == "notifications" { extra["RJHUB_SMTP_URL"] = smtp }
        started.append(
          try HubProcess(
            service: service, replica: "\(area)-\(replica)",
            httpPort: basePort + index * 10 + replica, extraEnvironment: extra))
      }
    }
    processes = started
  }

  /// The HTTP port of `service`'s first replica.
  func port(_ service: String) -> Int {
    basePort + (Self.services.firstIndex(of: service) ?? 0) * 10
  }

  /// Waits until every process answers /health/ready.
  func waitUntilReady(seconds: Double = 120) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    for process in processes {
      while true {
        if let (_, response) = try? await URLSession.shared.data(
          from: URL(string: "http://127.0.0.1:\(process.httpPort)/health/ready")!),
          (response as? HTTPURLResponse)?.statusCode == 200
        {
          break
        }
        if ContinuousClock.now > deadline || process.child.exitStatus() != nil {
          throw HubTestError.notReady(process.service, String(process.log().suffix(3000)))
        }
        try await Task.sleep(for: .milliseconds(200))
      }
    }
  }

  /// Stops every process gracefully.
  func stop() async {
    for process in processes { await process.stop() }
  }
}

enum HubTestError: Error, CustomStringConvertible {
  case notReady(String, String)
  case timedOut(String)
  case http(Int, String)

  var description: String {
    switch self {
    case .notReady(let service, let log): "\(service) never became ready; log ends:\n\(log)"
    case .timedOut(let what): "timed out waiting for \(what)"
    case .http(let status, let body): "HTTP \(status): \(body)"
    }
  }
}

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif
