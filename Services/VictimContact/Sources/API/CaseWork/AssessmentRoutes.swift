import AccessControl
import EventContracts
import Foundation
import Hummingbird
import ServiceRuntime

/// Risk and suitability assessments, per participant:
///
/// - `POST /cases/{caseId}/assessments`: a completed assessment (201). The participant must
///   have consented; the case must be in assessment (or later, for a reassessment).
/// - `POST /cases/{caseId}/assessments/{assessmentId}/sign-off`: signs it off (201), by
///   someone other than the assessor (409 `own-assessment`), and by a supervisor for a
///   sensitive case (409 `supervisor-sign-off-required`).
struct AssessmentRoutes: Sendable {
  let runner: CaseActionRunner
  let stores: CaseWorkStores

  /// Stages in which an assessment may be recorded.
  static let assessing: Set<CaseStage> = [.riskAssessment, .preparation, .intervention]

  func register(on router: Router<BasicRequestContext>) {
    router.post("/cases/{caseId}/assessments") { request, context in
      try await runner.perform(
        request, context: context, audit: .recordAssessment, parse: AssessmentRequest.parse
      ) { action, assessment in
        try complete(&action, assessment)
      }
    }
    router.post("/cases/{caseId}/assessments/{assessmentId}/sign-off") { request, context in
      let assessmentId = try context.parameters.require("assessmentId")
      return try await runner.perform(
        request, context: context, audit: .signOffAssessment, parse: CaseActionRunner.noBody
      ) { action, _ in
        try signOff(&action, assessmentId: assessmentId)
      }
    }
  }

  func complete(_ action: inout CaseAction, _ request: AssessmentRequest) throws
    -> CaseAssessment
  {
    guard Self.assessing.contains(action.journey.stage) else {
      throw CaseRuleRefusal(
        path: "", rule: "not-in-assessment",
        message: "an assessment is recorded once the case is in risk assessment")
    }
    let participant = try stores.participant(request.participantId, in: action)
    guard try stores.consents.standing(request.participantId, in: action.session) != nil else {
      throw CaseRuleRefusal(
        path: "/participantId", rule: StageMachine.Rule.consentRequired.rawValue,
        message: "the participant must consent before they are assessed")
    }
    if participant.role == .offender && request.acknowledgesResponsibility == nil {
      throw RequestValidationFailure(problems: [
        FieldProblem(
          path: "/acknowledgesResponsibility", code: "required",
          message: "required for an offender: true or false")
      ])
    }
    let assessment = CaseAssessment(
      assessmentId: UUID().uuidString.lowercased(), participantId: request.participantId,
      riskFactors: request.riskFactors,
      acknowledgesResponsibility: request.acknowledgesResponsibility,
      needs: request.needs, vulnerability: request.vulnerability, outcome: request.outcome,
      conditions: request.conditions, unsuitableReason: request.unsuitableReason,
      completedAt: action.now, completedBy: action.caller.subject, notes: request.notes)
    try stores.assessments.complete(assessment, caseId: action.caseId, in: action.session)
    try action.emit(event(assessment, participant.role, action), purpose: "assessment")
    if request.notes != nil { action.touchedFields = ["assessment.notes"] }
    return assessment
  }

  func signOff(_ action: inout CaseAction, assessmentId: String) throws -> CaseAssessment {
    guard
      var assessment = try stores.assessments.assessment(
        assessmentId, of: action.caseId, in: action.session)
    else {
      throw HTTPError(.notFound, message: "case \(action.caseId) has no assessment \(assessmentId)")
    }
    guard assessment.signedOffAt == nil else {
      throw CaseRuleRefusal(
        path: "", rule: "already-signed-off", message: "the assessment is signed off already")
    }
    guard assessment.completedBy != action.caller.subject else {
      throw CaseRuleRefusal(
        path: "", rule: "own-assessment",
        message: "an assessment is signed off by someone other than its assessor")
    }
    // A caller holding both roles signs off as the supervisor they are.
    let role: Role = action.caller.roles.contains(.supervisor) ? .supervisor : action.role
    if action.journey.isSensitive && role != .supervisor {
      throw CaseRuleRefusal(
        path: "", rule: StageMachine.Rule.supervisorSignOffRequired.rawValue,
        message: StageMachine.Rule.supervisorSignOffRequired.explanation)
    }
    try stores.assessments.signOff(
      assessmentId, at: action.now, by: action.caller.subject, role: role.rawValue,
      in: action.session)
    assessment.signedOffAt = action.now
    assessment.signedOffBy = action.caller.subject
    assessment.signedOffRole = role.rawValue
    assessment.notes = nil
    let participant = try stores.participant(assessment.participantId, in: action)
    try action.emit(event(assessment, participant.role, action), purpose: "assessment-sign-off")
    return assessment
  }

  func event(_ assessment: CaseAssessment, _ role: Participant, _ action: CaseAction)
    -> AssessmentRecorded
  {
    AssessmentRecorded(
      assessmentId: assessment.assessmentId, caseId: action.caseId,
      participantId: assessment.participantId, participant: role, outcome: assessment.outcome,
      conditions: assessment.conditions, unsuitableReason: assessment.unsuitableReason,
      completedAt: assessment.completedAt, signedOffAt: assessment.signedOffAt,
      signedOffRole: assessment.signedOffRole, revision: assessment.signedOffAt == nil ? 1 : 2)
  }
}

/// The body of an assessment.
struct AssessmentRequest {
  var participantId: String
  var riskFactors: [RiskFactor]
  var acknowledgesResponsibility: Bool?
  var needs: [ParticipantNeed]
  var vulnerability: Vulnerability
  var outcome: AssessmentOutcome
  var conditions: [AssessmentCondition]
  var unsuitableReason: UnsuitableReason?
  var notes: String?

  static func parse(_ body: [UInt8]) throws -> AssessmentRequest {
    var fields = try RequestFields.parse(body)
    let participantId = fields.text("participantId", required: true)
    let riskFactors = fields.choices("riskFactors", RiskFactor.self)
    let acknowledges = fields.bool("acknowledgesResponsibility")
    let needs = fields.choices("needs", ParticipantNeed.self)
    let vulnerability = fields.choice("vulnerability", Vulnerability.self)
    let outcome = fields.choice("outcome", AssessmentOutcome.self)
    let conditions = fields.choices("conditions", AssessmentCondition.self)
    let unsuitable = fields.choice("unsuitableReason", UnsuitableReason.self, required: false)
    let notes = fields.text("notes")
    if outcome == .unsuitable && unsuitable == nil {
      fields.problem("unsuitableReason", "required", "required when the outcome is unsuitable")
    }
    if outcome != .unsuitable && unsuitable != nil {
      fields.problem("unsuitableReason", "invalid-value", "only when the outcome is unsuitable")
    }
    if outcome == .suitableWithConditions && conditions.isEmpty {
      fields.problem("conditions", "required", "at least one for suitable-with-conditions")
    }
    if outcome != .suitableWithConditions && !conditions.isEmpty {
      fields.problem("conditions", "invalid-value", "only for suitable-with-conditions")
    }
    try fields.finish()
    return AssessmentRequest(
      participantId: participantId ?? "", riskFactors: riskFactors,
      acknowledgesResponsibility: acknowledges, needs: needs,
      vulnerability: vulnerability ?? .none, outcome: outcome ?? .unsuitable,
      conditions: conditions, unsuitableReason: unsuitable, notes: notes)
  }
}
