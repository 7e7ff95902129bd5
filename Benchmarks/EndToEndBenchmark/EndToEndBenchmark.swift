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
@main
struct EndToEndBenchmark {
  static func main() async throws {
    let arguments = CommandLine.arguments
    let count = arguments.count > 1 ? Int(arguments[1]) ?? 2_000 : 2_000
    let area = arguments.count > 2 ? arguments[2] : "norfolk"
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

    print("RJ Hub end-to-end benchmark: \(count) referrals for \(area), run \(run)")
    print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores")
    let consumer = Task {
      try await Observation.collect(observer, queue: observed, run: run, count: count)
    }
    var publishedAt: [String: ContinuousClock.Instant] = [:]
    let start = ContinuousClock.now
    for window in stride(from: 0, to: count, by: 100) {
      let ids = (window..<min(window + 100, count)).map { "BENCH-\(run)-\($0)" }
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
