/// The people to contact about a newly opened case, sent by intake to victim-contact only
/// (reporting never binds it). It is the one hub event that carries direct identifiers,
/// kept apart from ``CaseOpened`` so that everything else stays free of them. Routing key
/// "case.contact-details.v1".
public struct CaseContactDetails: EventPayload {
  /// "case.contact-details".
  public static let eventType = "case.contact-details"
  /// Version 1.
  public static let eventVersion = 1

  /// The hub's case id.
  public var caseId: String
  /// The victim, when the referral named one.
  public var victim: Person?
  /// The person who referred, for the acknowledgement.
  public var referrer: Person
  /// Bereaved family members taking part, with their relationship to the person who died.
  public var bereavedFamilyMembers: [Person]?

  /// A person's contact details as the referral gave them.
  public struct Person: Codable, Sendable, Equatable {
    /// Full name.
    public var name: String?
    /// Email address.
    public var email: String?
    /// Telephone number.
    public var phone: String?
    /// Postal address, one string.
    public var address: String?
    /// The organisation (a referrer's).
    public var organisation: String?
    /// The relationship to the person who died (a bereaved family member's).
    public var relationship: String?

    /// Builds the details.
    public init(
      name: String? = nil, email: String? = nil, phone: String? = nil, address: String? = nil,
      organisation: String? = nil, relationship: String? = nil
    ) {
      self.name = name
      self.email = email
      self.phone = phone
      self.address = address
      self.organisation = organisation
      self.relationship = relationship
    }
  }

  /// Builds the payload.
  public init(
    caseId: String, victim: Person?, referrer: Person, bereavedFamilyMembers: [Person]? = nil
  ) {
    self.caseId = caseId
    self.victim = victim
    self.referrer = referrer
    self.bereavedFamilyMembers = bereavedFamilyMembers
  }
}
