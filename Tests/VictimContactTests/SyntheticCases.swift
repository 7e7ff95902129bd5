import EventContracts
import Foundation
import TestSupport

/// Synthetic cases for victim-contact's tests, as intake would announce them. Names and
/// contact details are invented and easy to search for (in logs, for instance).
enum SyntheticCases {
  static let area = "norfolk"
  static let victimName = "Zephyrine Testvictim"
  static let victimEmail = "zephyrine.testvictim@example.org"
  static let victimPhone = "07700 900123"
  static let victimAddress = "1 Synthetic Row, Testtown, NR1 1AA"
  static let referrerName = "PC Testreferrer"
  static let referrerEmail = "pc.testreferrer@example.org"

  /// Thursday 17 April 2025, 10:00 UTC, the day before Good Friday: deadlines skip Easter.
  static let receivedAt = Date(timeIntervalSince1970: 1_744_884_000)
  /// One working day after ``receivedAt`` (Tuesday after Easter Monday).
  static let oneWorkingDayLater = "2025-04-22"
  /// Five working days after ``receivedAt``.
  static let fiveWorkingDaysLater = "2025-04-28"

  /// A case id no other run uses.
  static func caseId() -> String {
    SyntheticCaseIds.fresh()
  }

  /// The victim's contact preferences on a case.
  struct Victim {
    var preferred: PreferredContact? = .email
    var safeToContact: Bool? = true
    var language: String? = "cy-GB"
    var enhancedRights = false
    var details: CaseContactDetails.Person? = CaseContactDetails.Person(
      name: SyntheticCases.victimName, email: SyntheticCases.victimEmail,
      phone: SyntheticCases.victimPhone, address: SyntheticCases.victimAddress)
  }

  /// intake's `case.opened` for `caseId`.
  static func opened(
    _ caseId: String, victim: Victim = Victim(), area: String = area,
    sensitivity: [String] = ["stalking"], previousCaseId: String? = nil
  ) -> EventEnvelope<CaseOpened> {
    EventEnvelope(
      producer: "intake", area: area, caseId: caseId, correlationId: UUID(),
      data: CaseOpened(
        caseId: caseId, referralId: "REF-\(caseId)", sourceSystem: "norfolk-athena",
        receivedAt: receivedAt, referrerType: .police, referrerOrganisation: "Norfolk Constabulary",
        referrerTrainedInRJ: true, initiatedBy: .victim, offenceCategory: "burglary",
        reportedToPolice: true, district: "Norwich", postcodeDistrict: "NR1",
        victimPreferredContact: victim.preferred, victimLanguage: victim.language,
        victimSafeToContact: victim.safeToContact, enhancedRights: victim.enhancedRights,
        bereavedFamily: false, offenderIdentified: true, sensitivity: sensitivity,
        previousCaseId: previousCaseId))
  }

  /// intake's `case.contact-details` for `caseId`.
  static func details(_ caseId: String, victim: Victim = Victim(), area: String = area)
    -> EventEnvelope<CaseContactDetails>
  {
    EventEnvelope(
      producer: "intake", area: area, caseId: caseId, correlationId: UUID(),
      data: CaseContactDetails(
        caseId: caseId, victim: victim.details,
        referrer: CaseContactDetails.Person(
          name: referrerName, email: referrerEmail, organisation: "Norfolk Constabulary")))
  }

  /// The same event again under a new id, as a producer that sent it twice would.
  static func resent<P: EventPayload>(_ event: EventEnvelope<P>) -> EventEnvelope<P> {
    var copy = event
    copy.id = UUID()
    return copy
  }
}
