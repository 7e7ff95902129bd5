import EventContracts

/// Every message contract RJ Hub publishes or accepts, with samples. Tests validate each
/// sample against its published JSON Schema, so add an entry (and a schema) with every new
/// event or version.
public enum EventCatalog {
  /// All contracts, the police submission first.
  public static let all: [CatalogEntry] = [
    CatalogEntry(
      eventType: ReferralSubmission.eventType, eventVersion: ReferralSubmission.eventVersion,
      exchange: EventExchange.referrals, framing: .rawBody,
      samples: {
        try EventSamples.referralSubmissions.map { Array(try EventCoding.encoder.encode($0)) }
      }),
    .event(ReferralAccepted.self, samples: { EventSamples.referralAccepted }),
    .event(ReferralRejected.self, samples: { EventSamples.referralRejected }),
    .event(CaseOpened.self, samples: { EventSamples.caseOpened }),
    .event(CaseContactDetails.self, samples: { EventSamples.caseContactDetails }),
    .event(CaseReferralLinked.self, samples: { EventSamples.caseReferralLinked }),
    .event(CaseTransferredOut.self, samples: { EventSamples.caseTransferredOut }),
    .event(CaseStageChanged.self, samples: { EventSamples.caseStageChanged }),
    .event(ContactTaskScheduled.self, samples: { EventSamples.contactTaskScheduled }),
    .event(ContactTaskClosed.self, samples: { EventSamples.contactTaskClosed }),
    .event(ContactRecorded.self, samples: { EventSamples.contactRecorded }),
    .event(ConsentGiven.self, samples: { EventSamples.consentGiven }),
    .event(ConsentWithdrawn.self, samples: { EventSamples.consentWithdrawn }),
    .event(AssessmentRecorded.self, samples: { EventSamples.assessmentRecorded }),
    .event(InterventionRecorded.self, samples: { EventSamples.interventionRecorded }),
    .event(OutcomeAgreementRecorded.self, samples: { EventSamples.outcomeAgreementRecorded }),
    .event(SurveyAnswered.self, samples: { EventSamples.surveyAnswered }),
    .event(ComplaintRecorded.self, samples: { EventSamples.complaintRecorded }),
    .event(SupportReferralMade.self, samples: { EventSamples.supportReferralMade }),
    .event(FacilitatorsRequested.self, samples: { EventSamples.facilitatorsRequested }),
    .event(FacilitatorAllocated.self, samples: { EventSamples.facilitatorAllocated }),
    .event(AllocationUnfilled.self, samples: { EventSamples.allocationUnfilled }),
    .event(AllocationEnded.self, samples: { EventSamples.allocationEnded }),
    .event(AllocationOffered.self, samples: { EventSamples.allocationOffered }),
    .event(AllocationDeclined.self, samples: { EventSamples.allocationDeclined }),
    .event(FacilitatorRegistered.self, samples: { EventSamples.facilitatorRegistered }),
    .event(NotificationRequested.self, samples: { EventSamples.notificationRequested }),
    .event(NotificationSent.self, samples: { EventSamples.notificationSent }),
    .event(NotificationFailed.self, samples: { EventSamples.notificationFailed }),
  ]

  /// The schema file that documents every envelope, whatever its payload.
  public static let envelopeSchemaFileName = "envelope.schema.json"

  /// The entry for a routing key, e.g. "case.opened.v1"; nil when the catalog has none.
  public static func entry(forRoutingKey routingKey: String) -> CatalogEntry? {
    all.first { $0.routingKey == routingKey }
  }
}
