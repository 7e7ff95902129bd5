import DurableMessaging
import EventContracts
import Foundation
import Logging
import Metrics
import PostgresClient

/// A referral submission as it arrived, from any channel.
struct IncomingReferral: Sendable {
  /// How it came in, for metrics and logs.
  enum Channel: String, Sendable {
    /// A police system publishing to `rj.referrals`.
    case amqp
    /// A partner agency's `POST /referrals`.
    case http
    /// A person's own referral through the public self-referral form.
    case form
    /// A case transferred from another area this deployment also serves.
    case transfer
    /// A case worker's correction of a kept submission (the review queue).
    case review
  }

  /// The raw body, exactly as sent.
  var body: [UInt8]
  /// Unique per submission: the AMQP message id, or the HTTP request's idempotency key.
  var submissionId: String
  /// The sender's correlation id, echoed on the answer.
  var correlationId: String?
  /// A police reply queue to answer on as well (already checked to be `police.*`).
  var replyTo: String?
  /// The channel.
  var channel: Channel
  /// The earlier submission this one corrects (the hub's review queue), if any.
  var corrects: String? = nil
}

/// What intake decided for one submission, and the messages that announce it.
struct ReceivedReferral: Sendable {
  /// How a submission was answered.
  enum Outcome: String, Sendable {
    case accepted, duplicate, linked, rejected
  }

  var outcome: Outcome
  /// The answer, as sent on `rj.events` (and to the reply queue).
  var answer: Answer
  /// Every message to commit with the decision: the answer, and for a new or linked case
  /// the events that announce it.
  var messages: [OutboxMessage]

  /// The answer to the sender.
  enum Answer: Sendable {
    case accepted(EventEnvelope<ReferralAccepted>)
    case rejected(EventEnvelope<ReferralRejected>)
  }
}

/// The one pipeline every channel's referrals go through, inside the caller's transaction:
/// decode and validate, keep the submission (rejected ones included), then answer a repeat
/// with its earlier case, link a referral of a victim and crime the hub already has to that
/// case, or open a new one — so a referral from any channel yields the same events.
struct ReferralReception: Sendable {
  let store: ReferralStore
  let validator: ReferralValidator
  let clock: @Sendable () -> Date

  func receive(_ incoming: IncomingReferral, in session: PostgresSession, logger: Logger)
    throws -> ReceivedReferral
  {
    let receivedAt = clock()
    var submission: ReferralSubmission?
    var problems: [ReferralError]
    do {
      let decoded = try ReferralSubmission.decode(from: incoming.body)
      submission = decoded
      problems = validator.problems(in: decoded, receivedAt: receivedAt)
    } catch {
      problems = [
        ReferralError(
          path: "", code: ReferralError.Code.malformedJSON, message: "the body is not a JSON object"
        )
      ]
    }
    var emitted = Emitted(incoming: incoming)
    let decision: (ReceivedReferral.Outcome, ReceivedReferral.Answer)
    if problems.isEmpty, let submission, let referral = ValidReferral(submission) {
      decision = try accept(
        referral, incoming: incoming, receivedAt: receivedAt, emitted: &emitted, in: session)
    } else {
      try store.recordSubmission(
        messageId: incoming.submissionId, receivedAt: receivedAt, submission: submission,
        outcome: ReceivedReferral.Outcome.rejected.rawValue, caseId: nil, errors: problems,
        rawBody: incoming.body, corrects: incoming.corrects, in: session)
      decision = (
        .rejected,
        .rejected(
          try emitted.answer(
            rejecting: submission, problems: problems, receivedAt: receivedAt,
            servedAreas: validator.areas))
      )
    }
    Counter(
      label: "rjhub_referrals_answered_total",
      dimensions: [("outcome", decision.0.rawValue), ("channel", incoming.channel.rawValue)]
    ).increment()
    logger.info(
      "referral submission answered",
      metadata: [
        "submission_id": "\(incoming.submissionId)", "channel": "\(incoming.channel.rawValue)",
        "outcome": "\(decision.0.rawValue)",
        "errors": "\(problems.map { "\($0.path) \($0.code)" }.joined(separator: "; "))",
      ])
    return ReceivedReferral(outcome: decision.0, answer: decision.1, messages: emitted.messages)
  }

