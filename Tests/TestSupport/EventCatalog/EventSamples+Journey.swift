import EventContracts
import Foundation

/// Samples of the events that carry a case along its journey after intake: contact, matching
/// and notifications. Synthetic data only, like the rest of ``EventSamples``.
extension EventSamples {
  static let caseId = "RJ-NFK-2025-000042"
  static let caseOpenedMessage = UUID(uuidString: "5e6f7a8b-9c0d-4e5f-8a6b-7c8d9e0f1a2b")!

  /// An envelope from `producer` about the sample Norfolk case, `seconds` after it arrived.
  static func journeyEvent<P: EventPayload>(
    _ id: String, producer: String, after seconds: TimeInterval, _ data: P
  ) -> EventEnvelope<P> {
    EventEnvelope(
      id: UUID(uuidString: id)!, occurredAt: receivedAt.addingTimeInterval(seconds),
      producer: producer, area: "norfolk", caseId: caseId, correlationId: correlation,
      causationId: caseOpenedMessage, data: data)
  }

  /// The contact details intake sends victim-contact alongside the opened case.
  public static var caseContactDetails: [EventEnvelope<CaseContactDetails>] {
    [
      journeyEvent(
        "7a8b9c0d-1e2f-4a7b-8c9d-0e1f2a3b4c5d", producer: "intake", after: 0,
        CaseContactDetails(
          caseId: caseId,
          victim: .init(
            name: "Test Victim Alpha", email: "test.victim.alpha@example.org",
            phone: "07700 900456", address: "1 Test Street, Testtown, NR1 3QX"),
          referrer: .init(
            name: "Test Officer Bravo", email: "test.officer.bravo@example.org",
            phone: "07700 900123", organisation: "Norfolk Constabulary"))),
      journeyEvent(
        "8b9c0d1e-2f3a-4b8c-9d0e-1f2a3b4c5d6e", producer: "intake", after: 0,
        CaseContactDetails(
          caseId: caseId, victim: nil, referrer: .init(organisation: "Agency"),
          bereavedFamilyMembers: [
            .init(
              name: "Test Relative Echo", email: "test.relative.echo@example.org",
              relationship: "mother")
          ])),
    ]
  }

  /// A victim hub's referral of the same crime, linked to the sample case.
  public static var caseReferralLinked: [EventEnvelope<CaseReferralLinked>] {
    [
      journeyEvent(
        "1f2a3b4c-5d6e-4f1a-8b2c-3d4e5f6a7b8c", producer: "intake", after: 3_600,
        CaseReferralLinked(
          caseId: caseId, referralId: "VH-TEST-0007", sourceSystem: "norfolk-victim-hub",
          referrerType: .victimHub, matchedBy: .crimeReference,
          referrer: .init(
            name: "Test Coordinator Delta", email: "test.coordinator.delta@example.org",
            organisation: "Norfolk Victim Care")))
    ]
  }

  /// The sample case transferred to Suffolk (served by the same deployment) and a case sent to
  /// another hub's area.
  public static var caseTransferredOut: [EventEnvelope<CaseTransferredOut>] {
    [
      journeyEvent(
        "2a3b4c5d-6e7f-4a2b-9c3d-4e5f6a7b8c9d", producer: "intake", after: 172_800,
        CaseTransferredOut(
          caseId: caseId, fromArea: "norfolk", toArea: "suffolk", reason: .victimMoved,
          transferredAt: receivedAt.addingTimeInterval(172_800),
          transferReferralId: "\(caseId)/transfer", receivingCaseId: "RJ-SFK-2025-000007")),
      journeyEvent(
        "3b4c5d6e-7f8a-4b3c-8d4e-5f6a7b8c9d0e", producer: "intake", after: 259_200,
        CaseTransferredOut(
          caseId: "RJ-NFK-2025-000043", fromArea: "norfolk", toArea: "essex",
          reason: .offenderMoved, transferredAt: receivedAt.addingTimeInterval(259_200),
          transferReferralId: "RJ-NFK-2025-000043/transfer", receivingCaseId: nil)),
    ]
  }

