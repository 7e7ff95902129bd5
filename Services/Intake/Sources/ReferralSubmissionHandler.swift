import DurableMessaging
import EventContracts
import Foundation
import Logging
import Metrics
import PostgresClient

/// Handles referral submissions as police systems publish them (raw JSON bodies on
/// `rj.referrals`): validates each, keeps it, opens a case for a new valid referral, and
/// answers every submission — accepted (with the case id), accepted and linked to the open case
/// of the same victim and crime referred through another channel (``ReferralLinking``), accepted
/// again for a repeat of a referral already accepted (same case, nothing opened twice), or
/// rejected with every error.
///
/// Answers go to `rj.events`, and also straight to the sender's `reply_to` queue with its
/// `correlation_id` when it names a `police.*` queue (the only queues a police publisher can
/// own; any other reply address is ignored so that nobody can make intake write into a
/// service's queue).
struct ReferralSubmissionHandler: InboxHandler {
  let store: ReferralStore
  let validator: ReferralValidator
  let clock: @Sendable () -> Date

  /// How a submission was answered, for metrics and the submissions table.
  enum Outcome: String {
    case accepted, duplicate, linked, rejected
  }

  func handle(_ messages: [InboundMessage], context: InboxContext) throws {
    for message in messages { try handle(message, context: context) }
  }

  func handle(_ message: InboundMessage, context: InboxContext) throws {
    let receivedAt = clock()
    var submission: ReferralSubmission?
    var problems: [ReferralError]
    do {
      let decoded = try ReferralSubmission.decode(from: message.body)
      submission = decoded
      problems = validator.problems(in: decoded, receivedAt: receivedAt)
    } catch {
      problems = [
        ReferralError(
          path: "", code: ReferralError.Code.malformedJSON, message: "the body is not a JSON object"
        )
      ]
    }
    let session = context.session
    let outcome: Outcome
    if problems.isEmpty, let submission, let referral = ValidReferral(submission) {
      try store.lockReferral(
        sourceSystem: referral.sourceSystem, referralId: referral.referralId, in: session)
      if let earlier = try store.existingAnswer(
        sourceSystem: referral.sourceSystem, referralId: referral.referralId, in: session)
      {
        outcome = .duplicate
        try answer(
          message, accepted: referral, caseId: earlier.caseId, area: earlier.area,
          receivedAt: earlier.receivedAt, linked: earlier.linked, context: context)
        try store.recordSubmission(
          messageId: message.messageId, receivedAt: receivedAt, submission: submission,
          outcome: outcome.rawValue, caseId: earlier.caseId, errors: [], rawBody: message.body,
          in: session)
      } else if let link = try linkedCase(referral, session: session) {
        outcome = .linked
        try store.linkReferral(
          referral, to: link.caseId, matchedBy: link.matchedBy, receivedAt: receivedAt,
          in: session)
        try store.recordSubmission(
          messageId: message.messageId, receivedAt: receivedAt, submission: submission,
          outcome: outcome.rawValue, caseId: link.caseId, errors: [], rawBody: message.body,
          in: session)
        try answer(
          message, accepted: referral, caseId: link.caseId, area: referral.area,
          receivedAt: receivedAt, linked: true, context: context)
        let envelope = envelopeFields(message, area: referral.area, caseId: link.caseId)
        try context.emit(
          EventEnvelope(
            occurredAt: receivedAt, producer: IntakeService.name, area: referral.area,
            caseId: link.caseId, correlationId: envelope.correlation,
            causationId: envelope.causation,
            data: referral.referralLinked(caseId: link.caseId, matchedBy: link.matchedBy)),
          to: EventExchange.events)
      } else {
        outcome = .accepted
        let caseId = try store.nextCaseId(area: referral.area, receivedAt: receivedAt, in: session)
        try store.openCase(caseId, for: referral, receivedAt: receivedAt, in: session)
        try store.recordSubmission(
          messageId: message.messageId, receivedAt: receivedAt, submission: submission,
          outcome: outcome.rawValue, caseId: caseId, errors: [], rawBody: message.body,
          in: session)
        try answer(
          message, accepted: referral, caseId: caseId, area: referral.area,
          receivedAt: receivedAt, linked: false, context: context)
        let envelope = envelopeFields(message, area: referral.area, caseId: caseId)
        try context.emit(
          EventEnvelope(
            occurredAt: receivedAt, producer: IntakeService.name, area: referral.area,
            caseId: caseId, correlationId: envelope.correlation, causationId: envelope.causation,
            data: referral.caseOpened(caseId: caseId, receivedAt: receivedAt)),
          to: EventExchange.events)
        try context.emit(
          EventEnvelope(
            occurredAt: receivedAt, producer: IntakeService.name, area: referral.area,
            caseId: caseId, correlationId: envelope.correlation, causationId: envelope.causation,
            data: referral.contactDetails(caseId: caseId)),
          to: EventExchange.events)
      }
    } else {
      outcome = .rejected
      try store.recordSubmission(
        messageId: message.messageId, receivedAt: receivedAt, submission: submission,
        outcome: outcome.rawValue, caseId: nil, errors: problems, rawBody: message.body,
        in: session)
      try reject(
        message, submission: submission, problems: problems, receivedAt: receivedAt,
        context: context)
    }
    Counter(label: "rjhub_referrals_answered_total", dimensions: [("outcome", outcome.rawValue)])
      .increment()
    context.logger.info(
      "referral submission answered",
      metadata: [
        "message_id": "\(message.messageId)", "outcome": "\(outcome.rawValue)",
        "errors": "\(problems.map { "\($0.path) \($0.code)" }.joined(separator: "; "))",
      ])
  }

