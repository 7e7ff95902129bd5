import EventContracts
import Foundation
import PostgresClient

/// A submission that passed ``ReferralValidator``: its required fields are present and its
/// enumerations known, so it can be stored and announced.
struct ValidReferral {
  let submission: ReferralSubmission
  let referralId: String
  let sourceSystem: String
  let area: String
  let submittedAt: Date
  let referrerType: ReferrerType
  let initiatedBy: InitiatedBy
  let offenceCategory: String
  let reportedToPolice: Bool

  /// Nil when `submission` is missing something the validator requires (a programming error
  /// if the validator passed it).
  init?(_ submission: ReferralSubmission) {
    guard let referralId = submission.referralId?.trimmed, let source = submission.sourceSystem,
      let area = submission.area, let submittedAt = submission.submittedAtDate,
      let referrerType = submission.referrer?.kind, let initiatedBy = submission.initiator,
      let category = submission.offence?.category?.trimmed,
      let reported = submission.offence?.reportedToPolice
    else { return nil }
    self.submission = submission
    self.referralId = referralId
    self.sourceSystem = source
    self.area = area
    self.submittedAt = submittedAt
    self.referrerType = referrerType
    self.initiatedBy = initiatedBy
    self.offenceCategory = category
    self.reportedToPolice = reported
  }

  /// The values of a `referrals` row's plain columns, in ``ReferralStore/openCase`` column
  /// order (personal data comes from ``personalData`` and is sealed by the store).
  func columns(caseId: String, receivedAt: Date) -> [PostgresBind] {
    let referrer = submission.referrer
    let victim = submission.victim
    let offender = submission.offender
    return [
      .text(sourceSystem), .text(referralId), .text(caseId), .text(area), .timestamp(receivedAt),
      .timestamp(submittedAt), .text(referrerType.rawValue),
      .optionalText(referrer?.organisation), .optionalText(referrer?.department),
      .bool(referrer?.trainedInRJ ?? false), .text(initiatedBy.rawValue), .text(offenceCategory),
      .optionalText(submission.offence?.occurredOn), .bool(reportedToPolice),
      .optionalText(submission.location?.district),
      .optionalText(submission.location?.postcodeDistrict),
      .optionalText(victim?.contactPreference?.rawValue), .optionalText(victim?.language),
      .optionalBool(victim?.safeToContact), .bool(victim?.enhancedRights ?? false),
      .bool(victim?.bereavedFamily ?? false), .optionalBool(offender?.identified),
      .bool(submission.consentToShare ?? false),
      .optionalBool(submission.victimConsideration?.victimAware),
    ]
  }

  /// The names of the columns ``columns(caseId:receivedAt:)`` binds, in order.
  static let plainColumnNames = [
    "source_system", "referral_id", "case_id", "area", "received_at", "submitted_at",
    "referrer_type", "referrer_organisation", "referrer_department", "referrer_trained_in_rj",
    "initiated_by", "offence_category", "offence_occurred_on", "reported_to_police", "district",
    "postcode_district", "victim_preferred_contact", "victim_language", "victim_safe_to_contact",
    "victim_enhanced_rights", "victim_bereaved_family", "offender_identified",
    "consent_to_share", "victim_aware_of_offender_wish",
  ]

  /// The referral's personal data, by column of ``IntakePersonalData/referralColumns``, in
  /// that order.
  var personalData: [String?] {
    let referrer = submission.referrer
    let victim = submission.victim
    let offender = submission.offender
    return [
      referrer?.name, referrer?.email, referrer?.phone, submission.offence?.crimeReference,
      submission.offence?.description, submission.location?.postcode, victim?.name,
      victim?.dateOfBirth, victim?.email, victim?.phone, victim?.address, offender?.name,
      offender?.dateOfBirth, submission.notes, submission.victimConsideration?.views,
    ]
  }

  /// The announcement of the new case: what others need to route and count it, no
  /// identifiers.
  func caseOpened(caseId: String, receivedAt: Date) -> CaseOpened {
    let referrer = submission.referrer
    let victim = submission.victim
    return CaseOpened(
      caseId: caseId, referralId: referralId, sourceSystem: sourceSystem, receivedAt: receivedAt,
      referrerType: referrerType, referrerOrganisation: referrer?.organisation,
      referrerDepartment: referrer?.department, referrerTrainedInRJ: referrer?.trainedInRJ ?? false,
      initiatedBy: initiatedBy, offenceCategory: offenceCategory,
      reportedToPolice: reportedToPolice, district: submission.location?.district,
      postcodeDistrict: submission.location?.postcodeDistrict,
      victimPreferredContact: victim?.contactPreference, victimLanguage: victim?.language,
      victimSafeToContact: victim?.safeToContact, enhancedRights: victim?.enhancedRights ?? false,
      bereavedFamily: victim?.bereavedFamily ?? false,
      offenderIdentified: submission.offender?.identified)
  }

  /// The announcement that this referral joined open case `caseId`, matched `matchedBy`, with
  /// its referrer's contact details for the acknowledgement (for victim-contact alone).
  func referralLinked(caseId: String, matchedBy: CaseReferralLinked.LinkMatch)
    -> CaseReferralLinked
  {
    let referrer = submission.referrer
    return CaseReferralLinked(
      caseId: caseId, referralId: referralId, sourceSystem: sourceSystem,
      referrerType: referrerType, matchedBy: matchedBy,
      referrer: CaseContactDetails.Person(
        name: referrer?.name, email: referrer?.email, phone: referrer?.phone,
        organisation: referrer?.organisation))
  }

  /// The contact details victim-contact needs, sent to it alone.
  func contactDetails(caseId: String) -> CaseContactDetails {
    let referrer = submission.referrer
    let victim = submission.victim
    return CaseContactDetails(
      caseId: caseId,
      victim: victim.map {
        CaseContactDetails.Person(
          name: $0.name, email: $0.email, phone: $0.phone, address: $0.address)
      },
      referrer: CaseContactDetails.Person(
        name: referrer?.name, email: referrer?.email, phone: referrer?.phone,
        organisation: referrer?.organisation))
  }
}

extension String {
  /// Without surrounding white space; nil when nothing is left.
  var trimmed: String? {
    let text = trimmingCharacters(in: .whitespacesAndNewlines)
    return text.isEmpty ? nil : text
  }
}
