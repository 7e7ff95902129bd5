import EventContracts
import Foundation
import Hummingbird
import ServiceRuntime

/// A case's participants, their consent and referrals to support:
///
/// - `POST /cases/{caseId}/participants`: adds one (201).
/// - `PUT /cases/{caseId}/participants/{participantId}`: replaces their contact details and
///   safe-contact rules (200).
/// - `POST /cases/{caseId}/participants/{participantId}/consents`: their informed, written
///   consent (201; 409 `consent-not-informed` when they were not told what RJ is, that it is
///   voluntary and that they may withdraw, 409 `consent-already-given`).
/// - `POST /cases/{caseId}/participants/{participantId}/consent-withdrawal`: withdraws it at
///   once (201): the interventions they were to attend are cancelled, and the case cannot go
///   forward while they are part of it.
/// - `POST /cases/{caseId}/participants/{participantId}/support-referrals`: refers them to a
///   support service (201).
struct ParticipantRoutes: Sendable {
  let runner: CaseActionRunner
  let stores: CaseWorkStores

  /// The information a participant must have been given for consent to be informed.
  static let essentialInformation: [ConsentInformation] = [.whatRJIs, .voluntary, .rightToWithdraw]

  func register(on router: Router<BasicRequestContext>) {
    let participant = "/cases/{caseId}/participants/{participantId}"
    router.post("/cases/{caseId}/participants") { request, context in
      try await runner.perform(
        request, context: context, audit: .addParticipant,
        parse: { try ParticipantRequest.parse($0, adding: true) }
      ) { action, details in
        try stores.requireOpen(action)
        if let supported = details.supports {
          _ = try stores.participant(supported, in: action)
        }
        let added = details.participant(
          id: ParticipantStore.newId(caseId: action.caseId), at: action.now,
          by: action.caller.subject)
        try stores.participants.add(added, caseId: action.caseId, in: action.session)
        action.touchedFields = ParticipantRequest.contactFields
        return added
      }
    }
    router.put(RouterPath(participant)) { request, context in
      let participantId = try context.parameters.require("participantId")
      return try await runner.perform(
        request, context: context, audit: .updateParticipant, status: .ok,
        parse: { try ParticipantRequest.parse($0, adding: false) }
      ) { action, details in
        let existing = try stores.participant(participantId, in: action)
        var updated = details.participant(
          id: participantId, at: existing.addedAt, by: existing.addedBy)
        updated.role = existing.role
        updated.supports = existing.supports
        try stores.participants.update(updated, in: action.session)
        action.touchedFields = ParticipantRequest.contactFields
        return updated
      }
    }
    router.post(RouterPath(participant + "/consents")) { request, context in
      let participantId = try context.parameters.require("participantId")
      return try await runner.perform(
        request, context: context, audit: .recordConsent, parse: ConsentRequest.parse
      ) { action, consent in
        try giveConsent(&action, participantId: participantId, consent)
      }
    }
    router.post(RouterPath(participant + "/consent-withdrawal")) { request, context in
      let participantId = try context.parameters.require("participantId")
      return try await runner.perform(
        request, context: context, audit: .withdrawConsent,
        parse: { body in
          var fields = try RequestFields.parse(body)
          let note = fields.text("note")
          try fields.finish()
          return note
        }
      ) { action, note in
        try withdrawConsent(&action, participantId: participantId, note: note)
      }
    }
    router.post(RouterPath(participant + "/support-referrals")) { request, context in
      let participantId = try context.parameters.require("participantId")
      return try await runner.perform(
        request, context: context, audit: .referForSupport,
        parse: { body in
          var fields = try RequestFields.parse(body)
          let organisation = fields.choice("organisation", SupportOrganisation.self)
          let reason = fields.text("reason")
          try fields.finish()
          return (organisation ?? .other, reason)
        }
      ) { action, referral in
        let participant = try stores.participant(participantId, in: action)
        let made = CaseSupportReferral(
          supportReferralId: UUID().uuidString.lowercased(), participantId: participantId,
          organisation: referral.0, referredAt: action.now, referredBy: action.caller.subject,
          reason: referral.1)
        try stores.supportReferrals.record(made, caseId: action.caseId, in: action.session)
        try action.emit(
          SupportReferralMade(
            supportReferralId: made.supportReferralId, caseId: action.caseId,
            participant: participant.role, organisation: made.organisation,
            referredAt: action.now), purpose: "support-referral")
        if made.reason != nil { action.touchedFields = ["support-referral.reason"] }
        return made
      }
    }
  }

  func giveConsent(_ action: inout CaseAction, participantId: String, _ consent: ConsentRequest)
    throws -> CaseConsent
  {
    try stores.requireOpen(action)
    let participant = try stores.participant(participantId, in: action)
    let missing = Self.essentialInformation.filter { !consent.informationGiven.contains($0) }
    guard missing.isEmpty else {
      throw CaseRuleRefusal(
        path: "/informationGiven", rule: "consent-not-informed",
        message: "consent is informed only once the participant was told: "
          + missing.map(\.rawValue).joined(separator: ", "))
    }
    guard try stores.consents.standing(participantId, in: action.session) == nil else {
      throw CaseRuleRefusal(
        path: "", rule: "consent-already-given",
        message: "the participant's consent stands already")
    }
    guard consent.informedAt <= consent.givenAt, consent.givenAt <= action.now else {
      throw RequestValidationFailure(problems: [
        FieldProblem(
          path: "/givenAt", code: "invalid-value",
          message: "must be after informedAt and not in the future")
      ])
    }
    let given = CaseConsent(
      consentId: UUID().uuidString.lowercased(), participantId: participantId,
      informationGiven: consent.informationGiven, informedAt: consent.informedAt,
      evidence: consent.evidence, givenAt: consent.givenAt, recordedBy: action.caller.subject,
      evidenceReference: consent.evidenceReference)
    try stores.consents.give(given, caseId: action.caseId, in: action.session)
    try action.emit(
      ConsentGiven(
        consentId: given.consentId, caseId: action.caseId, participantId: participantId,
        participant: participant.role, informationGiven: given.informationGiven,
        informedAt: given.informedAt, evidence: given.evidence, givenAt: given.givenAt),
      purpose: "consent")
    action.touchedFields = ["consent.evidence-reference"]
    return given
  }

