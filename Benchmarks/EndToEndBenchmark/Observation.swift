import AMQPClient
import EventContracts
import Foundation

/// When each benchmark referral's case was opened and its referrer acknowledged, as seen on
/// `rj.events`.
struct Observation: Sendable {
  /// Referral id → when its `case.opened` arrived.
  var opened: [String: ContinuousClock.Instant] = [:]
  /// Referral id → when its acknowledgement's `notification.sent` arrived.
  var acknowledged: [String: ContinuousClock.Instant] = [:]

  /// Consumes `queue` until all `count` referrals of `run` are opened and acknowledged.
  static func collect(_ connection: AMQPConnection, queue: String, run: String, count: Int)
    async throws -> Observation
  {
    var observation = Observation()
    var caseToReferral: [String: String] = [:]
    var sentBeforeOpened: [String: ContinuousClock.Instant] = [:]
    let prefix = "BENCH-\(run)-"
    let consumer = try await connection.consume(queue: queue, prefetch: 500)
    for await delivery in consumer {
      let now = ContinuousClock.now
      if delivery.routingKey == CaseOpened.routingKey {
        let event = try EventCoding.decode(CaseOpened.self, from: delivery.body)
        if event.data.referralId.hasPrefix(prefix), observation.opened[event.data.referralId] == nil
        {
          observation.opened[event.data.referralId] = now
          caseToReferral[event.data.caseId] = event.data.referralId
          if let sent = sentBeforeOpened.removeValue(forKey: event.data.caseId) {
            observation.acknowledged[event.data.referralId] = sent
          }
        }
      } else {
        let event = try EventCoding.decode(NotificationSent.self, from: delivery.body)
        if event.data.purpose == .referrerAcknowledgement, let caseId = event.data.caseId {
          if let referral = caseToReferral[caseId] {
            if observation.acknowledged[referral] == nil {
              observation.acknowledged[referral] = now
            }
          } else {
            sentBeforeOpened[caseId] = now
          }
        }
      }
      await connection.ack(delivery)
      if observation.opened.count == count && observation.acknowledged.count == count { break }
    }
    await consumer.cancel()
    return observation
  }
}
