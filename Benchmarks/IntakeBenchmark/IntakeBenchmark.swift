import AMQPClient
import EventContracts
import Foundation
import Logging
import TestSupport

/// Measures intake alone on a running hub (`Benchmarks/intake.sh` starts one): referrals
/// published as a police system would, in confirm windows of 100, a mix in every ten of seven
/// new valid referrals, one invalid (rejected with errors), one of the same crime from a
/// victim hub (linked to the open case) and one repeat; timed from publish to the answer on
/// the police reply queue. Prints answers per second and p50/p99 latencies. Nothing is
/// asserted. Arguments: `[count=2000] [area=norfolk]`.
@main
struct IntakeBenchmark {
  static func main() async throws {
    let arguments = CommandLine.arguments
    let count = arguments.count > 1 ? Int(arguments[1]) ?? 2_000 : 2_000
    let area = arguments.count > 2 ? arguments[2] : "norfolk"
    var logger = Logger(label: "rjhub.intake-benchmark")
    logger.logLevel = .error
    let run = String(UUID().uuidString.prefix(8)).lowercased()
    guard let policeURL = try TestServers.serviceEnvironment("police-publisher")["RJHUB_AMQP_URL"]
    else { fatalError("no provisioned police-publisher account: run infra/up.sh") }
    let police = AMQPConnection(
      configuration: try AMQPConfiguration(url: policeURL, connectionName: "intake-benchmark"),
      logger: logger)
    try await police.connect()
    let replies = "police.intake-benchmark.\(run)"
    try await police.declare(AMQPTopology(queues: [QueueDeclaration(name: replies)]))
    print("RJ Hub intake benchmark: \(count) submissions for \(area), run \(run)")
    print("mix per ten: 7 new, 1 invalid, 1 linked from a victim hub, 1 repeat")
    print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores")

    var publishedAt: [String: ContinuousClock.Instant] = [:]
    let start = ContinuousClock.now
    for window in stride(from: 0, to: count, by: 100) {
      let indices = Array(window..<min(window + 100, count))
      let now = ContinuousClock.now
      let messages = indices.map { index in
        publishedAt["\(run)-\(index)"] = now
        return Submission.message(index: index, run: run, area: area, replyTo: replies)
      }
      let outcomes = try await police.publish(messages)
      guard outcomes.allSatisfy({ $0 == .confirmed }) else { fatalError("unconfirmed") }
    }
    let published = ContinuousClock.now

    var answeredAt: [String: ContinuousClock.Instant] = [:]
    var outcomes: [String: Int] = [:]
    let deadline = ContinuousClock.now + .seconds(600)
    while answeredAt.count < count, ContinuousClock.now < deadline {
      guard let delivery = try await police.get(queue: replies) else {
        try await Task.sleep(for: .milliseconds(20))
        continue
      }
      await police.ack(delivery)
      guard let id = delivery.properties.correlationId, answeredAt[id] == nil else { continue }
      answeredAt[id] = ContinuousClock.now
      outcomes[Submission.outcome(of: delivery), default: 0] += 1
    }
    let last = answeredAt.values.max() ?? published
    let latencies = answeredAt.compactMap { id, at in
      publishedAt[id].map { milliseconds(at - $0) }
    }.sorted()
    print(
      String(
        format: "published in   %8.2f s  (%.0f submissions/s offered)",
        milliseconds(published - start) / 1000,
        Double(count) / (milliseconds(published - start) / 1000)))
    print(
      String(
        format: "answered       %8.1f submissions/s  (%d of %d in %.2f s, publish → answer)",
        Double(answeredAt.count) / (milliseconds(last - start) / 1000), answeredAt.count, count,
        milliseconds(last - start) / 1000))
    print("outcomes       \(outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" })")
    print(
      String(
        format: "answer latency p50 %8.1f ms   p99 %8.1f ms", percentile(latencies, 0.5),
        percentile(latencies, 0.99)))
    _ = try? await police.deleteQueue(replies)
    await police.close()
  }

  static func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000
      + Double(duration.components.attoseconds) / 1e15
  }

  /// The `fraction` percentile of sorted `values` (nearest rank).
  static func percentile(_ values: [Double], _ fraction: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let rank = Int((fraction * Double(values.count)).rounded(.up)) - 1
    return values[max(0, min(values.count - 1, rank))]
  }
}

/// The benchmark's synthetic submissions.
enum Submission {
  /// Submission `index` of `run`: by its place in each ten, new, invalid, linked or a repeat.
  static func message(index: Int, run: String, area: String, replyTo: String)
    -> OutgoingMessage
  {
    let kind = index % 10
    // The referral a linked or repeated one refers back to: the new one just before.
    let original = kind >= 8 ? index - (kind - 6) : index
    var body: [String: Any] = [
      "referralId": "BENCH-\(run)-\(original)", "sourceSystem": "benchmark-athena",
      "area": area, "submittedAt": "2026-11-30T09:30:00Z",
      "referrer": [
        "type": "police", "organisation": "Benchmark Constabulary", "name": "Bench Referrer",
        "email": "referrer.\(run).\(original)@example.org",
      ],
      "initiatedBy": "victim",
      "offence": [
        "category": "burglary", "occurredOn": "2026-11-01", "reportedToPolice": true,
        "crimeReference": "BENCH/\(run)/\(original)",
      ],
      "victim": [
        "name": "Bench Victim \(run) \(original)", "dateOfBirth": "1980-01-01",
        "email": "victim.\(run).\(original)@example.org", "preferredContact": "email",
        "safeToContact": true,
      ],
      "consentToShare": true,
    ]
    switch kind {
    case 7:
      body["referralId"] = "BENCH-\(run)-\(index)"
      body["victim"] = ["phone": "ring the desk", "safeToContact": true]
    case 8:
      body["referralId"] = "HUB-\(run)-\(index)"
      body["sourceSystem"] = "benchmark-victim-hub"
      body["referrer"] = ["type": "victim-hub", "organisation": "Benchmark Victim Care"]
    default:
      break
    }
    var properties = AMQPMessageProperties()
    properties.messageId = UUID().uuidString.lowercased()
    properties.correlationId = "\(run)-\(index)"
    properties.replyTo = replyTo
    properties.contentType = "application/json"
    properties.persistent = true
    return OutgoingMessage(
      exchange: EventExchange.referrals, routingKey: ReferralSubmission.routingKey,
      body: Array(try! JSONSerialization.data(withJSONObject: body)), properties: properties)
  }

  /// `accepted`, `linked`, `repeat` or `rejected`, from the answer.
  static func outcome(of delivery: Delivery) -> String {
    if delivery.properties.type == ReferralRejected.routingKey { return "rejected" }
    guard let answer = try? EventCoding.decode(ReferralAccepted.self, from: delivery.body) else {
      return "unreadable"
    }
    return answer.data.linkedToExistingCase ? "linked" : "accepted (new or repeat)"
  }
}