  /// The case moving from referred to initial engagement.
  public static var caseStageChanged: [EventEnvelope<CaseStageChanged>] {
    [
      journeyEvent(
        "9c0d1e2f-3a4b-4c9d-8e1f-2a3b4c5d6e7f", producer: "victim-contact", after: 86_400,
        CaseStageChanged(
          caseId: caseId, stage: .initialEngagement, previousStage: .referred, sequence: 1,
          changedAt: receivedAt.addingTimeInterval(86_400))),
      journeyEvent(
        "9c0d1e2f-3a4b-4c9d-8e1f-2a3b4c5d6e80", producer: "victim-contact", after: 864_000,
        CaseStageChanged(
          caseId: caseId, stage: .closed, previousStage: .riskAssessment, sequence: 3,
          changedAt: receivedAt.addingTimeInterval(864_000), move: .close,
          closureReason: .unsuitable, unsuitableReason: .riskOfHarm)),
    ]
  }

  /// The referrer's acknowledgement task, due the next working day.
  public static var contactTaskScheduled: [EventEnvelope<ContactTaskScheduled>] {
    [
      journeyEvent(
        "0d1e2f3a-4b5c-4d0e-9f2a-3b4c5d6e7f8a", producer: "victim-contact", after: 1,
        ContactTaskScheduled(
          taskId: "\(caseId)/acknowledge-referrer", caseId: caseId, kind: .acknowledgeReferrer,
          dueOn: CalendarDate(year: 2025, month: 3, day: 7)!,
          scheduledAt: receivedAt.addingTimeInterval(1)))
    ]
  }

  /// The referrer's acknowledgement task done, and a case action dropped.
  public static var contactTaskClosed: [EventEnvelope<ContactTaskClosed>] {
    [
      journeyEvent(
        "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d", producer: "victim-contact", after: 3_600,
        ContactTaskClosed(
          taskId: "\(caseId)/acknowledge-referrer", caseId: caseId, kind: .acknowledgeReferrer,
          outcome: .completed, closedAt: receivedAt.addingTimeInterval(3_600))),
      journeyEvent(
        "7b8c9d0e-1f2a-4b3c-9d4e-5f6a7b8c9d0e", producer: "victim-contact", after: 172_800,
        ContactTaskClosed(
          taskId: "\(caseId)/case-action/3f9a1c2e", caseId: caseId, kind: .caseAction,
          outcome: .dropped, closedAt: receivedAt.addingTimeInterval(172_800))),
    ]
  }

  /// A case worker's call in which the victim agreed to meet a facilitator.
  public static var contactRecorded: [EventEnvelope<ContactRecorded>] {
    [
      journeyEvent(
        "1e2f3a4b-5c6d-4e1f-8a3b-4c5d6e7f8a9b", producer: "victim-contact", after: 86_400,
        ContactRecorded(
          attemptId: "5f0c7c1e-2d3b-4a59-9e61-0c1d2e3f4a5b", caseId: caseId, participant: .victim,
          outcome: .agreed, channel: .phone, attemptedAt: receivedAt.addingTimeInterval(86_000)))
    ]
  }

  /// The request for facilitators once the victim agreed, as older producers sent it and
  /// with every participant's language, cultural needs, a youth participant and the
  /// participants' conflict-of-interest marks (synthetic hashes).
  public static var facilitatorsRequested: [EventEnvelope<FacilitatorsRequested>] {
    [
      journeyEvent(
        "2f3a4b5c-6d7e-4f2a-9b4c-5d6e7f8a9b0c", producer: "victim-contact", after: 86_400,
        FacilitatorsRequested(
          requestId: "\(caseId)/facilitators/1", caseId: caseId, district: "Norwich",
          offenceCategory: "burglary", language: "en-GB", bereavedFamily: false,
          requestedAt: receivedAt.addingTimeInterval(86_400), sensitivity: ["stalking"])),
      journeyEvent(
        "2f3a4b5c-6d7e-4f2a-9b4c-5d6e7f8a9b0d", producer: "victim-contact", after: 90_000,
        FacilitatorsRequested(
          requestId: "\(caseId)/facilitators/2", caseId: caseId, district: "Norwich",
          offenceCategory: "criminal-damage", language: "pl", bereavedFamily: false,
          requestedAt: receivedAt.addingTimeInterval(90_000),
          participantLanguages: ["pl", "en-GB"], culturalNeeds: ["gypsy-roma-traveller"],
          youth: true,
          participantMarks: [
            String(repeating: "0a", count: 32), String(repeating: "1b", count: 32),
          ])),
    ]
  }

