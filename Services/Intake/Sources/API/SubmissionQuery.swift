import EventContracts
import Foundation
import PersonalData
import ServiceAssembly
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
    var fields = QueryFields(parameters)
    switch fields.string(
      "area", required: true,
      expecting: "an area the hub serves, or unknown for submissions without one")
    {
    case nil:
      break
    case "unknown"?:
      filter.area = nil
    case let area?:
      guard servedAreas.contains(area) else {
        fields.problem(
          "area", "unknown-area",
          "must be one of: \(servedAreas.sorted().joined(separator: ", ")), unknown")
        break
      }
      filter.area = area
    }
    if let outcome = fields.string("outcome") {
      if Self.outcomes.contains(outcome) {
        filter.outcome = outcome
      } else {
        fields.problem(
          "outcome", "invalid-value", "must be one of: \(Self.outcomes.joined(separator: ", "))")
      }
    }
    filter.from = fields.instant("from")
    filter.to = fields.instant("to")
    filter.before = fields.instant("before")
    switch fields.string("flagged") {
    case nil: break
    case "true"?: filter.awaitingReview = true
    default:
      fields.problem("flagged", "invalid-value", "true, for flagged referrals not yet checked")
    }
    filter.referralId = fields.string("referralId")
    if let limit = fields.string("limit") {
      if let number = Int(limit), (1...200).contains(number) {
        filter.limit = number
      } else {
        fields.problem("limit", "invalid-value", "a number from 1 to 200")
      }
    }
    switch (fields.string("victimName"), fields.string("victimDateOfBirth")) {
    case (let name?, let dateOfBirth?):
      filter.victimIdentityHash = sealer.matchingHash(
        [name, dateOfBirth], purpose: IntakePersonalData.victimIdentityPurpose)
      personalFields += ["victim.name", "victim.dateOfBirth"]
    case (nil, nil):
      break
    default:
      fields.problem(
        "victimName", "required",
        "victimName and victimDateOfBirth are searched together; give both")
    }
    if let crimeReference = fields.string("crimeReference") {
      filter.crimeReferenceHash = sealer.matchingHash(
        crimeReference, purpose: IntakePersonalData.crimeReferencePurpose)
      personalFields.append("offence.crimeReference")
    }
    try fields.finish()
  }
}
