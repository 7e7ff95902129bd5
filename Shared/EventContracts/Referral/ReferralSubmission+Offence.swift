extension ReferralSubmission {
  /// The offence the referral is about.
  public struct Offence: Codable, Sendable, Equatable {
    /// The police crime reference, when reported.
    public var crimeReference: String?
    /// The offence category, e.g. "burglary".
    public var category: String?
    /// The day the offence happened, "YYYY-MM-DD" (see `occurredOnDate`).
    public var occurredOn: String?
    /// Whether the offence was reported to police (RJ is available either way).
    public var reportedToPolice: Bool?
    /// Free-text description.
    public var description: String?

    var fieldIssues: [ReferralError] = []

    /// Builds an offence.
    public init(
      crimeReference: String? = nil, category: String? = nil, occurredOn: String? = nil,
      reportedToPolice: Bool? = nil, description: String? = nil
    ) {
      self.crimeReference = crimeReference
      self.category = category
      self.occurredOn = occurredOn
      self.reportedToPolice = reportedToPolice
      self.description = description
    }

    enum CodingKeys: String, CodingKey {
      case crimeReference, category, occurredOn, reportedToPolice, description
    }

    /// Decodes leniently: a field of the wrong type is read as nil and reported.
    public init(from decoder: any Decoder) throws {
      var fields = try LenientFields(decoder, keyedBy: CodingKeys.self)
      crimeReference = fields.string(.crimeReference)
      category = fields.string(.category)
      occurredOn = fields.string(.occurredOn)
      reportedToPolice = fields.bool(.reportedToPolice)
      description = fields.string(.description)
      fieldIssues = fields.issues
    }

    /// `occurredOn` as a calendar date; nil when absent or not a real "YYYY-MM-DD" day.
    public var occurredOnDate: CalendarDate? { occurredOn.flatMap(CalendarDate.init) }
  }

  /// Where the offence happened (geography for the commissioners' reports).
  public struct Location: Codable, Sendable, Equatable {
    /// The district, e.g. "Norwich".
    public var district: String?
    /// The full postcode, e.g. "NR1 3QX" (see `postcodeDistrict`).
    public var postcode: String?

    var fieldIssues: [ReferralError] = []

    /// Builds a location.
    public init(district: String? = nil, postcode: String? = nil) {
      self.district = district
      self.postcode = postcode
    }

    enum CodingKeys: String, CodingKey {
      case district, postcode
    }

    /// Decodes leniently: a field of the wrong type is read as nil and reported.
    public init(from decoder: any Decoder) throws {
      var fields = try LenientFields(decoder, keyedBy: CodingKeys.self)
      district = fields.string(.district)
      postcode = fields.string(.postcode)
      fieldIssues = fields.issues
    }

    /// The outward code of a UK postcode ("NR1" for "nr1 3qx"), the only part events may
    /// carry; nil when `postcode` is not shaped like a UK postcode.
    public var postcodeDistrict: String? {
      guard let postcode else { return nil }
      let compact = postcode.uppercased().filter { $0 != " " }
      guard (5...7).contains(compact.count),
        compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
        compact.first?.isLetter == true,
        compact.dropLast(2).last?.isNumber == true,
        compact.suffix(2).allSatisfy(\.isLetter)
      else { return nil }
      return String(compact.dropLast(3))
    }
  }
}
