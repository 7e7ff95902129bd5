extension ReferralSubmission {
  /// The person or organisation making the referral.
  public struct Referrer: Codable, Sendable, Equatable {
    /// "police", "victim-hub", "agency" or "self" (see `kind`).
    public var type: String?
    /// The organisation, e.g. "Norfolk Constabulary".
    public var organisation: String?
    /// The department, e.g. "Neighbourhood Policing Team".
    public var department: String?
    /// The referrer's name.
    public var name: String?
    /// The referrer's email.
    public var email: String?
    /// The referrer's phone number.
    public var phone: String?
    /// Whether the referrer is trained in restorative justice (a commissioners' figure).
    public var trainedInRJ: Bool?

    var fieldIssues: [ReferralError] = []

    /// Builds a referrer.
    public init(
      type: String? = nil, organisation: String? = nil, department: String? = nil,
      name: String? = nil, email: String? = nil, phone: String? = nil, trainedInRJ: Bool? = nil
    ) {
      self.type = type
      self.organisation = organisation
      self.department = department
      self.name = name
      self.email = email
      self.phone = phone
      self.trainedInRJ = trainedInRJ
    }

    enum CodingKeys: String, CodingKey {
      case type, organisation, department, name, email, phone, trainedInRJ
    }

    /// Decodes leniently: a field of the wrong type is read as nil and reported.
    public init(from decoder: any Decoder) throws {
      var fields = try LenientFields(decoder, keyedBy: CodingKeys.self)
      type = fields.string(.type)
      organisation = fields.string(.organisation)
      department = fields.string(.department)
      name = fields.string(.name)
      email = fields.string(.email)
      phone = fields.string(.phone)
      trainedInRJ = fields.bool(.trainedInRJ)
      fieldIssues = fields.issues
    }

    /// `type` as a known referrer type; nil when absent or not one of the allowed values.
    public var kind: ReferrerType? { type.flatMap(ReferrerType.init(rawValue:)) }
  }
}
