import AMQPClient
import EventContracts
import Foundation
import Logging
import TestSupport

/// The benchmark's referrals, published as a police system would (confirm windows of 100).
enum Referrals {
  static func publish(count: Int, run: String, area: String) async throws {
    var logger = Logger(label: "rjhub.case-work-benchmark")
    logger.logLevel = .error
    guard let url = try TestServers.serviceEnvironment("police-publisher")["RJHUB_AMQP_URL"] else {
      fatalError("no provisioned police-publisher account: run infra/up.sh")
    }
    let police = AMQPConnection(
      configuration: try AMQPConfiguration(url: url, connectionName: "case-work-benchmark"),
      logger: logger)
    try await police.connect()
    let replies = "police.case-work-benchmark.\(run)"
    try await police.declare(AMQPTopology(queues: [QueueDeclaration(name: replies)]))
    for window in stride(from: 0, to: count, by: 100) {
      let messages = try (window..<min(window + 100, count)).map { index in
        var properties = AMQPMessageProperties()
        properties.messageId = UUID().uuidString.lowercased()
        properties.correlationId = "\(run)-\(index)"
        properties.replyTo = replies
        properties.contentType = "application/json"
        properties.persistent = true
        return OutgoingMessage(
          exchange: EventExchange.referrals, routingKey: ReferralSubmission.routingKey,
          body: Array(
            try JSONSerialization.data(withJSONObject: body(index, run: run, area: area))),
          properties: properties)
      }
      let outcomes = try await police.publish(messages)
      guard outcomes.allSatisfy({ $0 == .confirmed }) else { fatalError("unconfirmed") }
    }
    _ = try? await police.deleteQueue(replies)
    await police.close()
  }

  /// Referral `index` of `run`: a victim who prefers email and may be contacted.
  static func body(_ index: Int, run: String, area: String) -> [String: Any] {
    BenchmarkReferral.body(prefix: "CWB", index: index, run: run, area: area)
  }
}
