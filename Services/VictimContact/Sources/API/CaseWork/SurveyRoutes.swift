import EventContracts
import Foundation
import Hummingbird
import ServiceRuntime

/// `POST /cases/{caseId}/surveys` `{participantId, kind, point, measures?, satisfaction?,
/// testimonial?, testimonialConsent?}`: a survey's answers (201). Distance travelled is for
/// victims (and bereaved family members), on all four measures, at the start, the end or six
/// months after closure (only once the case is closed); satisfaction is for victims and
/// offenders, at the end. Each participant answers each survey once at each point (409
/// `already-answered`).
struct SurveyRoutes: Sendable {
  let runner: CaseActionRunner
  let stores: CaseWorkStores

  func register(on router: Router<BasicRequestContext>) {
    router.post("/cases/{caseId}/surveys") { request, context in
      try await runner.perform(
        request, context: context, audit: .recordSurvey, parse: SurveyRequest.parse
      ) { action, survey in
        try record(&action, survey)
      }
    }
  }

  func record(_ action: inout CaseAction, _ request: SurveyRequest) throws -> CaseSurvey {
    let participant = try stores.participant(request.participantId, in: action)
    switch request.kind {
    case .distanceTravelled where !participant.role.isVictim:
      throw CaseRuleRefusal(
        path: "/participantId", rule: "victims-only",
        message: "distance travelled is asked of victims and bereaved family members")
    case .satisfaction where participant.role == .supporter:
      throw CaseRuleRefusal(
        path: "/participantId", rule: "participants-only",
        message: "satisfaction is asked of victims and offenders")
    default: break
    }
    if request.point == .sixMonths && action.journey.stage != .closed {
      throw CaseRuleRefusal(
        path: "/point", rule: "case-not-closed",
        message: "the six-month survey follows the case's closure")
    }
    let survey = CaseSurvey(
      surveyId: UUID().uuidString.lowercased(), participantId: request.participantId,
      kind: request.kind, point: request.point, measures: request.measures,
      satisfaction: request.satisfaction, testimonialConsent: request.testimonialConsent,
      answeredAt: action.now, recordedBy: action.caller.subject, testimonial: request.testimonial)
    guard try stores.surveys.record(survey, caseId: action.caseId, in: action.session) else {
      throw CaseRuleRefusal(
        path: "", rule: "already-answered",
        message: "the participant answered this survey at this point already")
    }
    try action.emit(
      SurveyAnswered(
        surveyId: survey.surveyId, caseId: action.caseId, participantId: request.participantId,
        participant: participant.role, kind: survey.kind, point: survey.point,
        measures: survey.measures, satisfaction: survey.satisfaction,
        testimonialConsented: survey.testimonial != nil && survey.testimonialConsent,
        answeredAt: action.now), purpose: "survey")
    if survey.testimonial != nil { action.touchedFields = ["survey.testimonial"] }
    return survey
  }
}

/// The body of a survey's answers.
struct SurveyRequest {
  var participantId: String
  var kind: SurveyKind
  var point: SurveyPoint
  var measures: [String: Int]?
  var satisfaction: Int?
  var testimonial: String?
  var testimonialConsent: Bool

  static func parse(_ body: [UInt8]) throws -> SurveyRequest {
    var fields = try RequestFields.parse(body)
    let participantId = fields.text("participantId", required: true)
    let kind = fields.choice("kind", SurveyKind.self)
    let point = fields.choice("point", SurveyPoint.self)
    var measures: [String: Int]?
    var satisfaction: Int?
    switch kind {
    case .distanceTravelled:
      measures = fields.object("measures", required: true) { scores in
        var measures: [String: Int] = [:]
        for measure in DistanceMeasure.allCases {
          measures[measure.rawValue] = scores.integer(measure.rawValue, in: 1...5, required: true)
        }
        return measures
      }
    case .satisfaction:
      satisfaction = fields.integer("satisfaction", in: 1...5, required: true)
      if point != nil && point != .end {
        fields.problem("point", "invalid-value", "satisfaction is asked at the end")
      }
    case nil: break
    }
    let testimonial = fields.text("testimonial")
    let consent = fields.bool("testimonialConsent") ?? false
    try fields.finish()
    return SurveyRequest(
      participantId: participantId ?? "", kind: kind ?? .satisfaction, point: point ?? .end,
      measures: measures, satisfaction: satisfaction, testimonial: testimonial,
      testimonialConsent: consent)
  }
}
