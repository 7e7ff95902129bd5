extension ReferralSubmission {
  /// The victim (or bereaved family member) and how to contact them safely.
  public struct Victim: Codable, Sendable, Equatable {
    /// Full name.
    public var name: String?
    /// Date of birth, "YYYY-MM-DD" (see `dateOfBirthDate`).
    public var dateOfBirth: String?
    /// Email address.
    public var email: String?
    /// Phone number.
    public var phone: String?
    /// Postal address.
    public var address: String?
    /// "email", "phone" or "letter" (see `contactPreference`).
    public var preferredContact: String?
    /// Preferred language as a BCP 47 tag, e.g. "en-GB", "pl".
    public var language: String?
    /// Whether the hub may contact the victim at all (false: shared address, no safe number).
    public var safeToContact: Bool?
    /// Whether the victim is entitled to the enhanced service under the Victims' Code.
    public var enhancedRights: Bool?
    /// Whether this is a bereaved family member of a victim whose death was caused by crime.
    public var bereavedFamily: Bool?

    var fieldIssues: [ReferralError] = []

    /// Builds a victim.
    public init(
      name: String? = nil, dateOfBirth: String? = nil, email: String? = nil, phone: String? = nil,
      address: String? = nil, preferredContact: String? = nil, language: String? = nil,
      safeToContact: Bool? = nil, enhancedRights: Bool? = nil, bereavedFamily: Bool? = nil
    ) {
      self.name = name
      self.dateOfBirth = dateOfBirth
      self.email = email
      self.phone = phone
      self.address = address
      self.preferredContact = preferredContact
      self.language = language
      self.safeToContact = safeToContact
      self.enhancedRights = enhancedRights
      self.bereavedFamily = bereavedFamily
    }

    enum CodingKeys: String, CodingKey {
      case name, dateOfBirth, email, phone, address, preferredContact, language
      case safeToContact, enhancedRights, bereavedFamily
    }

    /// Decodes leniently: a field of the wrong type is read as nil and reported.
    public init(from decoder: any Decoder) throws {
      var fields = try LenientFields(decoder, keyedBy: CodingKeys.self)
      name = fields.string(.name)
      dateOfBirth = fields.string(.dateOfBirth)
      email = fields.string(.email)
      phone = fields.string(.phone)
      address = fields.string(.address)
      preferredContact = fields.string(.preferredContact)
      language = fields.string(.language)
      safeToContact = fields.bool(.safeToContact)
      enhancedRights = fields.bool(.enhancedRights)
      bereavedFamily = fields.bool(.bereavedFamily)
      fieldIssues = fields.issues
    }

    /// `preferredContact` as a known channel; nil when absent or not an allowed value.
    public var contactPreference: PreferredContact? {
      preferredContact.flatMap(PreferredContact.init(rawValue:))
    }

    /// `dateOfBirth` as a calendar date; nil when absent or not a real "YYYY-MM-DD" day.
    public var dateOfBirthDate: CalendarDate? { dateOfBirth.flatMap(CalendarDate.init) }
  }

  /// The offender, as far as known.
  public struct Offender: Codable, Sendable, Equatable {
    /// Full name.
    public var name: String?
    /// Date of birth, "YYYY-MM-DD" (see `dateOfBirthDate`).
    public var dateOfBirth: String?
    /// Whether the offender has been identified.
    public var identified: Bool?
    /// Whether the offender is a youth (under 18), when the date of birth is not given (a youth
    /// offending team's referral, say).
    public var youth: Bool?

    var fieldIssues: [ReferralError] = []

    /// Builds an offender.
    public init(
      name: String? = nil, dateOfBirth: String? = nil, identified: Bool? = nil, youth: Bool? = nil
    ) {
      self.name = name
      self.dateOfBirth = dateOfBirth
      self.identified = identified
      self.youth = youth
    }

    enum CodingKeys: String, CodingKey {
      case name, dateOfBirth, identified, youth
    }

    /// Decodes leniently: a field of the wrong type is read as nil and reported.
    public init(from decoder: any Decoder) throws {
      var fields = try LenientFields(decoder, keyedBy: CodingKeys.self)
      name = fields.string(.name)
      dateOfBirth = fields.string(.dateOfBirth)
      identified = fields.bool(.identified)
      youth = fields.bool(.youth)
      fieldIssues = fields.issues
    }

    /// `dateOfBirth` as a calendar date; nil when absent or not a real "YYYY-MM-DD" day.
    public var dateOfBirthDate: CalendarDate? { dateOfBirth.flatMap(CalendarDate.init) }
  }

  /// For a referral the offender initiated: how the victim has been considered before anyone
  /// approaches them (restorative justice is victim-led, so an offender's wish alone never
  /// starts contact).
  public struct VictimConsideration: Codable, Sendable, Equatable {
    /// Whether the victim already knows the offender wants restorative justice.
    public var victimAware: Bool?
    /// What is known of the victim's views, needs and safety. Free text; stored sealed.
    public var views: String?

    var fieldIssues: [ReferralError] = []

    /// Builds a victim consideration.
    public init(victimAware: Bool? = nil, views: String? = nil) {
      self.victimAware = victimAware
      self.views = views
    }

    enum CodingKeys: String, CodingKey {
      case victimAware, views
    }

    /// Decodes leniently: a field of the wrong type is read as nil and reported.
    public init(from decoder: any Decoder) throws {
      var fields = try LenientFields(decoder, keyedBy: CodingKeys.self)
      victimAware = fields.bool(.victimAware)
      views = fields.string(.views)
      fieldIssues = fields.issues
    }
  }
}

extension ReferralSubmission {
  /// A bereaved family member taking part (a case of a death caused by crime): a person the
  /// hub contacts besides, or instead of, the victim block.
  public struct BereavedFamilyMember: Codable, Sendable, Equatable {
    /// Full name.
    public var name: String?
    /// How they are related to the person who died, e.g. "mother".
    public var relationship: String?
    /// Date of birth, "YYYY-MM-DD".
    public var dateOfBirth: String?
    /// Email address.
    public var email: String?
    /// Telephone number.
    public var phone: String?
    /// Postal address, one string.
    public var address: String?

    var fieldIssues: [ReferralError] = []

    /// Builds a family member.
    public init(
      name: String? = nil, relationship: String? = nil, dateOfBirth: String? = nil,
      email: String? = nil, phone: String? = nil, address: String? = nil
    ) {
      self.name = name
      self.relationship = relationship
      self.dateOfBirth = dateOfBirth
      self.email = email
      self.phone = phone
      self.address = address
    }

    enum CodingKeys: String, CodingKey {
      case name, relationship, dateOfBirth, email, phone, address
    }

    /// Decodes leniently: a field of the wrong type is read as nil and reported.
    public init(from decoder: any Decoder) throws {
      var fields = try LenientFields(decoder, keyedBy: CodingKeys.self)
      name = fields.string(.name)
      relationship = fields.string(.relationship)
      dateOfBirth = fields.string(.dateOfBirth)
      email = fields.string(.email)
      phone = fields.string(.phone)
      address = fields.string(.address)
      fieldIssues = fields.issues
    }

    /// `dateOfBirth` as a calendar date; nil when absent or not a real "YYYY-MM-DD" day.
    public var dateOfBirthDate: CalendarDate? { dateOfBirth.flatMap(CalendarDate.init) }
  }
}
