import AMQPClient
import EventContracts
import Foundation
import Logging
import TestSupport

/// Measures the walking skeleton's path on a running hub (`Benchmarks/e2e.sh` starts one):
/// referrals published as a police system would, in confirm windows of 100, timed from
/// publish to `case.opened` (intake) and to the referrer's acknowledgement
/// `notification.sent` (victim-contact, then notifications through SMTP). Prints sustained
/// referrals per second and p50/p99 latencies. Nothing is asserted.
///
/// Arguments: `[count=2000] [area=norfolk] [rate=0]`. With rate 0 everything is published at
/// once, so the figures are the hub's capacity and the latencies those of a backlog; with a
/// rate (referrals per second, below capacity) referrals arrive paced, and the latencies are
/// what one referral sees on a hub that keeps up.
@main
struct EndToEndBenchmark {
  static func main() async throws {
    let arguments = CommandLine.arguments
    let count = arguments.count > 1 ? Int(arguments[1]) ?? 2_000 : 2_000
    let area = arguments.count > 2 ? arguments[2] : "norfolk"
    let rate = arguments.count > 3 ? Double(arguments[3]) ?? 0 : 0
    var logger = Logger(label: "rjhub.e2e-benchmark")
    logger.logLevel = .error
    let run = String(UUID().uuidString.prefix(8)).lowercased()

    let observer = AMQPConnection(
      configuration: try AMQPConfiguration(
        url: try TestServers.amqpURL(), connectionName: "e2e-benchmark-observer"),
      logger: logger)
    try await observer.connect()
    let observed = "e2e-benchmark.\(run)"
    try await observer.declare(
      AMQPTopology(
        queues: [QueueDeclaration(name: observed)],
        bindings: [CaseOpened.routingKey, NotificationSent.routingKey].map {
          QueueBinding(queue: observed, exchange: EventExchange.events, routingKey: $0)
        }))
    guard let policeURL = try TestServers.serviceEnvironment("police-publisher")["RJHUB_AMQP_URL"]
    else { fatalError("no provisioned police-publisher account: run infra/up.sh") }
    let police = AMQPConnection(
      configuration: try AMQPConfiguration(url: policeURL, connectionName: "e2e-benchmark"),
      logger: logger)
    try await police.connect()

    let pace = rate > 0 ? String(format: ", paced at %.0f/s", rate) : ", all at once"
    print("RJ Hub end-to-end benchmark: \(count) referrals for \(area)\(pace), run \(run)")
    print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores")
    let consumer = Task {
      try await Observation.collect(observer, queue: observed, run: run, count: count)
    }
    var publishedAt: [String: ContinuousClock.Instant] = [:]
    let start = ContinuousClock.now
    // Paced: windows of a tenth of a second's referrals, each sent on its schedule.
    let windowSize = rate > 0 ? max(1, min(100, Int(rate / 10))) : 100
    for window in stride(from: 0, to: count, by: windowSize) {
      if rate > 0 {
        let due = start + .seconds(Double(window) / rate)
        if due > ContinuousClock.now { try await Task.sleep(until: due) }
      }
      let ids = (window..<min(window + windowSize, count)).map { "BENCH-\(run)-\($0)" }
      let messages = ids.map { Referral.message(id: $0, area: area) }
      let now = ContinuousClock.now
      for id in ids { publishedAt[id] = now }
      let outcomes = try await police.publish(messages)
      guard outcomes.allSatisfy({ $0 == .confirmed }) else {
        fatalError("unconfirmed: \(outcomes)")
      }
    }
    let published = ContinuousClock.now
    let observation = try await consumer.value
    let report = Report(
      publishedAt: publishedAt, observation: observation, start: start, published: published)
    report.print(count: count)
    _ = try? await observer.deleteQueue(observed)
    await observer.close()
    await police.close()
  }
}
