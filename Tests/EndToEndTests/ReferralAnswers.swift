import AMQPClient
import EventContracts
import Foundation

/// The answers a police system received on its reply queue, by the correlation id of the
/// submission they answer. A relay may deliver an answer twice after a crash; the same
/// answer twice counts once, two different answers to one submission are kept for the test
/// to see.
struct ReferralAnswers {
  /// One answer: accepted with a case, or rejected with error paths.
  enum Answer: Hashable {
    case accepted(caseId: String)
    case rejected(paths: Set<String>)
  }

  private(set) var byCorrelation: [String: Set<Answer>] = [:]

  /// Takes in one reply.
  mutating func add(_ delivery: Delivery) throws {
    guard let correlation = delivery.properties.correlationId else {
      throw HubTestError.timedOut("a correlation id on every reply")
    }
    switch delivery.properties.type {
    case ReferralAccepted.routingKey:
      let event = try EventCoding.decode(ReferralAccepted.self, from: delivery.body)
      byCorrelation[correlation, default: []].insert(.accepted(caseId: event.data.caseId))
    case ReferralRejected.routingKey:
      let event = try EventCoding.decode(ReferralRejected.self, from: delivery.body)
      byCorrelation[correlation, default: []].insert(
        .rejected(paths: Set(event.data.errors.map(\.path))))
    default:
      throw HubTestError.timedOut("a reply typed accepted or rejected, not \(delivery.properties)")
    }
  }

  /// The single answer to `correlation`; nil when none or several different ones came.
  func answer(_ correlation: String) -> Answer? {
    guard let answers = byCorrelation[correlation], answers.count == 1 else { return nil }
    return answers.first
  }
}
