import AMQPClient
import EventContracts
import Foundation
import Reporting
import Testing

/// The journey's figures (issue 6) from the events, against the real servers: each counted
/// by the London day of its own time, once however often it is delivered, and a revisioned
/// record by its highest revision whatever order the revisions arrive in.
@Suite("reporting journey figures from events", .serialized)
struct JourneyFiguresTests {
  typealias E = ReportingEvents

  static func event<P: EventPayload>(_ caseId: String, _ data: P) -> EventEnvelope<P> {
    EventEnvelope(producer: "victim-contact", area: E.area, caseId: caseId, data: data)
  }

  static func closed(
    _ caseId: String, _ reason: ClosureReason, from stage: CaseStage = .followUp,
    sequence: Int = 6, at: String = "2025-04-20T10:00:00Z", unsuitable: UnsuitableReason? = nil
  ) -> EventEnvelope<CaseStageChanged> {
    event(
      caseId,
      CaseStageChanged(
        caseId: caseId, stage: reason == .transferred ? .transferred : .closed,
        previousStage: stage, sequence: sequence, changedAt: E.utc(at),
        move: reason == .transferred ? .transfer : .close, closureReason: reason,
        unsuitableReason: unsuitable))
  }

  static func intervention(
    _ caseId: String, _ id: String, _ kind: InterventionKind, _ status: InterventionStatus,
    revision: Int, deliveredAt: String? = nil
  ) -> EventEnvelope<InterventionRecorded> {
    event(
      caseId,
      InterventionRecorded(
        interventionId: id, caseId: caseId, kind: kind, status: status,
        plannedFor: E.utc("2025-04-15T10:00:00Z"), deliveredAt: deliveredAt.map(E.utc),
        attendees: [.victim, .offender], facilitatorIds: ["FAC-1"], revision: revision))
  }

  static func distance(
    _ caseId: String, _ point: SurveyPoint, _ scores: [Int], at: String = "2025-04-21T10:00:00Z"
  ) -> EventEnvelope<SurveyAnswered> {
    event(
      caseId,
      SurveyAnswered(
        surveyId: "\(caseId)-\(point.rawValue)", caseId: caseId, participantId: "\(caseId).victim",
        participant: .victim, kind: .distanceTravelled, point: point,
        measures: Dictionary(
          uniqueKeysWithValues: zip(DistanceMeasure.allCases.map(\.rawValue), scores)),
        satisfaction: nil, testimonialConsented: false, answeredAt: E.utc(at)))
  }

  static func satisfaction(_ caseId: String, _ participant: Participant, _ score: Int)
    -> EventEnvelope<SurveyAnswered>
  {
    event(
      caseId,
      SurveyAnswered(
        surveyId: "\(caseId)-\(participant.rawValue)-satisfaction", caseId: caseId,
        participantId: "\(caseId).\(participant.rawValue)", participant: participant,
        kind: .satisfaction, point: .end, measures: nil, satisfaction: score,
        testimonialConsented: score == 5, answeredAt: E.utc("2025-04-22T10:00:00Z")))
  }

  static func complaint(_ id: String, revision: Int, status: ComplaintStatus, respondedAt: String?)
    -> EventEnvelope<ComplaintRecorded>
  {
    EventEnvelope(
      producer: "victim-contact", area: E.area,
      data: ComplaintRecorded(
        complaintId: id, caseId: nil, receivedAt: E.utc("2025-04-02T10:00:00Z"),
        respondBy: CalendarDate("2025-04-30")!, status: status, acknowledgedAt: nil,
        respondedAt: respondedAt.map(E.utc), outcome: respondedAt == nil ? nil : .notUpheld,
        revision: revision))
  }

