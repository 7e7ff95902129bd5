import AccessControl
import DurableMessaging
import EventContracts
import Foundation
import Hummingbird
import PostgresClient

/// Records a contact attempt and everything it moves, in one transaction: the attempt, its
/// `contact.recorded` event, stage changes with their `case.stage-changed` events, and on the
/// victim's first agreement the `facilitators.requested` event (see ``ContactAttemptRules``).
struct ContactAttemptRecorder: Sendable {
  let cases: CaseStore
  let tasks: TaskStore
  let attempts: ContactAttemptStore
  let facilitators: FacilitatorStore
  let accessLog: PersonalDataAccessLog
  let outbox: Outbox

  /// What `POST /cases/{caseId}/contact-attempts` answers (201).
  struct Recorded: Encodable, Sendable {
    var attemptId: String
    var caseId: String
    var participant: String
    var channel: String
    var outcome: String
    var attemptedAt: Date
    /// The case's stage after the attempt.
    var stage: String
    /// The case's stage changes so far.
    var stageSequence: Int
    /// The facilitator request this attempt made, if it made one.
    var facilitatorRequestId: String?
  }

  /// The id of case `caseId`'s (one) request for facilitators.
  static func facilitatorRequestId(caseId: String) -> String { "\(caseId)/facilitators" }

  /// Records `attempt` on case `caseId` for `caller` at `now`.
  /// - Throws: HTTP 404 for a case never opened here, 403 for a case outside the caller's
  ///   areas; database errors as they come.
  func record(
    _ attempt: ContactAttemptRequest, caseId: String, caller: AccessToken, now: Date,
    in session: PostgresSession
  ) throws -> Recorded {
    guard let journey = try cases.lockJourney(caseId, in: session) else {
      throw HTTPError(.notFound, message: "no case \(caseId)")
    }
    try caller.requireArea(journey.area)
    let attemptId = UUID()
    try attempts.record(
      attempt, id: attemptId, caseId: caseId, attemptedAt: now, recordedBy: caller.subject,
      in: session)
    let envelope = EnvelopeFactory(
      area: journey.area, caseId: caseId, attemptId: attemptId, now: now)
    var messages = [
      try OutboxMessage(
        event: envelope.make(
          ContactRecorded(
            attemptId: attemptId.uuidString.lowercased(), caseId: caseId,
            participant: attempt.participant, outcome: attempt.outcome,
            channel: attempt.channel, attemptedAt: now), purpose: "contact-recorded"),
        exchange: EventExchange.events)
    ]

    let rules = ContactAttemptRules(
      participant: attempt.participant, outcome: attempt.outcome, stage: journey.stage,
      victimAgreedBefore: journey.victimAgreed)
    var sequence = journey.stageSequence
    var stage = journey.stage
    for move in rules.stageMoves {
      sequence += 1
      stage = move.to
      try cases.moveStage(caseId, to: move.to, sequence: sequence, at: now, in: session)
      messages.append(
        try OutboxMessage(
          event: envelope.make(
            CaseStageChanged(
              caseId: caseId, stage: move.to, previousStage: move.from, sequence: sequence,
              changedAt: now), purpose: "stage-\(sequence)"),
          exchange: EventExchange.events))
    }
    var requestId: String?
    if rules.victimAgreesFirstTime {
      let id = Self.facilitatorRequestId(caseId: caseId)
      requestId = id
      try cases.markVictimAgreed(caseId, at: now, in: session)
      try facilitators.requested(id, caseId: caseId, at: now, in: session)
      messages.append(
        try OutboxMessage(
          event: envelope.make(
            FacilitatorsRequested(
              requestId: id, caseId: caseId, district: journey.district,
              offenceCategory: journey.offenceCategory, language: journey.victimLanguage,
              bereavedFamily: journey.bereavedFamily, requestedAt: now,
              sensitivity: journey.sensitivity.isEmpty ? nil : journey.sensitivity),
            purpose: "facilitators-requested"),
          exchange: EventExchange.events))
    }
    if rules.victimReached {
      try tasks.complete(
        [
          PlannedTask.id(caseId: caseId, kind: .contactVictim),
          PlannedTask.id(caseId: caseId, kind: .informVictim),
        ], at: now, in: session)
    }
    try outbox.enqueue(messages, in: session)
    try accessLog.record(
      .recordContactAttempt, by: caller, actingAs: CaseRoutes.staff, caseId: caseId,
      fields: attempt.notes == nil ? [] : ["contact-attempt.notes"], in: session)
    return Recorded(
      attemptId: attemptId.uuidString.lowercased(), caseId: caseId,
      participant: attempt.participant.rawValue, channel: attempt.channel.rawValue,
      outcome: attempt.outcome.rawValue, attemptedAt: now, stage: stage.rawValue,
      stageSequence: sequence, facilitatorRequestId: requestId)
  }

  /// Envelopes of one attempt's events: correlated by the attempt id, with ids derived from
  /// it.
  struct EnvelopeFactory {
    var area: String
    var caseId: String
    var attemptId: UUID
    var now: Date

    func make<P: EventPayload>(_ data: P, purpose: String) -> EventEnvelope<P> {
      EventEnvelope(
        id: DerivedMessageID.make(from: attemptId, purpose: purpose), occurredAt: now,
        producer: VictimContactService.name, area: area, caseId: caseId,
        correlationId: attemptId, data: data)
    }
  }
}
