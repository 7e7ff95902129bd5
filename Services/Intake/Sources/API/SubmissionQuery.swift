import EventContracts
import Foundation
import PersonalData
import ServiceRuntime

/// The query of `GET /submissions`, checked: every problem at once, each naming its parameter.
struct SubmissionQuery: Sendable {
  var filter = SubmissionFilter()
  /// The personal fields searched by (for the audit trail), e.g. `victim.name`.
  var personalFields: [String] = []

  static let outcomes = ["accepted", "duplicate", "linked", "rejected"]

  init(
    _ parameters: some Sequence<(key: Substring, value: Substring)>, servedAreas: Set<String>,
    sealer: PersonalDataSealer
  ) throws {
    var values: [String: String] = [:]
    var problems: [FieldProblem] = []
    for (key, value) in parameters {
      if values[String(key)] != nil {
        problems.append(FieldProblem(path: "?\(key)", code: "repeated", message: "give it once"))
      }
      values[String(key)] = String(value)
    }
    switch values["area"] {
    case nil:
      problems.append(
        FieldProblem(
          path: "?area", code: "required",
          message: "an area the hub serves, or unknown for submissions without one"))
    case "unknown"?:
      filter.area = nil
    case let area?:
      guard servedAreas.contains(area) else {
        problems.append(
          FieldProblem(
            path: "?area", code: "unknown-area",
            message: "must be one of: \(servedAreas.sorted().joined(separator: ", ")), unknown"))
        break
      }
      filter.area = area
    }
    if let outcome = values["outcome"] {
      if Self.outcomes.contains(outcome) {
        filter.outcome = outcome
      } else {
        problems.append(
          FieldProblem(
            path: "?outcome", code: "invalid-value",
            message: "must be one of: \(Self.outcomes.joined(separator: ", "))"))
      }
    }
    for name in ["from", "to", "before"] {
      guard let text = values[name] else { continue }
      guard let date = Self.time(text) else {
        problems.append(
          FieldProblem(
            path: "?\(name)", code: "invalid-format",
            message: "a date such as 2025-03-06 or a date-time such as 2025-03-06T10:00:00Z"))
        continue
      }
      switch name {
      case "from": filter.from = date
      case "to": filter.to = date
      default: filter.before = date
      }
    }
    switch values["flagged"] {
    case nil: break
    case "true"?: filter.awaitingReview = true
    default:
      problems.append(
        FieldProblem(
          path: "?flagged", code: "invalid-value",
          message: "true, for flagged referrals not yet checked"))
    }
    filter.referralId = values["referralId"]
    if let limit = values["limit"] {
      if let number = Int(limit), (1...200).contains(number) {
        filter.limit = number
      } else {
        problems.append(
          FieldProblem(path: "?limit", code: "invalid-value", message: "a number from 1 to 200"))
      }
    }
    switch (values["victimName"], values["victimDateOfBirth"]) {
    case (let name?, let dateOfBirth?):
      filter.victimIdentityHash = sealer.matchingHash(
        [name, dateOfBirth], purpose: IntakePersonalData.victimIdentityPurpose)
      personalFields += ["victim.name", "victim.dateOfBirth"]
    case (nil, nil):
      break
    default:
      problems.append(
        FieldProblem(
          path: "?victimName", code: "required",
          message: "victimName and victimDateOfBirth are searched together; give both"))
    }
    if let crimeReference = values["crimeReference"] {
      filter.crimeReferenceHash = sealer.matchingHash(
        crimeReference, purpose: IntakePersonalData.crimeReferencePurpose)
      personalFields.append("offence.crimeReference")
    }
    guard problems.isEmpty else { throw RequestValidationFailure(problems: problems) }
  }

  /// An RFC 3339 date-time, or a date (midnight UTC).
  static func time(_ text: String) -> Date? {
    if let date = RFC3339.parse(text) { return date }
    guard let day = CalendarDate(text) else { return nil }
    return RFC3339.parse("\(day)T00:00:00Z")
  }
}