  @Test("closures, interventions, surveys and complaints: once each, latest revision, London days")
  func journeyFigures() async throws {
    try await ReportingEventHarness.with { h in
      let (a, b, c, d, e) = (E.caseId(), E.caseId(), E.caseId(), E.caseId(), E.caseId())
      let delivered = Self.intervention(
        a, "\(a)-i1", .conference, .delivered, revision: 2, deliveredAt: "2025-04-18T10:00:00Z")
      let closedA = Self.closed(a, .directInterventionDelivered)
      let complaintAnswered = Self.complaint(
        "\(a)-c1", revision: 3, status: .responded, respondedAt: "2025-04-29T10:00:00Z")
      try await h.deliver([
        try .event(E.opened(a, receivedAt: "2025-04-08T09:00:00Z")),
        // The delivery arrives before the plan it revises; the plan changes nothing after it.
        try .event(delivered),
        try .event(Self.intervention(a, "\(a)-i1", .conference, .planned, revision: 1)),
        try .event(E.resent(delivered)),
        try .event(
          Self.intervention(
            b, "\(b)-i1", .letters, .delivered, revision: 2, deliveredAt: "2025-04-30T23:30:00Z")),
        try .event(closedA), try .event(E.resent(closedA)),
        try .event(Self.closed(b, .victimDeclined, from: .initialEngagement, sequence: 2)),
        // Closed late on 30 April UTC: 1 May in London, outside April.
        try .event(Self.closed(c, .offenderDeclined, at: "2025-04-30T23:30:00Z")),
        // Closed, reopened and closed again in the period: counted once, by the latest.
        try .event(
          Self.closed(d, .unsuitable, from: .riskAssessment, sequence: 3, unsuitable: .riskOfHarm)),
        try .event(Self.closed(d, .other, from: .initialEngagement, sequence: 5)),
        try .event(Self.closed(e, .transferred, from: .initialEngagement, sequence: 2)),
        try .event(
          Self.event(
            b,
            ConsentWithdrawn(
              consentId: "\(b)-consent", caseId: b, participantId: "\(b).victim",
              participant: .victim, stage: .preparation, withdrawnAt: E.utc("2025-04-12T10:00:00Z"))
          )),
        try .event(Self.distance(a, .end, [3, 2, 1, 5])),
        try .event(Self.distance(a, .start, [2, 2, 2, 5], at: "2025-04-09T10:00:00Z")),
        try .event(E.resent(Self.distance(a, .end, [3, 2, 1, 5]))),
        // No start survey: not counted.
        try .event(Self.distance(b, .end, [5, 5, 5, 5])),
        try .event(Self.satisfaction(a, .victim, 5)),
        try .event(Self.satisfaction(a, .offender, 2)),
        try .event(Self.satisfaction(b, .bereavedFamilyMember, 4)),
        try .event(complaintAnswered),
        try .event(Self.complaint("\(a)-c1", revision: 1, status: .received, respondedAt: nil)),
        try .event(Self.complaint("\(b)-c2", revision: 1, status: .received, respondedAt: nil)),
      ])
      let journey = try await h.figures().journey
      #expect(journey.closures.total == 4)
      #expect(journey.closures.byReason["direct-intervention-delivered"] == 1)
      #expect(journey.closures.byReason["victim-declined-or-disengaged"] == 1)
      #expect(journey.closures.byReason["offender-declined-or-disengaged"] == 0)
      #expect(
        journey.closures.byReason["other"] == 1 && journey.closures.byReason["unsuitable"] == 0)
      #expect(journey.closures.byReason["transferred-to-another-area"] == 1)
      #expect(journey.closures.byReason.count == ClosureReason.allCases.count)
      #expect(journey.closures.unsuitableByReason.values.reduce(0, +) == 0)
      #expect(journey.closures.droppedOutAtStage["initial-engagement"] == 2)
      #expect(journey.closures.droppedOutAtStage.values.reduce(0, +) == 2)
      #expect(journey.interventions.directDelivered == 1)
      #expect(journey.interventions.indirectDelivered == 0, "delivered on 1 May in London")
      #expect(journey.interventions.casesCompleted == 1)
      #expect(journey.interventions.medianDaysToCompletion == 10)
      #expect(journey.interventions.p90DaysToCompletion == 10)
      // Received Tuesday 8 April 2025, delivered Friday 18 April, Good Friday: the 9th, 10th,
      // 11th, 14th, 15th, 16th and 17th are working days.
      #expect(journey.interventions.medianWorkingDaysToCompletion == 7)
      #expect(journey.interventions.p90WorkingDaysToCompletion == 7)
      #expect(journey.consentWithdrawals["victim"] == 1)
      #expect(
        journey.distanceTravelled.atEnd["health-and-wellbeing"]
          == MeasureChange(improvement: 1, noChange: 0, deterioration: 0))
      #expect(journey.distanceTravelled.atEnd["coping-with-everyday-life"]?.noChange == 1)
      #expect(journey.distanceTravelled.atEnd["feeling-safe"]?.deterioration == 1)
      #expect(journey.distanceTravelled.atEnd["informed-and-empowered"]?.noChange == 1)
      #expect(journey.distanceTravelled.atSixMonths["feeling-safe"]?.deterioration == 0)
      #expect(
        journey.satisfaction
          == SatisfactionFigures(
            victimsAnswered: 2, victimsSatisfied: 2, offendersAnswered: 1, offendersSatisfied: 0,
            testimonialsConsented: 1))
      #expect(
        journey.complaints
          == ComplaintFigures(received: 2, responded: 1, respondedInTime: 1, overdue: 1))
      #expect(try await h.rowCount("case_closures") == 6, "each closure kept once")
      #expect(try await h.rowCount("surveys") == 6)
    }
  }

  /// `caseId` paused from `stage` at `sequence`.
  static func paused(_ caseId: String, from stage: CaseStage, sequence: Int)
    -> EventEnvelope<CaseStageChanged>
  {
    event(
      caseId,
      CaseStageChanged(
        caseId: caseId, stage: .paused, previousStage: stage, sequence: sequence,
        changedAt: E.utc("2025-04-10T10:00:00Z"), move: .pause))
  }

  @Test(
    "a case closed while paused dropped out at the stage it was paused from, in any order; task closures kept"
  )
  func closedWhilePaused() async throws {
    try await ReportingEventHarness.with { h in
      let (a, b, c) = (E.caseId(), E.caseId(), E.caseId())
      let resumedB = Self.event(
        b,
        CaseStageChanged(
          caseId: b, stage: .riskAssessment, previousStage: .paused, sequence: 3,
          changedAt: E.utc("2025-04-11T10:00:00Z"), move: .resume))
      let taskClosed = Self.event(
        c,
        ContactTaskClosed(
          taskId: "\(c)/contact-victim", caseId: c, kind: .contactVictim, outcome: .dropped,
          closedAt: E.utc("2025-04-12T10:00:00Z")))
      try await h.deliver([
        // The closure arrives before the pause it followed.
        try .event(Self.closed(a, .victimDeclined, from: .paused, sequence: 4)),
        try .event(Self.paused(a, from: .preparation, sequence: 3)),
        // Paused, resumed, moved on and paused again: the pause just before the closure counts,
        // though the closure and the first pause arrive before it.
        try .event(Self.paused(b, from: .riskAssessment, sequence: 2)),
        try .event(Self.closed(b, .offenderDeclined, from: .paused, sequence: 6)),
        try .event(resumedB), try .event(Self.paused(b, from: .preparation, sequence: 5)),
        try .event(E.resent(Self.paused(b, from: .preparation, sequence: 5))),
        // Its pause not (yet) received: counted as paused.
        try .event(Self.closed(c, .other, from: .paused, sequence: 3)),
        // A task's closure, before its scheduling and twice: kept once, for the open tasks.
        try .event(taskClosed), try .event(E.resent(taskClosed)),
      ])
      let closures = try await h.figures().journey.closures
      #expect(closures.droppedOutAtStage["preparation"] == 2)
      #expect(closures.droppedOutAtStage["risk-assessment"] == 0)
      #expect(closures.droppedOutAtStage["paused"] == 1)
      #expect(closures.droppedOutAtStage.values.reduce(0, +) == 3)
      #expect(try await h.rowCount("case_stage_changes") == 7, "each change kept once")
      #expect(try await h.rowCount("task_closures") == 1)
    }
  }
}
