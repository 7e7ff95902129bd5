import EventContracts
import Foundation
import PostgresClient

/// The journey part of a case's view: its participants, consents, assessments,
/// interventions, agreements, surveys and support referrals, the stage changes with who made
/// them, time spent in each stage, and one timeline of everything in order. Personal data
/// (contact details, free text) only for case workers and supervisors; so are the
/// assessments' risk factors, needs and vulnerability, the surveys and the support
/// referrals (health and wellbeing): an allocated facilitator sees each participant's
/// suitability (outcome, conditions, sign-off) instead.
struct CaseJourneyView: Encodable, Sendable {
  var assignedTo: String?
  var closureReason: String?
  var participants: [CaseParticipant]
  var consents: [CaseConsent]
  /// Staff only.
  var assessments: [CaseAssessment]?
  /// Each assessment's conclusion, for everyone who may see the case.
  var suitability: [Suitability]
  var interventions: [CaseIntervention]
  var agreements: [CaseAgreement]
  /// Staff only.
  var surveys: [CaseSurvey]?
  /// Staff only.
  var supportReferrals: [CaseSupportReferral]?
  var stageChanges: [StageChangeStore.Change]
  /// Seconds in each stage so far (a stage entered twice adds up).
  var secondsInStage: [String: Int]
  /// Seconds open in all (not counting time closed or transferred), across reopenings.
  var secondsOpen: Int
  var reopenings: Int
  var timeline: [TimelineEntry]

  /// What one assessment concluded, without what it recorded about the person.
  struct Suitability: Encodable, Sendable {
    var assessmentId: String
    var participantId: String
    var outcome: AssessmentOutcome
    var conditions: [AssessmentCondition]
    var signedOffAt: Date?
  }

  /// One thing that happened to the case.
  struct TimelineEntry: Encodable, Sendable {
    var at: Date
    /// `stage-changed`, `consent-given`, `consent-withdrawn`, `assessment-completed`,
    /// `assessment-signed-off`, `intervention-planned`, `intervention-delivered`,
    /// `intervention-cancelled`, `agreement-made`, `survey-answered`, `support-referral`.
    var what: String
    /// The id of the record it is about.
    var id: String
    /// A code saying more (the stage, the kind, the outcome).
    var detail: String?
  }

  /// The view of case `journey`, read with `stores` at `now`.
  static func read(
    _ caseId: String, stores: CaseWorkStores, withPersonalData staff: Bool, now: Date,
    in session: PostgresSession
  ) throws -> CaseJourneyView? {
    guard let journey = try stores.cases.journey(caseId, in: session) else { return nil }
    let changes = try stores.stageChanges.changes(of: caseId, withReasons: staff, in: session)
    let consents = try stores.consents.consents(of: caseId, withPersonalData: staff, in: session)
    let assessments = try stores.assessments.assessments(
      of: caseId, withNotes: staff, in: session)
    let interventions = try stores.interventions.interventions(
      of: caseId, withPersonalData: staff, in: session)
    let agreements = try stores.agreements.agreements(
      of: caseId, withPersonalData: staff, in: session)
    var surveys = try stores.surveys.surveys(of: caseId, withPersonalData: staff, in: session)
    var referrals = try stores.supportReferrals.referrals(
      of: caseId, withPersonalData: staff, in: session)
    let history = StageHistory(
      referredAt: journey.receivedAt ?? changes.first?.changedAt ?? now,
      changes: changes.map {
        StageHistory.Change(to: $0.to, at: $0.changedAt, by: $0.changedBy, reason: $0.reason)
      })
    var timeline: [TimelineEntry] = changes.map {
      TimelineEntry(
        at: $0.changedAt, what: "stage-changed", id: "\($0.sequence)", detail: $0.to.rawValue)
    }
    for consent in consents {
      timeline.append(.init(at: consent.givenAt, what: "consent-given", id: consent.consentId))
      if let withdrawn = consent.withdrawnAt {
        timeline.append(.init(at: withdrawn, what: "consent-withdrawn", id: consent.consentId))
      }
    }
    for assessment in assessments {
      timeline.append(
        .init(
          at: assessment.completedAt, what: "assessment-completed", id: assessment.assessmentId,
          detail: assessment.outcome.rawValue))
      if let signed = assessment.signedOffAt {
        timeline.append(
          .init(at: signed, what: "assessment-signed-off", id: assessment.assessmentId))
      }
    }
    for intervention in interventions {
      timeline.append(
        .init(
          at: intervention.recordedAt, what: "intervention-planned",
          id: intervention.interventionId, detail: intervention.kind.rawValue))
      if let at = intervention.deliveredAt ?? intervention.cancelledAt {
        timeline.append(
          .init(
            at: at, what: "intervention-\(intervention.status.rawValue)",
            id: intervention.interventionId, detail: intervention.kind.rawValue))
      }
    }
    timeline += agreements.map {
      .init(at: $0.recordedAt, what: "agreement-made", id: $0.agreementId)
    }
    if !staff { (surveys, referrals) = ([], []) }
    timeline += surveys.map {
      .init(at: $0.answeredAt, what: "survey-answered", id: $0.surveyId, detail: $0.kind.rawValue)
    }
    timeline += referrals.map {
      .init(
        at: $0.referredAt, what: "support-referral", id: $0.supportReferralId,
        detail: $0.organisation.rawValue)
    }
    return CaseJourneyView(
      assignedTo: journey.assignedTo, closureReason: journey.closureReason,
      participants: try stores.participants.participants(
        of: caseId, withContact: staff, in: session),
      consents: consents, assessments: staff ? assessments : nil,
      suitability: assessments.map {
        Suitability(
          assessmentId: $0.assessmentId, participantId: $0.participantId, outcome: $0.outcome,
          conditions: $0.conditions, signedOffAt: $0.signedOffAt)
      }, interventions: interventions, agreements: agreements,
      surveys: staff ? surveys : nil, supportReferrals: staff ? referrals : nil,
      stageChanges: changes,
      secondsInStage: Dictionary(
        uniqueKeysWithValues: history.timeInStage(until: now).map {
          ($0.key.rawValue, Int($0.value))
        }),
      secondsOpen: Int(history.totalOpenTime(until: now)), reopenings: history.reopenings,
      timeline: timeline.sorted { ($0.at, $0.what) < ($1.at, $1.what) })
  }
}
