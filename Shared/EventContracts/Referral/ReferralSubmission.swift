import Foundation

/// The referral body a police record system (or victim care hub) publishes to exchange
/// `rj.referrals` with routing key "referral.submitted.v1". It is the sender's own JSON, not
/// wrapped in an `EventEnvelope`.
///
/// Decoding is lenient so intake can answer with every problem at once: every field is
/// optional, enumerations stay text (see the typed accessors), and a field of the wrong JSON
/// type decodes as nil and is listed in `decodingIssues`. Only a body that is not a JSON object
/// fails to decode.
public struct ReferralSubmission: Codable, Sendable, Equatable {
  /// The event type of the submission contract.
  public static let eventType = "referral.submitted"
  /// The version of the submission contract.
  public static let eventVersion = 1
  /// The routing key police systems publish with: "referral.submitted.v1".
  public static var routingKey: String { RoutingKey.make(type: eventType, version: eventVersion) }

  /// The sender's own reference, unique within `sourceSystem`.
  public var referralId: String?
  /// The sending system, e.g. "norfolk-athena".
  public var sourceSystem: String?
  /// The force area, e.g. "norfolk".
  public var area: String?
  /// When the sender submitted it (RFC 3339 text; see `submittedAtDate`).
  public var submittedAt: String?
  /// Who is referring.
  public var referrer: Referrer?
  /// "victim" or "offender" (see `initiator`).
  public var initiatedBy: String?
  /// The offence.
  public var offence: Offence?
  /// Where the offence happened.
  public var location: Location?
  /// The victim, when known.
  public var victim: Victim?
  /// The offender, when known.
  public var offender: Offender?
  /// How the victim has been considered, for a referral the offender initiated.
  public var victimConsideration: VictimConsideration?
  /// Bereaved family members taking part (a death caused by crime), at most ten.
  public var bereavedFamilyMembers: [BereavedFamilyMember]?
  /// What makes the case sensitive (``SensitivityFlag`` values), if anything.
  public var sensitivity: [String]?
  /// Whether the participants consented to their details being shared with the hub.
  public var consentToShare: Bool?
  /// Free-text notes from the referrer.
  public var notes: String?

  private var fieldIssues: [ReferralError] = []

  /// Builds a submission (police-side tools, tests, samples).
  public init(
    referralId: String? = nil, sourceSystem: String? = nil, area: String? = nil,
    submittedAt: String? = nil, referrer: Referrer? = nil, initiatedBy: String? = nil,
    offence: Offence? = nil, location: Location? = nil, victim: Victim? = nil,
    offender: Offender? = nil, victimConsideration: VictimConsideration? = nil,
    bereavedFamilyMembers: [BereavedFamilyMember]? = nil, sensitivity: [String]? = nil,
    consentToShare: Bool? = nil, notes: String? = nil
  ) {
    self.referralId = referralId
    self.sourceSystem = sourceSystem
    self.area = area
    self.submittedAt = submittedAt
    self.referrer = referrer
    self.initiatedBy = initiatedBy
    self.offence = offence
    self.location = location
    self.victim = victim
    self.offender = offender
    self.victimConsideration = victimConsideration
    self.bereavedFamilyMembers = bereavedFamilyMembers
    self.sensitivity = sensitivity
    self.consentToShare = consentToShare
    self.notes = notes
  }

  enum CodingKeys: String, CodingKey {
    case referralId, sourceSystem, area, submittedAt, referrer, initiatedBy, offence, location
    case victim, offender, victimConsideration, bereavedFamilyMembers, sensitivity
    case consentToShare, notes
  }

  /// Decodes leniently (see the type's documentation); unknown fields are ignored.
  public init(from decoder: any Decoder) throws {
    var fields = try LenientFields(decoder, keyedBy: CodingKeys.self)
    referralId = fields.string(.referralId)
    sourceSystem = fields.string(.sourceSystem)
    area = fields.string(.area)
    submittedAt = fields.string(.submittedAt)
    referrer = fields.object(Referrer.self, .referrer)
    initiatedBy = fields.string(.initiatedBy)
    offence = fields.object(Offence.self, .offence)
    location = fields.object(Location.self, .location)
    victim = fields.object(Victim.self, .victim)
    offender = fields.object(Offender.self, .offender)
    victimConsideration = fields.object(VictimConsideration.self, .victimConsideration)
    bereavedFamilyMembers = fields.objects(BereavedFamilyMember.self, .bereavedFamilyMembers)
    sensitivity = fields.strings(.sensitivity)
    consentToShare = fields.bool(.consentToShare)
    notes = fields.string(.notes)
    fieldIssues = fields.issues
  }

  /// Decodes a raw body. Throws `EventDecodingError.malformed` only when the bytes are not a
  /// JSON object; field-level problems land in `decodingIssues`.
  public static func decode(from bytes: [UInt8]) throws -> ReferralSubmission {
    try EventCoding.decodeMapped(ReferralSubmission.self, from: bytes)
  }

  /// Fields that had the wrong JSON type and were read as absent, as "invalid-type" errors
  /// with their JSON pointers.
  public var decodingIssues: [ReferralError] {
    fieldIssues + (referrer?.fieldIssues ?? []) + (offence?.fieldIssues ?? [])
      + (location?.fieldIssues ?? []) + (victim?.fieldIssues ?? [])
      + (offender?.fieldIssues ?? []) + (victimConsideration?.fieldIssues ?? [])
      + (bereavedFamilyMembers ?? []).flatMap(\.fieldIssues)
  }

  /// `initiatedBy` as a known value; nil when absent or not "victim" / "offender".
  public var initiator: InitiatedBy? { initiatedBy.flatMap(InitiatedBy.init(rawValue:)) }

  /// `submittedAt` as a date; nil when absent or not an RFC 3339 date-time.
  public var submittedAtDate: Date? { submittedAt.flatMap(RFC3339.parse) }
}