  /// The open case `referral` joins, when an earlier referral of the same victim and crime
  /// opened one; matching is serialised on the referral's keys until the transaction ends.
  func linkedCase(_ referral: ValidReferral, session: PostgresSession) throws -> (
    caseId: String, matchedBy: CaseReferralLinked.LinkMatch
  )? {
    let keys = store.matchKeys(of: referral)
    try store.lockMatchKeys(keys, area: referral.area, in: session)
    return try store.linkedCase(for: referral, keys: keys, in: session)
  }

  func answer(
    _ message: InboundMessage, accepted referral: ValidReferral, caseId: String, area: String,
    receivedAt: Date, linked: Bool, context: InboxContext
  ) throws {
    let fields = envelopeFields(message, area: area, caseId: caseId)
    let event = EventEnvelope(
      producer: IntakeService.name, area: area, caseId: caseId, correlationId: fields.correlation,
      causationId: fields.causation,
      data: ReferralAccepted(
        referralId: referral.referralId, sourceSystem: referral.sourceSystem, caseId: caseId,
        receivedAt: receivedAt, linkedToExistingCase: linked))
    try publish(event, replyingTo: message, context: context)
  }

  func reject(
    _ message: InboundMessage, submission: ReferralSubmission?, problems: [ReferralError],
    receivedAt: Date, context: InboxContext
  ) throws {
    // A rejected submission's area may itself be what is wrong: only a served area is used.
    let area = submission?.area.flatMap { validator.areas.contains($0) ? $0 : nil } ?? "unknown"
    let fields = envelopeFields(message, area: area, caseId: nil)
    let event = EventEnvelope(
      producer: IntakeService.name, area: area, correlationId: fields.correlation,
      causationId: fields.causation,
      data: ReferralRejected(
        referralId: submission?.referralId, sourceSystem: submission?.sourceSystem,
        receivedAt: receivedAt, errors: problems))
    try publish(event, replyingTo: message, context: context)
  }

  func publish<P: EventPayload>(
    _ event: EventEnvelope<P>, replyingTo message: InboundMessage, context: InboxContext
  ) throws {
    try context.emit(event, to: EventExchange.events)
    if let replyTo = message.properties.replyTo, replyTo.hasPrefix("police.") {
      context.emit(
        try OutboxMessage.reply(
          to: replyTo, correlationId: message.properties.correlationId, event: event))
    }
  }

  /// The envelope's correlation (the sender's, when it is a UUID) and causation (the
  /// submission's message id, when it is one).
  func envelopeFields(_ message: InboundMessage, area: String, caseId: String?)
    -> (correlation: UUID?, causation: UUID?)
  {
    (
      message.properties.correlationId.flatMap(UUID.init(uuidString:)),
      UUID(uuidString: message.messageId)
    )
  }
}
