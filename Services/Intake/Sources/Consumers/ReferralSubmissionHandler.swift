import DurableMessaging
import EventContracts
import Foundation

/// Handles referral submissions as police systems publish them (raw JSON bodies on
/// `rj.referrals`) through ``ReferralReception``: each is kept and answered — accepted (with
/// the case id), linked to the open case of the same victim and crime, accepted again for a
/// repeat, or rejected with every error.
///
/// Answers go to `rj.events`, and also straight to the sender's `reply_to` queue with its
/// `correlation_id` when it names a `police.*` queue (the only queues a police publisher can
/// own; any other reply address is ignored so that nobody can make intake write into a
/// service's queue).
struct ReferralSubmissionHandler: InboxHandler {
  let reception: ReferralReception

  func handle(_ messages: [InboundMessage], context: InboxContext) throws {
    for message in messages {
      let replyTo = message.properties.replyTo.flatMap { $0.hasPrefix("police.") ? $0 : nil }
      let received = try reception.receive(
        IncomingReferral(
          body: message.body, submissionId: message.messageId,
          correlationId: message.properties.correlationId, replyTo: replyTo, channel: .amqp),
        in: context.session, logger: context.logger)
      for emitted in received.messages { context.emit(emitted) }
    }
  }
}
