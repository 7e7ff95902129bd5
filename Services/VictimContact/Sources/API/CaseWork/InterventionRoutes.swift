import EventContracts
import Foundation
import HubAreas
import Hummingbird
import ServiceRuntime

/// Interventions and preparation meetings, and the outcome agreements that come of them:
///
/// - `POST /cases/{caseId}/interventions` `{kind, plannedFor, attendees, facilitators, place}`
///   (201). Nothing between the parties before the assessment is signed off: only once the
///   case is in preparation or later (409 `assessment-not-signed-off`); every attendee must
///   have consent standing (409 `consent-required`) and a latest assessment signed off (by a
///   supervisor in a sensitive case) that found them suitable; a direct conference is refused
///   when an attendee's assessment allows indirect communication only (409 `indirect-only`);
///   every facilitator must be one allocated to the case (409 `facilitator-not-allocated`).
/// - `POST /cases/{caseId}/interventions/{interventionId}/delivery` and `/cancellation`
///   `{reason}` (kept for a cancellation): settles a planned one (201; 409 `not-planned`).
/// - `POST /cases/{caseId}/outcome-agreements` `{madeOn, items: [{kind, responsible, dueOn,
///   description}]}`: after an intervention was delivered (201; 409
///   `intervention-not-delivered`).
/// - `POST /cases/{caseId}/outcome-agreements/{agreementId}/items/{itemId}` `{status}`:
///   done or not done (201; 409 `item-settled`).
struct InterventionRoutes: Sendable {
  let runner: CaseActionRunner
  let stores: CaseWorkStores

  func register(on router: Router<BasicRequestContext>) {
    router.post("/cases/{caseId}/interventions") { request, context in
      try await runner.perform(
        request, context: context, audit: .recordIntervention, parse: InterventionRequest.parse
      ) { action, planned in
        try plan(&action, planned)
      }
    }
    for (path, status) in [
      ("delivery", InterventionStatus.delivered), ("cancellation", .cancelled),
    ] {
      router.post(RouterPath("/cases/{caseId}/interventions/{interventionId}/\(path)")) {
        request, context in
        let id = try context.parameters.require("interventionId")
        return try await runner.perform(
          request, context: context, audit: .recordIntervention,
          parse: { body in
            var fields = try RequestFields.parse(body.isEmpty ? Array("{}".utf8) : body)
            let reason = fields.text("reason")
            try fields.finish()
            return reason
          }
        ) { action, reason in
          try settle(&action, id: id, as: status, reason: reason)
        }
      }
    }
    router.post("/cases/{caseId}/outcome-agreements") { request, context in
      try await runner.perform(
        request, context: context, audit: .recordAgreement, parse: AgreementRequest.parse
      ) { action, agreement in
        try makeAgreement(&action, agreement)
      }
    }
    router.post("/cases/{caseId}/outcome-agreements/{agreementId}/items/{itemId}") {
      request, context in
      let agreementId = try context.parameters.require("agreementId")
      let itemId = try context.parameters.require("itemId")
      return try await runner.perform(
        request, context: context, audit: .recordAgreement,
        parse: { body in
          var fields = try RequestFields.parse(body)
          let status = fields.choice("status", AgreementItemStatus.self)
          if status == .open {
            fields.problem("status", "invalid-value", "must be done or not-done")
          }
          try fields.finish()
          return status ?? .done
        }
      ) { action, status in
        switch try stores.agreements.settle(
          item: itemId, of: agreementId, caseId: action.caseId, as: status,
          on: LondonDay.of(action.now), in: action.session)
        {
        case .settled: break
        case .alreadySettled:
          throw CaseRuleRefusal(
            path: "", rule: "item-settled", message: "the item is settled already")
        case .unknown:
          throw HTTPError(.notFound, message: "case \(action.caseId) has no such agreement item")
        }
        // The item's overdue task, if it raised one, is done with it.
        try action.emit(
          closedTasks: try stores.tasks.complete(
            [AgreementStore.overdueTaskId(caseId: action.caseId, itemId: itemId)],
            at: action.now, in: action.session))
        let agreement = try agreementEvent(agreementId, action)
        try action.emit(agreement, purpose: "agreement-\(agreementId)-\(agreement.revision)")
        return agreement
      }
    }
  }

