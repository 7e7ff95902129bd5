import EventContracts
import Foundation

/// What a person typed into the self-referral form, by field name, and how it becomes a
/// `referral.submitted.v1` document: the form is one more channel into the same pipeline, so
/// its referrals are validated, kept, linked and announced exactly like police ones.
///
/// A victim's or bereaved family member's own details go in `victim` (with `bereavedFamily`
/// set for the latter); an offender's go in `offender` and their contact details in the
/// `referrer` block, and the form never asks an offender for the victim's contact details.
struct SelfReferralAnswers: Sendable, Equatable {
  /// The form's values by field name (trimmed; empty fields are absent).
  var values: [String: String]

  /// The `sourceSystem` of every self-referral.
  static let sourceSystem = "self-referral-form"

  /// Who is referring themselves.
  enum Role: String, Sendable, CaseIterable {
    case victim, bereaved, offender
  }

  /// Parses an `application/x-www-form-urlencoded` body.
  init(formBody: [UInt8]) {
    var values: [String: String] = [:]
    for pair in String(decoding: formBody, as: UTF8.self).split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard let name = Self.decode(parts[0]) else { continue }
      let value = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
      let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
      if !trimmed.isEmpty, values[name] == nil { values[name] = trimmed }
    }
    self.values = values
  }

  /// Answers from values already parsed (tests).
  init(values: [String: String]) { self.values = values }

  static func decode(_ text: Substring) -> String? {
    text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
  }

  subscript(_ name: String) -> String? { values[name] }

  /// The role chosen, if one of the offered ones.
  var role: Role? { self["role"].flatMap(Role.init(rawValue:)) }

  /// A yes/no radio as a Boolean; nil when unanswered.
  func yesNo(_ name: String) -> Bool? {
    switch self[name] {
    case "yes": return true
    case "no": return false
    default: return nil
    }
  }

  /// A GOV.UK date input (`<name>-day`, `-month`, `-year`) as `YYYY-MM-DD` text; nil when all
  /// three parts are empty, and text the validator will refuse when they do not make a date.
  func date(_ name: String) -> String? {
    let parts = ["day", "month", "year"].map { self["\(name)-\($0)"] }
    if parts.allSatisfy({ $0 == nil }) { return nil }
    guard let day = parts[0].flatMap({ Int($0) }), let month = parts[1].flatMap({ Int($0) }),
      let year = parts[2].flatMap({ Int($0) }), (1000...9999).contains(year),
      (1...12).contains(month), (1...31).contains(day)
    else { return "not-a-date" }
    return String(format: "%04d-%02d-%02d", year, month, day)
  }

  /// The referral these answers make, with `referralId` the reference shown to the person.
  func submission(referralId: String, submittedAt: Date) -> ReferralSubmission {
    let role = role
    var submission = ReferralSubmission(
      referralId: referralId, sourceSystem: Self.sourceSystem, area: self["area"],
      submittedAt: RFC3339.format(submittedAt),
      referrer: .init(
        type: ReferrerType.selfReferral.rawValue, name: self["fullName"], email: self["email"],
        phone: self["phone"]),
      initiatedBy: role.map { $0 == .offender ? InitiatedBy.offender : .victim }?.rawValue,
      offence: .init(
        crimeReference: self["crimeReference"], category: self["offenceCategory"],
        occurredOn: date("occurred"), reportedToPolice: yesNo("reportedToPolice"),
        description: self["whatHappened"]),
      location: self["postcode"].map { .init(postcode: $0) },
      consentToShare: self["consent"] == "yes" ? true : nil, notes: self["notes"])
    if role == .offender {
      submission.offender = .init(
        name: self["fullName"], dateOfBirth: date("dob"), identified: true)
      submission.victim = .init(name: self["victimName"], safeToContact: false)
      submission.victimConsideration = .init(
        victimAware: self["victimAware"] == "yes" ? true : self["victimAware"].map { _ in false })
    } else {
      submission.victim = .init(
        name: self["fullName"], dateOfBirth: date("dob"), email: self["email"],
        phone: self["phone"], address: self["address"],
        preferredContact: self["preferredContact"], language: self["language"],
        safeToContact: yesNo("safeToContact"), bereavedFamily: role == .bereaved)
    }
    return submission
  }
}
