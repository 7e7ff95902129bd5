import Foundation
import ServiceRuntime

/// The body of `POST /facilitators`: one facilitator as the register should hold them,
/// created or replaced whole (upsert by `facilitatorId`).
///
/// ```json
/// {"facilitatorId": "FAC-0001", "displayName": "Test Facilitator Alpha",
///  "email": "alpha@example.org", "agency": "Norfolk RJ Service", "level": "practitioner",
///  "areas": ["norfolk"], "districts": ["Norwich"], "languages": ["en", "pl"],
///  "sensitiveTrained": true, "active": true, "capacity": 4}
/// ```
///
/// Required: `facilitatorId` (the hub's id: letters, digits, `.`, `_`, `-`, at most 64),
/// `displayName`, `email`, `agency`, `level` (`foundation | practitioner | senior`), `areas`
/// (at least one area slug such as `norfolk`), `capacity` (the most open allocations, 0–100).
/// Optional: `districts` (default none: the whole of each area), `languages` (BCP 47,
/// default `["en"]`), `sensitiveTrained` (default false), `active` (default true). Other
/// fields are ignored.
struct FacilitatorRegistration: Encodable, Sendable, Equatable {
  /// The hub's register id, e.g. "FAC-0001"; the upsert key.
  var facilitatorId: String
  /// Personal data: the name allocation notices address.
  var displayName: String
  /// Personal data: where allocation notices go.
  var email: String
  /// The agency they work or volunteer for.
  var agency: String
  /// Their practitioner level.
  var level: FacilitatorLevel
  /// Area slugs they cover, e.g. "norfolk".
  var areas: [String]
  /// Districts they cover; empty means the whole of each area.
  var districts: [String]
  /// Languages they speak (BCP 47).
  var languages: [String]
  /// Whether they are trained for sensitive cases.
  var sensitiveTrained: Bool
  /// Whether they take cases.
  var active: Bool
  /// The most open allocations they take.
  var capacity: Int

  /// The largest capacity accepted.
  static let maximumCapacity = 100

  /// Parses and checks `body`, reporting every problem at once.
  static func parse(_ body: [UInt8]) throws(RequestValidationFailure) -> FacilitatorRegistration {
    var fields = try RequestFields.parse(body)
    let facilitatorId = fields.formatted(
      "facilitatorId", pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$", maxLength: 64,
      expected: "letters, digits, '.', '_' or '-', starting with a letter or digit")
    let displayName = fields.text("displayName", maxLength: 200)
    let email = fields.formatted(
      "email", pattern: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", maxLength: 254,
      expected: "an email address")
    let agency = fields.text("agency", maxLength: 200)
    let level = fields.choice("level", FacilitatorLevel.self)
    let areas = fields.strings(
      "areas", allowEmpty: false, maxLength: 64,
      check: {
        $0.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression) == nil
          ? "must be an area slug: lower-case letters, digits and single hyphens" : nil
      })
    let districts = fields.strings("districts", default: [], allowEmpty: true, maxLength: 100)
    let languages = fields.strings(
      "languages", default: [LanguageTag.english], allowEmpty: false, maxLength: 35,
      check: { LanguageTag.isValid($0) ? nil : "must be a BCP 47 language tag, e.g. en-GB" })
    let sensitiveTrained = fields.flag("sensitiveTrained", default: false)
    let active = fields.flag("active", default: true)
    let capacity = fields.wholeNumber("capacity", in: 0...maximumCapacity)
    guard fields.problems.isEmpty, let facilitatorId, let displayName, let email, let agency,
      let level, let areas, let districts, let languages, let sensitiveTrained, let active,
      let capacity
    else { throw RequestValidationFailure(problems: fields.problems) }
    return FacilitatorRegistration(
      facilitatorId: facilitatorId, displayName: displayName, email: email, agency: agency,
      level: level, areas: areas, districts: districts, languages: languages,
      sensitiveTrained: sensitiveTrained, active: active, capacity: capacity)
  }
}