  func plan(_ action: inout CaseAction, _ request: InterventionRequest) throws
    -> CaseIntervention
  {
    let stage = action.journey.stage
    guard stage.allowsContactBetweenParties else {
      throw CaseRuleRefusal(
        path: "", rule: StageMachine.Rule.assessmentNotSignedOff.rawValue,
        message: "no contact between the parties and no intervention before the assessment is "
          + "signed off and the case is in preparation (it is \(stage.rawValue))")
    }
    for (index, facilitator) in request.facilitators.enumerated() {
      guard try stores.facilitators.isAllocated(facilitator, to: action.caseId, in: action.session)
      else {
        throw CaseRuleRefusal(
          path: "/facilitators/\(index)", rule: "facilitator-not-allocated",
          message: "only facilitators allocated to the case (by facilitator matching) facilitate it"
        )
      }
    }
    var conditions: [AssessmentCondition] = []
    for (index, attendee) in request.attendees.enumerated() {
      _ = try stores.participant(attendee, in: action)
      guard try stores.consents.standing(attendee, in: action.session) != nil else {
        throw CaseRuleRefusal(
          path: "/attendees/\(index)", rule: StageMachine.Rule.consentRequired.rawValue,
          message: "every attendee must have consent standing")
      }
      let assessment = try stores.assessments.latest(
        of: attendee, in: action.caseId, session: action.session)
      if let refusal = Self.attendanceRule(assessment, sensitive: action.journey.isSensitive) {
        throw CaseRuleRefusal(
          path: "/attendees/\(index)", rule: refusal.rawValue,
          message: "every attendee's latest assessment: \(refusal.explanation)")
      }
      conditions += assessment?.conditions ?? []
    }
    if request.kind.isDirect && conditions.contains(.indirectOnly) {
      throw CaseRuleRefusal(
        path: "/kind", rule: "indirect-only",
        message: "an attendee's assessment allows indirect communication only")
    }
    let intervention = CaseIntervention(
      interventionId: UUID().uuidString.lowercased(), kind: request.kind,
      plannedFor: request.plannedFor, attendees: request.attendees,
      facilitators: request.facilitators, status: .planned, revision: 1,
      recordedAt: action.now, recordedBy: action.caller.subject, place: request.place)
    try stores.interventions.plan(intervention, caseId: action.caseId, in: action.session)
    try action.emit(
      try Self.event(intervention, caseId: action.caseId, stores: stores, action: action),
      purpose: "intervention")
    if request.place != nil { action.touchedFields = ["intervention.place"] }
    return intervention
  }

  /// What keeps a participant whose latest assessment is `assessment` from attending: none,
  /// unsigned, unsuitable, or (in a sensitive case) not signed off by a supervisor.
  static func attendanceRule(_ assessment: CaseAssessment?, sensitive: Bool) -> StageMachine.Rule? {
    guard let assessment, assessment.signedOffAt != nil else { return .assessmentNotSignedOff }
    if assessment.outcome == .unsuitable { return .unsuitable }
    if sensitive && assessment.signedOffRole != "supervisor" { return .supervisorSignOffRequired }
    return nil
  }

  func settle(
    _ action: inout CaseAction, id: String, as status: InterventionStatus, reason: String?
  ) throws -> CaseIntervention {
    guard try stores.interventions.intervention(id, of: action.caseId, in: action.session) != nil
    else { throw HTTPError(.notFound, message: "case \(action.caseId) has no intervention \(id)") }
    guard
      let settled = try stores.interventions.settle(
        id, as: status, at: action.now, reason: status == .cancelled ? reason : nil,
        in: action.session)
    else {
      throw CaseRuleRefusal(
        path: "", rule: "not-planned", message: "the intervention is not planned")
    }
    try action.emit(
      try Self.event(settled, caseId: action.caseId, stores: stores, action: action),
      purpose: "intervention-\(settled.revision)")
    if status == .cancelled && reason != nil {
      action.touchedFields = ["intervention.cancel-reason"]
    }
    return settled
  }

  func makeAgreement(_ action: inout CaseAction, _ request: AgreementRequest) throws
    -> OutcomeAgreementRecorded
  {
    let delivered = try stores.interventions.interventions(
      of: action.caseId, withPersonalData: false, in: action.session
    ).contains { $0.status == .delivered && $0.kind != .preparationMeeting }
    guard delivered else {
      throw CaseRuleRefusal(
        path: "", rule: StageMachine.Rule.notDelivered.rawValue,
        message: "an outcome agreement comes of a delivered intervention")
    }
    for (index, item) in request.items.enumerated() {
      guard
        try stores.participants.participant(
          item.responsible, of: action.caseId, in: action.session) != nil
      else {
        throw RequestValidationFailure(problems: [
          FieldProblem(
            path: "/items/\(index)/responsible", code: "invalid-value",
            message: "must be a participant of the case")
        ])
      }
    }
    let agreement = CaseAgreement(
      agreementId: UUID().uuidString.lowercased(), madeOn: request.madeOn, revision: 1,
      recordedAt: action.now, recordedBy: action.caller.subject,
      items: request.items.map {
        var item = $0
        item.itemId = UUID().uuidString.lowercased()
        return item
      })
    try stores.agreements.make(agreement, caseId: action.caseId, in: action.session)
    let event = try agreementEvent(agreement.agreementId, action)
    try action.emit(event, purpose: "agreement")
    action.touchedFields = ["agreement-item.description"]
    return event
  }

