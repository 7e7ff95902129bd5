import EventContracts
import Foundation
import HubAreas
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
      .optionalBool(submission.victimConsideration?.victimAware), .textArray(sensitivity),
      victimAge(at: receivedAt).map { .int(Int64($0)) } ?? .null,
      offenderAge(at: receivedAt).map { .int(Int64($0)) } ?? .null,
      .optionalBool(offenderIsYouth(at: receivedAt)),
    ]
  }

  /// The names of the columns ``columns(caseId:receivedAt:)`` binds, in order.
  static let plainColumnNames = [
    "source_system", "referral_id", "case_id", "area", "received_at", "submitted_at",
    "referrer_type", "referrer_organisation", "referrer_department", "referrer_trained_in_rj",
    "initiated_by", "offence_category", "offence_occurred_on", "reported_to_police", "district",
    "postcode_district", "victim_preferred_contact", "victim_language", "victim_safe_to_contact",
    "victim_enhanced_rights", "victim_bereaved_family", "offender_identified",
    "consent_to_share", "victim_aware_of_offender_wish", "sensitivity", "victim_age",
    "offender_age", "offender_youth",
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
      bereavedFamilyMembersJSON,
    ]
  }

  /// The announcement of the new case: what others need to route and count it, no
  /// identifiers.
  func caseOpened(caseId: String, receivedAt: Date, previousCaseId: String? = nil) -> CaseOpened {
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
      offenderIdentified: submission.offender?.identified,
      sensitivity: sensitivity.isEmpty ? nil : sensitivity,
      victimAge: victimAge(at: receivedAt),
      victimIsYouth: victimIsYouth(at: receivedAt),
      offenderAge: offenderAge(at: receivedAt), offenderIsYouth: offenderIsYouth(at: receivedAt),
      bereavedFamilyMembers: submission.bereavedFamilyMembers.map { members in
        members.map { member in
          let age = member.dateOfBirthDate.map { Self.age(born: $0, at: receivedAt) }
          return CaseOpened.FamilyMember(
            relationship: member.relationship, age: age, isYouth: age.map { $0 < Self.adultAge })
        }
      }, previousCaseId: previousCaseId)
  }

  /// The bereaved family members as JSON text, to keep sealed; nil when there are none.
  var bereavedFamilyMembersJSON: String? {
    guard let members = submission.bereavedFamilyMembers, !members.isEmpty,
      let data = try? JSONEncoder().encode(members)
    else { return nil }
    return String(decoding: data, as: UTF8.self)
  }

  /// The age from which a participant is an adult, not a youth.
  static let adultAge = 18

  /// The sensitivity flags, each once, in the vocabulary's order.
  var sensitivity: [String] {
    let given = Set(submission.sensitivity ?? [])
    return SensitivityFlag.allCases.map(\.rawValue).filter(given.contains)
  }

  /// The victim's age in whole years on the (London) day of `receivedAt`.
  func victimAge(at receivedAt: Date) -> Int? {
    submission.victim?.dateOfBirthDate.map { Self.age(born: $0, at: receivedAt) }
  }

  /// Whether the victim is a youth, when their date of birth is known.
  func victimIsYouth(at receivedAt: Date) -> Bool? {
    victimAge(at: receivedAt).map { $0 < Self.adultAge }
  }

  /// The offender's age in whole years on the (London) day of `receivedAt`.
  func offenderAge(at receivedAt: Date) -> Int? {
    submission.offender?.dateOfBirthDate.map { Self.age(born: $0, at: receivedAt) }
  }

  /// Whether the offender is a youth: by age when known, else as the referrer said.
  func offenderIsYouth(at receivedAt: Date) -> Bool? {
    offenderAge(at: receivedAt).map { $0 < Self.adultAge } ?? submission.offender?.youth
  }

  /// Whole years from `born` to the day of `instant` in Europe/London.
  static func age(born: CalendarDate, at instant: Date) -> Int {
    let today = LondonDay.of(instant)
    let beforeBirthday = (today.month, today.day) < (born.month, born.day)
    return max(0, today.year - born.year - (beforeBirthday ? 1 : 0))
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
        organisation: referrer?.organisation),
      bereavedFamilyMembers: submission.bereavedFamilyMembers.map { members in
        members.map {
          CaseContactDetails.Person(
            name: $0.name, email: $0.email, phone: $0.phone, address: $0.address,
            relationship: $0.relationship)
        }
      })
  }
}

extension String {
  /// Without surrounding white space; nil when nothing is left.
  var trimmed: String? {
    let text = trimmingCharacters(in: .whitespacesAndNewlines)
    return text.isEmpty ? nil : text
  }
}
