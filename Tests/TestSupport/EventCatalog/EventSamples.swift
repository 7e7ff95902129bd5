import EventContracts
import Foundation

/// Obviously synthetic sample messages for the catalog, documentation and tests: names like
/// "Test Victim Alpha", example.org emails, Ofcom drama-range phone numbers.
public enum EventSamples {
  static let receivedAt = Date(timeIntervalSince1970: 1_741_255_200)  // 2025-03-06T10:00:00Z
  static let correlation = UUID(uuidString: "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b")!
  static let submissionMessage = UUID(uuidString: "0b6f7e2a-1c3d-4e5f-9a8b-7c6d5e4f3a2b")!

  /// Police submissions: a complete victim-initiated one and a minimal offender-initiated one.
  public static var referralSubmissions: [ReferralSubmission] {
    [
      ReferralSubmission(
        referralId: "NFK-TEST-000123", sourceSystem: "norfolk-athena", area: "norfolk",
        submittedAt: "2025-03-06T09:58:12.250Z",
        referrer: .init(
          type: "police", organisation: "Norfolk Constabulary",
          department: "Neighbourhood Policing Team", name: "Test Officer Bravo",
          email: "test.officer.bravo@example.org", phone: "07700 900123", trainedInRJ: true),
        initiatedBy: "victim",
        offence: .init(
          crimeReference: "TEST/00000/25", category: "burglary", occurredOn: "2025-02-14",
          reportedToPolice: true, description: "Synthetic test offence description."),
        location: .init(district: "Norwich", postcode: "NR1 3QX"),
        victim: .init(
          name: "Test Victim Alpha", dateOfBirth: "1980-01-01",
          email: "test.victim.alpha@example.org", phone: "07700 900456",
          address: "1 Test Street, Testtown, NR1 3QX", preferredContact: "email",
          language: "en-GB", safeToContact: true, enhancedRights: false, bereavedFamily: false),
        offender: .init(name: "Test Offender Charlie", dateOfBirth: "2001-06-30", identified: true),
        consentToShare: true, notes: "Synthetic test referral; not a real person."),
      ReferralSubmission(
        referralId: "SFK-TEST-000007", sourceSystem: "suffolk-niche", area: "suffolk",
        submittedAt: "2025-03-06T10:00:00Z", referrer: .init(type: "agency"),
        initiatedBy: "offender", offender: .init(identified: true, youth: true),
        bereavedFamilyMembers: [
          .init(name: "Test Relative Foxtrot", relationship: "brother", dateOfBirth: "2009-01-02")
        ], sensitivity: ["hate-crime"], consentToShare: true),
    ]
  }

  /// An accepted new case and an accepted linked referral.
  public static var referralAccepted: [EventEnvelope<ReferralAccepted>] {
    [
      EventEnvelope(
        id: UUID(uuidString: "1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d")!, occurredAt: receivedAt,
        producer: "intake", area: "norfolk", caseId: "RJ-NFK-2025-000042",
        correlationId: correlation, causationId: submissionMessage,
        data: ReferralAccepted(
          referralId: "NFK-TEST-000123", sourceSystem: "norfolk-athena",
          caseId: "RJ-NFK-2025-000042", receivedAt: receivedAt, linkedToExistingCase: false)),
      EventEnvelope(
        id: UUID(uuidString: "2b3c4d5e-6f7a-4b2c-9d3e-4f5a6b7c8d9e")!,
        occurredAt: receivedAt.addingTimeInterval(0.125), producer: "intake", area: "norfolk",
        caseId: "RJ-NFK-2025-000042",
        data: ReferralAccepted(
          referralId: "NFK-TEST-000124", sourceSystem: "norfolk-athena",
          caseId: "RJ-NFK-2025-000042", receivedAt: receivedAt, linkedToExistingCase: true)),
    ]
  }

  /// A rejection with field errors, and one for a body that was not JSON at all.
  public static var referralRejected: [EventEnvelope<ReferralRejected>] {
    [
      EventEnvelope(
        id: UUID(uuidString: "3c4d5e6f-7a8b-4c3d-8e4f-5a6b7c8d9e0f")!, occurredAt: receivedAt,
        producer: "intake", area: "norfolk", correlationId: correlation,
        causationId: submissionMessage,
        data: ReferralRejected(
          referralId: "NFK-TEST-000125", sourceSystem: "norfolk-athena", receivedAt: receivedAt,
          errors: [
            ReferralError(
              path: "/victim/dateOfBirth", code: ReferralError.Code.invalidFormat,
              message: "must be a calendar date written YYYY-MM-DD"),
            ReferralError(
              path: "/initiatedBy", code: ReferralError.Code.required,
              message: "is required: \"victim\" or \"offender\""),
          ])),
      EventEnvelope(
        id: UUID(uuidString: "4d5e6f7a-8b9c-4d4e-9f5a-6b7c8d9e0f1a")!, occurredAt: receivedAt,
        producer: "intake", area: "unknown",
        data: ReferralRejected(
          receivedAt: receivedAt,
          errors: [
            ReferralError(
              path: "", code: ReferralError.Code.malformedJSON,
              message: "the body must be a JSON object encoded as UTF-8")
          ])),
    ]
  }

  /// A victim-initiated case and an offender-initiated one with no victim details yet.
  public static var caseOpened: [EventEnvelope<CaseOpened>] {
    [
      EventEnvelope(
        id: UUID(uuidString: "5e6f7a8b-9c0d-4e5f-8a6b-7c8d9e0f1a2b")!, occurredAt: receivedAt,
        producer: "intake", area: "norfolk", caseId: "RJ-NFK-2025-000042",
        correlationId: correlation, causationId: submissionMessage,
        data: CaseOpened(
          caseId: "RJ-NFK-2025-000042", referralId: "NFK-TEST-000123",
          sourceSystem: "norfolk-athena", receivedAt: receivedAt, referrerType: .police,
          referrerOrganisation: "Norfolk Constabulary",
          referrerDepartment: "Neighbourhood Policing Team", referrerTrainedInRJ: true,
          initiatedBy: .victim, offenceCategory: "burglary", reportedToPolice: true,
          district: "Norwich", postcodeDistrict: "NR1", victimPreferredContact: .email,
          victimLanguage: "en-GB", victimSafeToContact: true, enhancedRights: false,
          bereavedFamily: false, offenderIdentified: true, victimAge: 44, victimIsYouth: false,
          offenderAge: 23, offenderIsYouth: false)),
      EventEnvelope(
        id: UUID(uuidString: "6f7a8b9c-0d1e-4f6a-9b7c-8d9e0f1a2b3c")!, occurredAt: receivedAt,
        producer: "intake", area: "suffolk", caseId: "RJ-SFK-2025-000007",
        data: CaseOpened(
          caseId: "RJ-SFK-2025-000007", referralId: "SFK-TEST-000007",
          sourceSystem: "suffolk-niche", receivedAt: receivedAt, referrerType: .agency,
          referrerTrainedInRJ: false, initiatedBy: .offender, reportedToPolice: false,
          enhancedRights: false, bereavedFamily: false, offenderIdentified: true,
          sensitivity: ["hate-crime"], offenderIsYouth: true,
          bereavedFamilyMembers: [.init(relationship: "brother", age: 16, isYouth: true)],
          previousCaseId: "RJ-SFK-2024-000311")),
    ]
  }
}