  /// The event of agreement `agreementId` as it now stands.
  func agreementEvent(_ agreementId: String, _ action: CaseAction) throws
    -> OutcomeAgreementRecorded
  {
    guard
      let agreement = try stores.agreements.agreement(
        agreementId, of: action.caseId, withPersonalData: false, in: action.session)
    else {
      throw HTTPError(.notFound, message: "case \(action.caseId) has no agreement \(agreementId)")
    }
    let roles = Dictionary(
      uniqueKeysWithValues: try stores.participants.participants(
        of: action.caseId, withContact: false, in: action.session
      ).map { ($0.participantId, $0.role) })
    return OutcomeAgreementRecorded(
      agreementId: agreementId, caseId: action.caseId, madeOn: agreement.madeOn,
      items: agreement.items.map {
        .init(
          itemId: $0.itemId, kind: $0.kind, responsible: roles[$0.responsible] ?? .offender,
          dueOn: $0.dueOn, status: $0.status, settledOn: $0.settledOn)
      }, revision: agreement.revision)
  }

  /// The event of `intervention` as it now stands (attendees by their part in the case).
  static func event(
    _ intervention: CaseIntervention, caseId: String, stores: CaseWorkStores, action: CaseAction
  ) throws -> InterventionRecorded {
    let roles = try intervention.attendees.compactMap {
      try stores.participants.participant($0, of: caseId, in: action.session)?.role
    }
    return InterventionRecorded(
      interventionId: intervention.interventionId, caseId: caseId, kind: intervention.kind,
      status: intervention.status, plannedFor: intervention.plannedFor,
      deliveredAt: intervention.deliveredAt, attendees: roles,
      facilitatorIds: intervention.facilitators, revision: intervention.revision)
  }
}

/// The body of an intervention or preparation meeting.
struct InterventionRequest {
  var kind: InterventionKind
  var plannedFor: Date
  var attendees: [String]
  var facilitators: [String]
  var place: String?

  static func parse(_ body: [UInt8]) throws -> InterventionRequest {
    var fields = try RequestFields.parse(body)
    let kind = fields.choice("kind", InterventionKind.self)
    let plannedFor = fields.instant("plannedFor")
    let attendees = fields.identifiers("attendees", required: true)
    let facilitators = fields.identifiers("facilitators", required: true)
    let place = fields.text("place")
    if kind == .preparationMeeting && attendees.count > 1 {
      fields.problem("attendees", "invalid-value", "a preparation meeting is with one participant")
    }
    if kind == .conference && place == nil {
      fields.problem("place", "required", "required for a conference")
    }
    try fields.finish()
    return InterventionRequest(
      kind: kind ?? .conference, plannedFor: plannedFor ?? Date(), attendees: attendees,
      facilitators: facilitators, place: place)
  }
}

/// The body of an outcome agreement.
struct AgreementRequest {
  var madeOn: CalendarDate
  var items: [CaseAgreement.Item]

  static func parse(_ body: [UInt8]) throws -> AgreementRequest {
    var fields = try RequestFields.parse(body)
    let madeOn = fields.date("madeOn")
    let items = fields.objects("items", required: true, maximum: 20) {
      (item: inout RequestFields) -> CaseAgreement.Item? in
      let kind = item.choice("kind", AgreementItemKind.self)
      let responsible = item.text("responsible", required: true)
      let dueOn = item.date("dueOn")
      let description = item.text("description", required: true)
      guard let kind, let responsible, let dueOn, let description else { return nil }
      return CaseAgreement.Item(
        itemId: "", kind: kind, responsible: responsible, dueOn: dueOn, status: .open,
        description: description)
    }
    try fields.finish()
    return AgreementRequest(
      madeOn: madeOn ?? CalendarDate(year: 2000, month: 1, day: 1)!, items: items)
  }
}
