import EventContracts
import Foundation
import PersonalData
import ServiceRuntime

/// The body of `POST /facilitators`: one facilitator as the register should hold them,
/// created or replaced whole (upsert by `facilitatorId`). The register format is documented
/// in `docs/facilitator-register.md`.
///
/// ```json
/// {"facilitatorId": "FAC-0001", "displayName": "Test Facilitator Alpha",
///  "email": "alpha@example.org", "agency": "Norfolk RJ Service", "kind": "staff-advisor",
///  "level": "advanced", "areas": ["norfolk"], "districts": ["Norwich"],
///  "homeDistrict": "Norwich", "languages": ["en", "pl"], "culturalKnowledge": ["polish"],
///  "caseTypes": ["domestic-abuse", "youth"], "vettingExpiresOn": "2028-03-31",
///  "lastSupervisionOn": "2026-11-20", "capacity": 4, "active": true,
///  "conflictsOfInterest": [{"name": "Test Person"}, {"address": "1 Example Road, NR1 1AA"}]}
/// ```
///
/// Required: `facilitatorId` (letters, digits, `.`, `_`, `-`, at most 64), `displayName`,
/// `email`, `agency`, `level` (`foundation | intermediate | advanced`; the earlier
/// `practitioner` and `senior` are read as intermediate and advanced), `areas`, `capacity`
/// (0–100), `vettingExpiresOn` and `lastSupervisionOn` (`YYYY-MM-DD`, the latter not in the
/// future). Optional: `kind` (default `staff-advisor`), `districts` (default none: the whole of
/// each area), `homeDistrict` (where they travel from; default their first district),
/// `languages` (BCP 47, default `["en"]`), `culturalKnowledge` (codes), `caseTypes` (the
/// sensitive case types they are trained for, see ``CaseType``; `"sensitiveTrained": true`
/// without `caseTypes` means every known type), `active` (default true), and
/// `conflictsOfInterest` (people and addresses they must never be allocated beside, each
/// `{"name": …}` or `{"address": …}`; kept only as keyed hashes, never in clear; absent keeps
/// the entry's current ones, `[]` clears them).
struct FacilitatorRegistration: Encodable, Sendable, Equatable {
  /// The hub's register id, e.g. "FAC-0001"; the upsert key.
  var facilitatorId: String
  /// Personal data: the name allocation notices address.
  var displayName: String
  /// Personal data: where allocation notices go.
  var email: String
  /// The agency they work or volunteer for.
  var agency: String
  /// Staff, police, partner agency or volunteer.
  var kind: FacilitatorKind = .staffAdvisor
  /// Their RJ Council level.
  var level: FacilitatorLevel
  /// Area slugs they cover, e.g. "norfolk".
  var areas: [String]
  /// Districts they cover; empty means the whole of each area.
  var districts: [String]
  /// Where they travel from; their first district when absent.
  var homeDistrict: String? = nil
  /// Languages they speak (BCP 47).
  var languages: [String]
  /// Cultural knowledge they bring (codes).
  var culturalKnowledge: [String] = []
  /// Sensitive case types they are trained for.
  var caseTypes: [String] = []
  /// Whether they take cases.
  var active: Bool
  /// The most open allocations they take.
  var capacity: Int
  /// The last day their vetting is valid.
  var vettingExpiresOn: CalendarDate? = nil
  /// The day of their last supervision.
  var lastSupervisionOn: CalendarDate? = nil
  /// Keyed hashes of their conflicts of interest; nil on input means "keep the current ones".
  var conflictMarks: [String]? = nil
  /// The entry's revision: 1 when first registered, one more with every change (0 before it
  /// is stored).
  var revision: Int = 0

  /// The largest capacity accepted.
  static let maximumCapacity = 100
  /// Supervision is in date for 12 weeks after the last one.
  static let supervisionIntervalDays = 84
  /// The most conflicts of interest one entry may declare.
  static let maximumConflicts = 50

  /// Whether they are trained for any sensitive case type (the register's earlier flag).
  var sensitiveTrained: Bool { !caseTypes.isEmpty }

  /// Where they travel from.
  var travelsFrom: String? { homeDistrict ?? districts.first }

  /// The last day their supervision is in date: 12 weeks after the last one.
  var supervisionDueOn: CalendarDate? {
    lastSupervisionOn?.adding(days: FacilitatorRegistration.supervisionIntervalDays)
  }

  enum CodingKeys: String, CodingKey {
    case facilitatorId, displayName, email, agency, kind, level, areas, districts, homeDistrict
    case languages, culturalKnowledge, caseTypes, sensitiveTrained, active, capacity
    case vettingExpiresOn, lastSupervisionOn, supervisionDueOn, conflictsOfInterest
  }