  /// A valid referral: its earlier answer, a link to the open case of the same victim and
  /// crime, or a new case.
  func accept(
    _ referral: ValidReferral, incoming: IncomingReferral, receivedAt: Date,
    emitted: inout Emitted, in session: PostgresSession
  ) throws -> (ReceivedReferral.Outcome, ReceivedReferral.Answer) {
    try store.lockReferral(
      sourceSystem: referral.sourceSystem, referralId: referral.referralId, in: session)
    // The keyed hashes are computed once: matching, the referral row and the submission use them.
    let keys = store.matchKeys(of: referral)
    let outcome: ReceivedReferral.Outcome
    let caseId: String
    let answer: EventEnvelope<ReferralAccepted>
    var flags = ReferralFlags()
    let earlier = try store.existingAnswer(
      sourceSystem: referral.sourceSystem, referralId: referral.referralId, in: session)
    let match = earlier == nil ? try caseMatch(referral, keys: keys, session: session) : nil
    if let earlier {
      (outcome, caseId) = (.duplicate, earlier.caseId)
      answer = try emitted.answer(
        accepting: referral, caseId: caseId, area: earlier.area, receivedAt: earlier.receivedAt,
        linked: earlier.linked)
    } else if let link = match, link.isWorked {
      (outcome, caseId) = (.linked, link.caseId)
      try store.linkReferral(
        referral, to: caseId, matchedBy: link.matchedBy, keys: keys, receivedAt: receivedAt,
        in: session)
      answer = try emitted.answer(
        accepting: referral, caseId: caseId, area: referral.area, receivedAt: receivedAt,
        linked: true)
      try emitted.event(
        referral.referralLinked(caseId: caseId, matchedBy: link.matchedBy), area: referral.area,
        caseId: caseId, at: receivedAt)
    } else {
      // A new case; linked to the ended case of the same victim and crime, when there is one.
      outcome = .accepted
      let previousCaseId = match?.caseId
      caseId = try store.nextCaseId(area: referral.area, receivedAt: receivedAt, in: session)
      try store.openCase(
        caseId, for: referral, keys: keys, receivedAt: receivedAt, previousCaseId: previousCaseId,
        in: session)
      answer = try emitted.answer(
        accepting: referral, caseId: caseId, area: referral.area, receivedAt: receivedAt,
        linked: false)
      try emitted.event(
        referral.caseOpened(
          caseId: caseId, receivedAt: receivedAt, previousCaseId: previousCaseId),
        area: referral.area, caseId: caseId, at: receivedAt)
      try emitted.event(
        referral.contactDetails(caseId: caseId), area: referral.area, caseId: caseId,
        at: receivedAt)
      flags = try ReferralFlags.of(
        referral, caseId: caseId, keys: keys, receivedAt: receivedAt, store: store, in: session)
    }
    try store.recordSubmission(
      messageId: incoming.submissionId, receivedAt: receivedAt, submission: referral.submission,
      outcome: outcome.rawValue, caseId: caseId, errors: [], rawBody: incoming.body,
      corrects: incoming.corrects, keys: keys, flags: flags, in: session)
    return (outcome, .accepted(answer))
  }

  /// The case of the same victim and crime an earlier referral opened, worked or ended;
  /// matching is serialised on the referral's keys until the transaction ends.
  func caseMatch(_ referral: ValidReferral, keys: MatchKeys, session: PostgresSession) throws
    -> CaseMatch?
  {
    try store.lockMatchKeys(keys, area: referral.area, in: session)
    return try store.caseMatch(for: referral, keys: keys, in: session)
  }
}

/// The messages one submission's decision emits, with the envelope fields they share: the
/// sender's correlation (when it is a UUID) and the submission as their cause.
struct Emitted {
  let incoming: IncomingReferral
  var messages: [OutboxMessage] = []

  var correlation: UUID? { incoming.correlationId.flatMap(UUID.init(uuidString:)) }
  var causation: UUID? { UUID(uuidString: incoming.submissionId) }

  /// An event about case `caseId` for `rj.events`.
  mutating func event<P: EventPayload>(_ data: P, area: String, caseId: String, at: Date) throws {
    messages.append(
      try origin(area: area, caseId: caseId, at: at).message(data, purpose: P.routingKey))
  }

  /// Where the submission's events come from: intake, the sender's correlation and the
  /// submission as their cause. Their ids are fresh: the inbox already makes a submission's
  /// decision once-only.
  func origin(area: String, caseId: String? = nil, at: Date = Date()) -> EventOrigin {
    EventOrigin(
      producer: IntakeService.name, area: area, caseId: caseId, correlationId: correlation,
      causationId: causation, now: at)
  }

  /// The acceptance, on `rj.events` and the reply queue.
  mutating func answer(
    accepting referral: ValidReferral, caseId: String, area: String, receivedAt: Date,
    linked: Bool
  ) throws -> EventEnvelope<ReferralAccepted> {
    let event = origin(area: area, caseId: caseId).envelope(
      ReferralAccepted(
        referralId: referral.referralId, sourceSystem: referral.sourceSystem, caseId: caseId,
        receivedAt: receivedAt, linkedToExistingCase: linked),
      purpose: ReferralAccepted.routingKey)
    try publish(event)
    return event
  }

  /// The rejection, on `rj.events` and the reply queue. A rejected submission's area may itself
  /// be what is wrong: only a served area is used.
  mutating func answer(
    rejecting submission: ReferralSubmission?, problems: [ReferralError], receivedAt: Date,
    servedAreas: Set<String>
  ) throws -> EventEnvelope<ReferralRejected> {
    let area = submission?.area.flatMap { servedAreas.contains($0) ? $0 : nil } ?? "unknown"
    let event = origin(area: area).envelope(
      ReferralRejected(
        referralId: submission?.referralId, sourceSystem: submission?.sourceSystem,
        receivedAt: receivedAt, errors: problems),
      purpose: ReferralRejected.routingKey)
    try publish(event)
    return event
  }

  private mutating func publish<P: EventPayload>(_ event: EventEnvelope<P>) throws {
    messages.append(try OutboxMessage(event: event, exchange: EventExchange.events))
    if let replyTo = incoming.replyTo {
      messages.append(
        try OutboxMessage.reply(
          to: replyTo, correlationId: incoming.correlationId, event: event))
    }
  }
}