  /// The lead facilitator allocated to the request (as older producers announced it), and a
  /// volunteer co-facilitator whose agency accepted the offer.
  public static var facilitatorAllocated: [EventEnvelope<FacilitatorAllocated>] {
    [
      journeyEvent(
        "3a4b5c6d-7e8f-4a3b-8c5d-6e7f8a9b0c1d", producer: "facilitator-matching", after: 86_401,
        FacilitatorAllocated(
          allocationId: "\(caseId)/facilitators/1/lead", requestId: "\(caseId)/facilitators/1",
          caseId: caseId, facilitatorId: "FAC-0001", agency: "Norfolk RJ Service", role: .lead,
          allocatedAt: receivedAt.addingTimeInterval(86_401))),
      journeyEvent(
        "3a4b5c6d-7e8f-4a3b-8c5d-6e7f8a9b0c1e", producer: "facilitator-matching", after: 93_600,
        FacilitatorAllocated(
          allocationId: "\(caseId)/facilitators/1/co-facilitator",
          requestId: "\(caseId)/facilitators/1", caseId: caseId, facilitatorId: "FAC-0007",
          agency: "Norfolk Community Volunteers", role: .coFacilitator,
          allocatedAt: receivedAt.addingTimeInterval(93_600),
          offerId: "\(caseId)/facilitators/1/co-facilitator/1",
          facilitatorKind: "community-volunteer", distanceKm: 12)),
    ]
  }

  /// A request nobody could take: no facilitator with free capacity (as older producers
  /// announced it), and a co-facilitator's part with the rules that excluded everyone.
  public static var allocationUnfilled: [EventEnvelope<AllocationUnfilled>] {
    [
      journeyEvent(
        "4b5c6d7e-8f9a-4b4c-9d6e-7f8a9b0c1d2e", producer: "facilitator-matching", after: 86_401,
        AllocationUnfilled(
          requestId: "\(caseId)/facilitators/1", caseId: caseId, reason: "no-capacity",
          decidedAt: receivedAt.addingTimeInterval(86_401))),
      journeyEvent(
        "4b5c6d7e-8f9a-4b4c-9d6e-7f8a9b0c1d2f", producer: "facilitator-matching", after: 90_001,
        AllocationUnfilled(
          requestId: "\(caseId)/facilitators/2", caseId: caseId, reason: "vetting-expired",
          decidedAt: receivedAt.addingTimeInterval(90_001), role: .coFacilitator,
          exclusions: [
            AllocationExclusion(rule: "vetting-expired", facilitators: 3),
            AllocationExclusion(rule: "not-trained-for-case-type", facilitators: 2),
            AllocationExclusion(rule: "already-in-pair", facilitators: 1),
          ])),
      journeyEvent(
        "4b5c6d7e-8f9a-4b4c-9d6e-7f8a9b0c1d30", producer: "facilitator-matching", after: 90_001,
        AllocationUnfilled(
          requestId: "RJ-NFK-2025-000043/facilitators/1", caseId: "RJ-NFK-2025-000043",
          reason: "no-facilitator-in-area", decidedAt: receivedAt.addingTimeInterval(90_001),
          role: .lead,
          exclusions: [AllocationExclusion(rule: "no-facilitator-in-area", facilitators: 0)])),
    ]
  }