  /// The entry as the API shows it: conflicts of interest only as a count.
  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(facilitatorId, forKey: .facilitatorId)
    try c.encode(displayName, forKey: .displayName)
    try c.encode(email, forKey: .email)
    try c.encode(agency, forKey: .agency)
    try c.encode(kind, forKey: .kind)
    try c.encode(level, forKey: .level)
    try c.encode(areas, forKey: .areas)
    try c.encode(districts, forKey: .districts)
    try c.encodeIfPresent(homeDistrict, forKey: .homeDistrict)
    try c.encode(languages, forKey: .languages)
    try c.encode(culturalKnowledge, forKey: .culturalKnowledge)
    try c.encode(caseTypes, forKey: .caseTypes)
    try c.encode(sensitiveTrained, forKey: .sensitiveTrained)
    try c.encode(active, forKey: .active)
    try c.encode(capacity, forKey: .capacity)
    try c.encodeIfPresent(vettingExpiresOn, forKey: .vettingExpiresOn)
    try c.encodeIfPresent(lastSupervisionOn, forKey: .lastSupervisionOn)
    try c.encodeIfPresent(supervisionDueOn, forKey: .supervisionDueOn)
    try c.encode(conflictMarks?.count ?? 0, forKey: .conflictsOfInterest)
  }

  /// Parses and checks `body`, reporting every problem at once; conflicts of interest are
  /// turned into marks with `marks` at once, so their clear text goes no further.
  static func parse(_ body: [UInt8], marks: ConflictOfInterestMarks, today: CalendarDate)
    throws(RequestValidationFailure) -> FacilitatorRegistration
  {
    var fields = try RequestFields.parse(body)
    let slug = { (text: String) -> String? in
      CaseType.isValid(text) ? nil : "must be a code: lower-case letters, digits and single hyphens"
    }
    let facilitatorId = fields.formatted(
      "facilitatorId", pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$", maxLength: 64,
      expected: "letters, digits, '.', '_' or '-', starting with a letter or digit")
    let displayName = fields.text("displayName", maxLength: 200)
    let email = fields.formatted(
      "email", pattern: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", maxLength: 254,
      expected: "an email address")
    let agency = fields.text("agency", maxLength: 200)
    let kind = fields.choice("kind", FacilitatorKind.self, required: false) ?? .staffAdvisor
    let level = fields.level("level")
    let areas = fields.strings("areas", allowEmpty: false, maxLength: 64, check: slug)
    let districts = fields.strings(
      "districts", default: [], allowEmpty: true, maxLength: 100,
      check: {
        $0.unicodeScalars.contains { CharacterSet.controlCharacters.contains($0) }
          ? "must not hold control characters" : nil
      })
    let homeDistrict = fields.text("homeDistrict")
    if let homeDistrict, let districts, !districts.isEmpty,
      !districts.contains(where: {
        Candidate.districtKey($0) == Candidate.districtKey(homeDistrict)
      })
    {
      fields.problem("homeDistrict", "not-covered", "must be one of the districts listed")
    }
    let languages = fields.strings(
      "languages", default: [LanguageTag.english], allowEmpty: false, maxLength: 35,
      check: { LanguageTag.isValid($0) ? nil : "must be a BCP 47 language tag, e.g. en-GB" })
    let cultural = fields.strings(
      "culturalKnowledge", default: [], allowEmpty: true, maxLength: 64, check: slug)
    let sensitiveTrained = fields.flag("sensitiveTrained", default: false)
    var caseTypes = fields.strings(
      "caseTypes", default: [], allowEmpty: true, maxLength: 64, check: slug)
    if fields.object["caseTypes"] == nil, sensitiveTrained == true { caseTypes = CaseType.known }
    let active = fields.flag("active", default: true)
    let capacity = fields.wholeNumber("capacity", in: 0...maximumCapacity)
    let vetting = fields.calendarDate("vettingExpiresOn")
    let supervision = fields.calendarDate("lastSupervisionOn")
    if let supervision, supervision > today {
      fields.problem("lastSupervisionOn", "in-future", "must not be after today (\(today))")
    }
    let conflicts = fields.conflictMarks("conflictsOfInterest", marks: marks)
    guard fields.problems.isEmpty, let facilitatorId, let displayName, let email, let agency,
      let level, let areas, let districts, let languages, let cultural, let caseTypes,
      let active, let capacity, let vetting, let supervision
    else { throw RequestValidationFailure(problems: fields.problems) }
    return FacilitatorRegistration(
      facilitatorId: facilitatorId, displayName: displayName, email: email, agency: agency,
      kind: kind, level: level, areas: areas, districts: districts, homeDistrict: homeDistrict,
      languages: languages, culturalKnowledge: cultural, caseTypes: caseTypes, active: active,
      capacity: capacity, vettingExpiresOn: vetting, lastSupervisionOn: supervision,
      conflictMarks: conflicts)
  }
}

extension RequestFields {
  /// Field `name`, a practitioner level (earlier names accepted).
  mutating func level(_ name: String) -> FacilitatorLevel? {
    let allowed = "one of " + FacilitatorLevel.allCases.map(\.rawValue).joined(separator: ", ")
    switch value(name, required: true, expecting: allowed) {
    case nil: return nil
    case .string(let text)?:
      if let level = FacilitatorLevel(registerValue: text) { return level }
      problem(name, "invalid-value", "must be \(allowed)")
    default: problem(name, "invalid-type", "must be a string, \(allowed)")
    }
    return nil
  }

  /// Required field `name`, a calendar date `YYYY-MM-DD`.
  mutating func calendarDate(_ name: String) -> CalendarDate? {
    guard let raw = value(name, required: true, expecting: "a date, YYYY-MM-DD") else {
      return nil
    }
    guard case .string(let text) = raw, let date = CalendarDate(text) else {
      problem(name, "invalid-format", "must be a date, YYYY-MM-DD")
      return nil
    }
    return date
  }

  /// Field `name`, a list of `{"name": …}` or `{"address": …}` objects, as conflict marks;
  /// nil when absent (keep the current ones).
  mutating func conflictMarks(_ name: String, marks: ConflictOfInterestMarks) -> [String]? {
    guard object[name] != nil, object[name] != .null else { return nil }
    let found = objects(name, maximum: FacilitatorRegistration.maximumConflicts) { item in
      let person = item.text("name")
      let address = item.text("address")
      if person == nil && address == nil {
        item.problem("name", "required", "required: a name or an address")
        return [String]?.none
      }
      let made = marks.marks(name: person, address: address)
      if made.isEmpty { item.problem("name", "invalid-value", "must hold letters or digits") }
      return made
    }
    return Array(Set(found.flatMap { $0 })).sorted()
  }
}
