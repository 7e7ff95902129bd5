import Foundation

/// Intake opened a case from an accepted referral. Carries what downstream services and the
/// commissioners' reports need to count and route the case, and deliberately no direct
/// identifiers: no names, emails, phones, addresses, dates of birth or free text (those stay
/// in intake, encrypted). Routing key "case.opened.v1".
public struct CaseOpened: EventPayload {
  /// "case.opened".
  public static let eventType = "case.opened"
  /// Version 1.
  public static let eventVersion = 1

  /// The hub's case id.
  public var caseId: String
  /// The sender's reference of the referral that opened the case.
  public var referralId: String
  /// The sending system, e.g. "norfolk-athena".
  public var sourceSystem: String
  /// When intake received the referral (the start of every timeliness clock).
  public var receivedAt: Date
  /// Who referred (report figure: source type).
  public var referrerType: ReferrerType
  /// The referring organisation, e.g. "Norfolk Constabulary".
  public var referrerOrganisation: String?
  /// The referring department, e.g. "Neighbourhood Policing Team".
  public var referrerDepartment: String?
  /// Whether the referrer is trained in RJ (report figure: trained officers).
  public var referrerTrainedInRJ: Bool
  /// Which party asked first.
  public var initiatedBy: InitiatedBy
  /// The offence category, e.g. "burglary"; drives sensitive-case matching.
  public var offenceCategory: String?
  /// Whether the offence was reported to police.
  public var reportedToPolice: Bool
  /// The district, e.g. "Norwich".
  public var district: String?
  /// The postcode's outward code only, e.g. "NR1".
  public var postcodeDistrict: String?
  /// How the victim prefers to be contacted, when there is a victim.
  public var victimPreferredContact: PreferredContact?
  /// The victim's language as a BCP 47 tag, e.g. "en-GB".
  public var victimLanguage: String?
  /// Whether the victim may be contacted; nil when unknown, which must be treated as not safe.
  public var victimSafeToContact: Bool?
  /// Whether the victim has enhanced rights (1 working day to send RJ information, not 5).
  public var enhancedRights: Bool
  /// Whether the victim is a bereaved family member (a sensitive case).
  public var bereavedFamily: Bool
  /// Whether the offender is identified; nil when unknown.
  public var offenderIdentified: Bool?
  /// What makes the case sensitive (``SensitivityFlag`` values); nil or empty when nothing.
  /// Facilitator matching asks for facilitators trained for sensitive cases.
  public var sensitivity: [String]?
  /// The victim's age in whole years on the day the referral was received, when the date of
  /// birth is known.
  public var victimAge: Int?
  /// Whether the victim is a youth (under 18), when known.
  public var victimIsYouth: Bool?
  /// The offender's age in whole years on the day the referral was received, when known.
  public var offenderAge: Int?
  /// Whether the offender is a youth (under 18): from the age, or as the referrer said.
  public var offenderIsYouth: Bool?
  /// The bereaved family members taking part, without identifiers.
  public var bereavedFamilyMembers: [FamilyMember]?
  /// The case of the same victim and crime that had closed (or been transferred to another
  /// area) when this referral arrived: a new case is opened and linked to it, never joined to
  /// it. Absent when there was none.
  public var previousCaseId: String?

  /// A bereaved family member as others may know them: relationship and age, no identifiers.
  public struct FamilyMember: Codable, Sendable, Equatable {
    /// The relationship to the person who died, e.g. "mother".
    public var relationship: String?
    /// Age in whole years on the day the referral was received, when known.
    public var age: Int?
    /// Whether they are under 18, when known.
    public var isYouth: Bool?

    /// Builds the entry.
    public init(relationship: String?, age: Int?, isYouth: Bool?) {
      self.relationship = relationship
      self.age = age
      self.isYouth = isYouth
    }
  }

  /// Builds the payload.
  public init(
    caseId: String, referralId: String, sourceSystem: String, receivedAt: Date,
    referrerType: ReferrerType, referrerOrganisation: String? = nil,
    referrerDepartment: String? = nil, referrerTrainedInRJ: Bool, initiatedBy: InitiatedBy,
    offenceCategory: String? = nil, reportedToPolice: Bool, district: String? = nil,
    postcodeDistrict: String? = nil, victimPreferredContact: PreferredContact? = nil,
    victimLanguage: String? = nil, victimSafeToContact: Bool? = nil, enhancedRights: Bool,
    bereavedFamily: Bool, offenderIdentified: Bool? = nil, sensitivity: [String]? = nil,
    victimAge: Int? = nil, victimIsYouth: Bool? = nil, offenderAge: Int? = nil,
    offenderIsYouth: Bool? = nil, bereavedFamilyMembers: [FamilyMember]? = nil,
    previousCaseId: String? = nil
  ) {
    self.caseId = caseId
    self.referralId = referralId
    self.sourceSystem = sourceSystem
    self.receivedAt = receivedAt
    self.referrerType = referrerType
    self.referrerOrganisation = referrerOrganisation
    self.referrerDepartment = referrerDepartment
    self.referrerTrainedInRJ = referrerTrainedInRJ
    self.initiatedBy = initiatedBy
    self.offenceCategory = offenceCategory
    self.reportedToPolice = reportedToPolice
    self.district = district
    self.postcodeDistrict = postcodeDistrict
    self.victimPreferredContact = victimPreferredContact
    self.victimLanguage = victimLanguage
    self.victimSafeToContact = victimSafeToContact
    self.enhancedRights = enhancedRights
    self.bereavedFamily = bereavedFamily
    self.offenderIdentified = offenderIdentified
    self.sensitivity = sensitivity
    self.victimAge = victimAge
    self.victimIsYouth = victimIsYouth
    self.offenderAge = offenderAge
    self.offenderIsYouth = offenderIsYouth
    self.bereavedFamilyMembers = bereavedFamilyMembers
    self.previousCaseId = previousCaseId
  }
}