  /// The co-facilitator's part offered to a volunteers' agency that answers offers, and the
  /// lead's accepted at once under a standing agreement.
  public static var allocationOffered: [EventEnvelope<AllocationOffered>] {
    [
      journeyEvent(
        "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d", producer: "facilitator-matching", after: 86_401,
        AllocationOffered(
          offerId: "\(caseId)/facilitators/1/co-facilitator/1",
          requestId: "\(caseId)/facilitators/1", caseId: caseId, facilitatorId: "FAC-0007",
          agency: "Norfolk Community Volunteers", role: .coFacilitator,
          offeredAt: receivedAt.addingTimeInterval(86_401),
          answerDue: receivedAt.addingTimeInterval(4 * 86_400 + 50_400), standing: false)),
      journeyEvent(
        "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8e", producer: "facilitator-matching", after: 86_401,
        AllocationOffered(
          offerId: "\(caseId)/facilitators/1/lead/1", requestId: "\(caseId)/facilitators/1",
          caseId: caseId, facilitatorId: "FAC-0001", agency: "Norfolk RJ Service", role: .lead,
          offeredAt: receivedAt.addingTimeInterval(86_401),
          answerDue: receivedAt.addingTimeInterval(4 * 86_400 + 50_400), standing: true)),
    ]
  }

  /// An agency's decline with its reason, an offer that lapsed unanswered and one withdrawn by
  /// a supervisor's override.
  public static var allocationDeclined: [EventEnvelope<AllocationDeclined>] {
    [
      journeyEvent(
        "6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e", producer: "facilitator-matching", after: 90_000,
        AllocationDeclined(
          offerId: "\(caseId)/facilitators/2/co-facilitator/1",
          requestId: "\(caseId)/facilitators/2", caseId: caseId, facilitatorId: "FAC-0008",
          agency: "Norfolk Community Volunteers", role: .coFacilitator, outcome: .declined,
          reason: .tooFar, declinedAt: receivedAt.addingTimeInterval(90_000))),
      journeyEvent(
        "6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9f", producer: "facilitator-matching",
        after: 4 * 86_400 + 50_400,
        AllocationDeclined(
          offerId: "\(caseId)/facilitators/2/co-facilitator/2",
          requestId: "\(caseId)/facilitators/2", caseId: caseId, facilitatorId: "FAC-0009",
          agency: "Norfolk Community Volunteers", role: .coFacilitator, outcome: .noAnswer,
          declinedAt: receivedAt.addingTimeInterval(4 * 86_400 + 50_400))),
      journeyEvent(
        "6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8da0", producer: "facilitator-matching",
        after: 5 * 86_400,
        AllocationDeclined(
          offerId: "\(caseId)/facilitators/2/lead/1", requestId: "\(caseId)/facilitators/2",
          caseId: caseId, facilitatorId: "FAC-0002", agency: "Norfolk RJ Service", role: .lead,
          outcome: .withdrawn, declinedAt: receivedAt.addingTimeInterval(5 * 86_400))),
    ]
  }

  /// A volunteer's new register entry, and a staff advisor's entry changed before their
  /// vetting and supervision were recorded.
  public static var facilitatorRegistered: [EventEnvelope<FacilitatorRegistered>] {
    [
      EventEnvelope(
        id: UUID(uuidString: "7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f")!,
        occurredAt: receivedAt.addingTimeInterval(-86_400), producer: "facilitator-matching",
        area: "norfolk",
        data: FacilitatorRegistered(
          facilitatorId: "FAC-0007", agency: "Norfolk Community Volunteers",
          kind: "community-volunteer", level: "foundation", areas: ["norfolk"],
          languages: ["en", "pl"], active: true, capacity: 2,
          vettingExpiresOn: CalendarDate(year: 2027, month: 9, day: 30)!,
          supervisionDueOn: CalendarDate(year: 2025, month: 4, day: 24)!, revision: 1,
          changedAt: receivedAt.addingTimeInterval(-86_400))),
      EventEnvelope(
        id: UUID(uuidString: "7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e10")!,
        occurredAt: receivedAt, producer: "facilitator-matching", area: "norfolk",
        data: FacilitatorRegistered(
          facilitatorId: "FAC-0001", agency: "Norfolk RJ Service", kind: "staff-advisor",
          level: "advanced", areas: ["norfolk", "suffolk"], languages: ["en-GB"], active: false,
          capacity: 0, vettingExpiresOn: nil, supervisionDueOn: nil, revision: 4,
          changedAt: receivedAt)),
    ]
  }

