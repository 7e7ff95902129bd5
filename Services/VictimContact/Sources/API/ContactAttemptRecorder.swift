import AccessControl
import DurableMessaging
import EventContracts
import Foundation
import Hummingbird
import PersonalData
import PostgresClient

/// Records a contact attempt and everything it moves, in the action's transaction: the
/// attempt, its `contact.recorded` event, the move to initial engagement (through
/// ``StageChanger``) with its `case.stage-changed` event, and on the victim's first agreement
/// the `facilitators.requested` event (see ``ContactAttemptRules``). The safe-contact rules
/// hold first (``SafeContactRule``): no letter or email to a participant who may not be
/// written to or has no address, no call without a safe number.
struct ContactAttemptRecorder: Sendable {
  let stores: CaseWorkStores
  let attempts: ContactAttemptStore
  let facilitators: FacilitatorStore
  /// Marks the participants' names and addresses for facilitator-matching's conflict check.
  let marks: ConflictOfInterestMarks

  /// What `POST /cases/{caseId}/contact-attempts` answers (201).
  struct Recorded: Encodable, Sendable {
    var attemptId: String
    var caseId: String
    var participant: String
    var participantId: String
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

  /// Records `attempt` as `action`.
  /// - Throws: HTTP 404 for an unknown participant, 409 naming the rule for an unsafe
  ///   channel or a participant the case does not have yet; database errors as they come.
  func record(_ attempt: ContactAttemptRequest, in action: inout CaseAction) throws -> Recorded {
    let journey = action.journey
    let caseId = journey.caseId
    let participant = try self.participant(for: attempt, in: action)
    if let refusal = SafeContactRule.refusal(of: attempt.channel, to: participant) {
      throw CaseRuleRefusal(path: "/channel", rule: refusal.rule, message: refusal.message)
    }
    let attemptId = UUID()
    try attempts.record(
      attempt, id: attemptId, caseId: caseId, attemptedAt: action.now,
      recordedBy: action.caller.subject, in: action.session)
    try action.emit(
      ContactRecorded(
        attemptId: attemptId.uuidString.lowercased(), caseId: caseId,
        participant: participant.role, outcome: attempt.outcome, channel: attempt.channel,
        attemptedAt: action.now), purpose: "contact-recorded-\(attemptId)")

    let rules = ContactAttemptRules(
      participant: participant.role, outcome: attempt.outcome, stage: journey.stage,
      victimAgreedBefore: journey.victimAgreed)
    var stage = journey.stage
    var sequence = journey.stageSequence
    if rules.engages {
      let moved = try stores.stages.move(
        journey, StageChanger.Request(to: .initialEngagement),
        by: StageChanger.Actor(subject: action.caller.subject, role: action.role.rawValue),
        at: action.now, calendar: stores.calendar(for: journey.area), in: action.session)
      (stage, sequence) = (moved.change.stage, moved.change.sequence)
      try action.emit(moved)
    }
    var requestId: String?
    if rules.victimAgreesFirstTime {
      let id = Self.facilitatorRequestId(caseId: caseId)
      requestId = id
      try stores.cases.markVictimAgreed(caseId, at: action.now, in: action.session)
      try facilitators.requested(id, caseId: caseId, at: action.now, in: action.session)
      let people = try stores.participants.participants(
        of: caseId, withContact: true, in: action.session)
      let languages = people.compactMap(\.language).filter { !$0.isEmpty }
      try action.emit(
        FacilitatorsRequested(
          requestId: id, caseId: caseId, district: journey.district,
          offenceCategory: journey.offenceCategory, language: journey.victimLanguage,
          bereavedFamily: journey.bereavedFamily, requestedAt: action.now,
          sensitivity: journey.sensitivity.isEmpty ? nil : journey.sensitivity,
          participantLanguages: languages.isEmpty ? nil : languages,
          youth: journey.youth ? true : nil,
          participantMarks: Self.marks(of: people, with: marks)),
        purpose: "facilitators-requested")
    }
    if rules.victimReached {
      try action.emit(
        closedTasks: stores.tasks.complete(
          [
            PlannedTask.id(caseId: caseId, kind: .contactVictim),
            PlannedTask.id(caseId: caseId, kind: .informVictim),
          ], at: action.now, in: action.session))
    }
    if attempt.notes != nil { action.touchedFields = ["contact-attempt.notes"] }
    return Recorded(
      attemptId: attemptId.uuidString.lowercased(), caseId: caseId,
      participant: participant.role.rawValue, participantId: participant.participantId,
      channel: attempt.channel.rawValue, outcome: attempt.outcome.rawValue,
      attemptedAt: action.now, stage: stage.rawValue, stageSequence: sequence,
      facilitatorRequestId: requestId)
  }

  /// The conflict-of-interest marks of `people`'s names and addresses, sorted; nil for none.
  static func marks(of people: [CaseParticipant], with marks: ConflictOfInterestMarks)
    -> [String]?
  {
    let found = Set(
      people.flatMap { marks.marks(name: $0.contact?.name, address: $0.contact?.address) })
    return found.isEmpty ? nil : found.sorted()
  }

  /// The participant contacted: the one named, else the case's first in the role given.
  func participant(for attempt: ContactAttemptRequest, in action: CaseAction) throws
    -> CaseParticipant
  {
    if let id = attempt.participantId { return try stores.participant(id, in: action) }
    guard
      let participant = try stores.participants.first(
        attempt.participant, of: action.caseId, in: action.session)
    else {
      throw CaseRuleRefusal(
        path: "/participant", rule: "unknown-participant",
        message: "the case has no \(attempt.participant.rawValue) yet: add them as a participant")
    }
    return participant
  }
}
