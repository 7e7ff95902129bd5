import EventContracts
import Foundation

/// Samples of the events of a case worker's work on a case (issue 6): consent, assessment,
/// interventions, agreements, surveys, complaints and support referrals. Synthetic data only.
extension EventSamples {
  static let victimParticipantId = "\(caseId).victim"
  static let offenderParticipantId = "\(caseId).3f9a0c12"

  /// The victim's informed, written consent.
  public static var consentGiven: [EventEnvelope<ConsentGiven>] {
    [
      journeyEvent(
        "a1b2c3d4-0001-4a00-8000-000000000001", producer: "victim-contact", after: 172_800,
        ConsentGiven(
          consentId: "5b1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5", caseId: caseId,
          participantId: victimParticipantId, participant: .victim,
          informationGiven: ConsentInformation.allCases,
          informedAt: receivedAt.addingTimeInterval(86_400), evidence: .signedForm,
          givenAt: receivedAt.addingTimeInterval(172_800)))
    ]
  }

  /// The offender withdraws consent during preparation.
  public static var consentWithdrawn: [EventEnvelope<ConsentWithdrawn>] {
    [
      journeyEvent(
        "a1b2c3d4-0002-4a00-8000-000000000002", producer: "victim-contact", after: 604_800,
        ConsentWithdrawn(
          consentId: "6c2e3f4a-5b6c-4d7e-8f80-91a2b3c4d5e6", caseId: caseId,
          participantId: offenderParticipantId, participant: .offender, stage: .preparation,
          withdrawnAt: receivedAt.addingTimeInterval(604_800)))
    ]
  }

  /// The victim's assessment: suitable, indirect only, signed off by a supervisor.
  public static var assessmentRecorded: [EventEnvelope<AssessmentRecorded>] {
    [
      journeyEvent(
        "a1b2c3d4-0003-4a00-8000-000000000003", producer: "victim-contact", after: 259_200,
        AssessmentRecorded(
          assessmentId: "7d3f4a5b-6c7d-4e8f-9091-a2b3c4d5e6f7", caseId: caseId,
          participantId: victimParticipantId, participant: .victim,
          outcome: .suitableWithConditions, conditions: [.indirectOnly], unsuitableReason: nil,
          completedAt: receivedAt.addingTimeInterval(259_200),
          signedOffAt: receivedAt.addingTimeInterval(345_600), signedOffRole: "supervisor",
          revision: 2))
    ]
  }

  /// A shuttle communication, delivered.
  public static var interventionRecorded: [EventEnvelope<InterventionRecorded>] {
    [
      journeyEvent(
        "a1b2c3d4-0004-4a00-8000-000000000004", producer: "victim-contact", after: 1_209_600,
        InterventionRecorded(
          interventionId: "8e4a5b6c-7d8e-4f90-a1b2-c3d4e5f60718", caseId: caseId,
          kind: .shuttle, status: .delivered, plannedFor: receivedAt.addingTimeInterval(1_036_800),
          deliveredAt: receivedAt.addingTimeInterval(1_209_600), attendees: [.victim, .offender],
          facilitatorIds: ["FAC-0042", "FAC-0043"], revision: 2))
    ]
  }

  /// An outcome agreement with an apology done and reparation still open.
  public static var outcomeAgreementRecorded: [EventEnvelope<OutcomeAgreementRecorded>] {
    [
      journeyEvent(
        "a1b2c3d4-0005-4a00-8000-000000000005", producer: "victim-contact", after: 1_296_000,
        OutcomeAgreementRecorded(
          agreementId: "9f5b6c7d-8e9f-4a01-b2c3-d4e5f6071829", caseId: caseId,
          madeOn: CalendarDate(year: 2025, month: 3, day: 20)!,
          items: [
            .init(
              itemId: "0a6c7d8e-9fa0-4b12-83d4-e5f60718293a", kind: .apology,
              responsible: .offender, dueOn: CalendarDate(year: 2025, month: 3, day: 27)!,
              status: .done, settledOn: CalendarDate(year: 2025, month: 3, day: 25)!),
            .init(
              itemId: "1b7d8e9f-a0b1-4c23-94e5-f60718293a4b", kind: .reparation,
              responsible: .offender, dueOn: CalendarDate(year: 2025, month: 5, day: 30)!,
              status: .open, settledOn: nil),
          ], revision: 2))
    ]
  }

  /// The victim's distance-travelled answers at the start, and an offender's satisfaction.
  public static var surveyAnswered: [EventEnvelope<SurveyAnswered>] {
    [
      journeyEvent(
        "a1b2c3d4-0006-4a00-8000-000000000006", producer: "victim-contact", after: 259_200,
        SurveyAnswered(
          surveyId: "2c8e9fa0-b1c2-4d34-a5f6-0718293a4b5c", caseId: caseId,
          participantId: victimParticipantId, participant: .victim, kind: .distanceTravelled,
          point: .start,
          measures: [
            "health-and-wellbeing": 2, "coping-with-everyday-life": 3, "feeling-safe": 1,
            "informed-and-empowered": 2,
          ], satisfaction: nil, testimonialConsented: false,
          answeredAt: receivedAt.addingTimeInterval(259_200))),
      journeyEvent(
        "a1b2c3d4-0007-4a00-8000-000000000007", producer: "victim-contact", after: 1_900_800,
        SurveyAnswered(
          surveyId: "3d9fa0b1-c2d3-4e45-b607-18293a4b5c6d", caseId: caseId,
          participantId: offenderParticipantId, participant: .offender, kind: .satisfaction,
          point: .end, measures: nil, satisfaction: 4, testimonialConsented: true,
          answeredAt: receivedAt.addingTimeInterval(1_900_800))),
    ]
  }

  /// A complaint about the case, answered within 28 days.
  public static var complaintRecorded: [EventEnvelope<ComplaintRecorded>] {
    [
      journeyEvent(
        "a1b2c3d4-0008-4a00-8000-000000000008", producer: "victim-contact", after: 2_000_000,
        ComplaintRecorded(
          complaintId: "4ea0b1c2-d3e4-4f56-8718-293a4b5c6d7e", caseId: caseId,
          receivedAt: receivedAt.addingTimeInterval(1_900_000),
          respondBy: CalendarDate(year: 2025, month: 4, day: 22)!, status: .responded,
          acknowledgedAt: receivedAt.addingTimeInterval(1_950_000),
          respondedAt: receivedAt.addingTimeInterval(2_000_000), outcome: .partlyUpheld,
          revision: 3))
    ]
  }

  /// The victim referred back to victim support.
  public static var supportReferralMade: [EventEnvelope<SupportReferralMade>] {
    [
      journeyEvent(
        "a1b2c3d4-0009-4a00-8000-000000000009", producer: "victim-contact", after: 400_000,
        SupportReferralMade(
          supportReferralId: "5fb1c2d3-e4f5-4067-9829-3a4b5c6d7e8f", caseId: caseId,
          participant: .victim, organisation: .victimSupport,
          referredAt: receivedAt.addingTimeInterval(400_000)))
    ]
  }
}