  /// The lead's allocation ended when the case closed, and another's on release.
  public static var allocationEnded: [EventEnvelope<AllocationEnded>] {
    [
      journeyEvent(
        "6e7f8a9b-0c1d-4e2f-8a3b-4c5d6e7f8a9b", producer: "facilitator-matching",
        after: 30 * 86_400,
        AllocationEnded(
          allocationId: "\(caseId)/facilitators/1/lead", caseId: caseId,
          facilitatorId: "FAC-0001", role: .lead, reason: .caseClosed,
          endedAt: receivedAt.addingTimeInterval(30 * 86_400))),
      journeyEvent(
        "7f8a9b0c-1d2e-4f3a-9b4c-5d6e7f8a9b0c", producer: "facilitator-matching",
        after: 10 * 86_400,
        AllocationEnded(
          allocationId: "\(caseId)/facilitators/2/lead", caseId: caseId,
          facilitatorId: "FAC-0002", role: .lead, reason: .released,
          releaseReason: .facilitatorUnavailable,
          endedAt: receivedAt.addingTimeInterval(10 * 86_400))),
    ]
  }

  /// The referrer's acknowledgement by email, and the victim's RJ information by letter (in
  /// large print).
  public static var notificationRequested: [EventEnvelope<NotificationRequested>] {
    [
      journeyEvent(
        "5c6d7e8f-9a0b-4c5d-8e7f-8a9b0c1d2e3f", producer: "victim-contact", after: 1,
        NotificationRequested(
          notificationId: "\(caseId)/referrer-acknowledgement", caseId: caseId,
          purpose: .referrerAcknowledgement, channel: .email,
          recipient: .init(name: "Test Officer Bravo", email: "test.officer.bravo@example.org"),
          values: ["caseId": caseId, "referralId": "NFK-TEST-000123", "area": "norfolk"],
          requestedAt: receivedAt.addingTimeInterval(1))),
      journeyEvent(
        "6d7e8f9a-0b1c-4d6e-9f8a-9b0c1d2e3f4a", producer: "victim-contact", after: 1,
        NotificationRequested(
          notificationId: "\(caseId)/victim-rj-information", caseId: caseId,
          purpose: .victimRJInformation, channel: .letter,
          recipient: .init(name: "Test Victim Alpha", address: "1 Test Street, Testtown, NR1 3QX"),
          language: "en-GB", values: ["caseId": caseId, "area": "norfolk"],
          requestedAt: receivedAt.addingTimeInterval(1), largePrint: true)),
    ]
  }

  /// The acknowledgement handed to the mail relay.
  public static var notificationSent: [EventEnvelope<NotificationSent>] {
    [
      journeyEvent(
        "7e8f9a0b-1c2d-4e7f-8a9b-0c1d2e3f4a5b", producer: "notifications", after: 2,
        NotificationSent(
          notificationId: "\(caseId)/referrer-acknowledgement", caseId: caseId,
          purpose: .referrerAcknowledgement, channel: .email,
          sentAt: receivedAt.addingTimeInterval(2)))
    ]
  }

  /// A victim's RJ information that could not go by phone.
  public static var notificationFailed: [EventEnvelope<NotificationFailed>] {
    [
      journeyEvent(
        "8f9a0b1c-2d3e-4f8a-9b0c-1d2e3f4a5b6c", producer: "notifications", after: 2,
        NotificationFailed(
          notificationId: "\(caseId)/victim-rj-information", caseId: caseId,
          purpose: .victimRJInformation, channel: .phone, reason: "channel-unsupported",
          failedAt: receivedAt.addingTimeInterval(2)))
    ]
  }
}