  func withdrawConsent(_ action: inout CaseAction, participantId: String, note: String?) throws
    -> [String: String]
  {
    let participant = try stores.participant(participantId, in: action)
    guard let consentId = try stores.consents.standing(participantId, in: action.session) else {
      throw CaseRuleRefusal(
        path: "", rule: "no-standing-consent", message: "the participant has no consent standing")
    }
    try stores.consents.withdraw(
      consentId, at: action.now, by: action.caller.subject, note: note, in: action.session)
    try action.emit(
      ConsentWithdrawn(
        consentId: consentId, caseId: action.caseId, participantId: participantId,
        participant: participant.role, stage: action.journey.stage, withdrawnAt: action.now),
      purpose: "consent-withdrawn")
    // The process stops for them at once: nothing they were to attend goes ahead.
    for planned in try stores.interventions.planned(
      attendedBy: participantId, of: action.caseId, in: action.session)
    {
      guard
        let cancelled = try stores.interventions.settle(
          planned.interventionId, as: .cancelled, at: action.now,
          reason: "consent withdrawn", in: action.session)
      else { continue }
      try action.emit(
        InterventionRoutes.event(cancelled, caseId: action.caseId, stores: stores, action: action),
        purpose: "intervention-\(cancelled.interventionId)-\(cancelled.revision)")
    }
    if note != nil { action.touchedFields = ["consent.withdrawal-note"] }
    return ["consentId": consentId, "participantId": participantId, "status": "withdrawn"]
  }
}

/// The body of adding or changing a participant.
struct ParticipantRequest {
  var role: Participant
  var supports: String?
  var safeToWrite: Bool
  var safeToCall: Bool
  var preferredChannel: PreferredContact?
  var language: String?
  var interpreterNeeded: Bool
  var contact: CaseParticipant.ContactDetails?

  /// The personal fields a participant's record holds.
  static let contactFields = [
    "participant.name", "participant.email", "participant.phone", "participant.address",
  ]

  static func parse(_ body: [UInt8], adding: Bool) throws -> ParticipantRequest {
    var fields = try RequestFields.parse(body)
    let role = adding ? fields.choice("role", Participant.self) : nil
    let supports = adding ? fields.text("supports") : nil
    if adding, role == .supporter, supports == nil {
      fields.problem("supports", "required", "required for a supporter: the participant supported")
    }
    let safeToWrite = fields.bool("safeToWrite") ?? false
    let safeToCall = fields.bool("safeToCall") ?? false
    let channel = fields.choice("preferredChannel", PreferredContact.self, required: false)
    let language = fields.text("language")
    if let language,
      language.range(of: "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", options: .regularExpression) == nil
    {
      fields.problem("language", "invalid-format", "must be a BCP 47 language tag, e.g. cy-GB")
    }
    // Said by the case worker, else derived from the language (``InterpreterNeed``).
    let interpreter =
      fields.bool("interpreterNeeded") ?? InterpreterNeed.derived(language: language)
    let contact = fields.object("contact") { contact in
      CaseParticipant.ContactDetails(
        name: contact.text("name"), email: contact.text("email"), phone: contact.text("phone"),
        address: contact.text("address"))
    }
    try fields.finish()
    return ParticipantRequest(
      role: role ?? .victim, supports: supports, safeToWrite: safeToWrite, safeToCall: safeToCall,
      preferredChannel: channel, language: language, interpreterNeeded: interpreter,
      contact: contact)
  }

  func participant(id: String, at: Date, by: String) -> CaseParticipant {
    CaseParticipant(
      participantId: id, role: role, supports: supports, safeToWrite: safeToWrite,
      safeToCall: safeToCall, preferredChannel: preferredChannel, language: language,
      interpreterNeeded: interpreterNeeded, addedAt: at, addedBy: by, contact: contact)
  }
}

/// The body of a consent.
struct ConsentRequest {
  var informationGiven: [ConsentInformation]
  var informedAt: Date
  var evidence: ConsentEvidence
  var evidenceReference: String
  var givenAt: Date

  static func parse(_ body: [UInt8]) throws -> ConsentRequest {
    var fields = try RequestFields.parse(body)
    let information = fields.choices("informationGiven", ConsentInformation.self, required: true)
    let informedAt = fields.instant("informedAt")
    let evidence = fields.choice("evidence", ConsentEvidence.self)
    let reference = fields.text("evidenceReference", required: true)
    let givenAt = fields.instant("givenAt")
    try fields.finish()
    guard let informedAt, let evidence, let reference, let givenAt else {
      throw RequestValidationFailure(problems: fields.problems)
    }
    return ConsentRequest(
      informationGiven: information, informedAt: informedAt, evidence: evidence,
      evidenceReference: reference, givenAt: givenAt)
  }
}
