import EventContracts
import Foundation
import HubAreas

/// Checks a police or agency submission against the referral contract and lists every
/// problem as a path, a code and a message a sender's developer can act on.
///
/// Messages describe what is expected and never repeat the submitted value: a rejection is
/// published and logged, and values may be personal data.
public struct ReferralValidator: Sendable {
  /// The areas the hub serves, with their districts.
  public var directory: HubAreaDirectory
  /// The served area ids.
  public var areas: Set<String> { directory.ids }
  /// How far `submittedAt` may lie ahead of the receipt time (clock skew).
  public var clockSkew: TimeInterval = 300

  /// A validator for the areas of `directory`.
  public init(directory: HubAreaDirectory) { self.directory = directory }

  /// Every problem with `submission`, received at `receivedAt`; empty when it is valid.
  public func problems(in submission: ReferralSubmission, receivedAt: Date) -> [ReferralError] {
    var report = ValidationReport(issues: submission.decodingIssues)
    let today = CalendarDate(utc: receivedAt)
    checkIdentity(submission, receivedAt: receivedAt, &report)
    checkReferrer(submission.referrer, &report)
    report.requireEnum(submission.initiatedBy, InitiatedBy.self, "/initiatedBy")
    checkOffence(submission.offence, today: today, &report)
    if let area = submission.area.flatMap({ directory[$0] }),
      let district = submission.location?.district, area.district(matching: district) == nil
    {
      report.add(
        "/location/district", ReferralError.Code.unknownDistrict,
        "must be one of \(area.name)'s districts: \(area.districts.joined(separator: ", "))")
    }
    if let postcode = submission.location?.postcode, !Self.isPostcode(postcode) {
      report.add("/location/postcode", ReferralError.Code.invalidFormat, "must be a UK postcode")
    }
    checkVictim(
      submission.victim, nameRequired: submission.initiator != .offender, today: today, &report)
    if submission.initiator == .offender {
      checkVictimConsideration(submission.victimConsideration, &report)
    } else if submission.referrer?.kind == .selfReferral, submission.victim != nil,
      submission.victim?.safeToContact == nil
    {
      // Only the person themself can say whether contacting them is safe.
      report.missing("/victim/safeToContact")
    }
    if let offender = submission.offender {
      report.checkPastDate(offender.dateOfBirth, "/offender/dateOfBirth", today: today)
    }
    switch submission.consentToShare {
    case nil:
      report.missing("/consentToShare")
    case false?:
      report.add(
        "/consentToShare", ReferralError.Code.invalidValue,
        "must be true: a referral can only be processed with consent to share")
    case true?:
      break
    }
    checkBereavedFamilyMembers(submission.bereavedFamilyMembers, today: today, &report)
    for (index, flag) in (submission.sensitivity ?? []).enumerated()
    where SensitivityFlag(rawValue: flag) == nil {
      report.add(
        "/sensitivity/\(index)", ReferralError.Code.invalidValue,
        "must be one of \(SensitivityFlag.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    checkLengths(submission, &report)
    return report.issues
  }

  /// The longest text each field may hold (the contract's `maxLength`s).
  static func lengthLimits(_ submission: ReferralSubmission) -> [(String, String?, Int)] {
    let referrer = submission.referrer
    let offence = submission.offence
    let victim = submission.victim
    return [
      ("/referralId", submission.referralId, 100), ("/sourceSystem", submission.sourceSystem, 64),
      ("/area", submission.area, 64), ("/referrer/organisation", referrer?.organisation, 200),
      ("/referrer/department", referrer?.department, 200), ("/referrer/name", referrer?.name, 200),
      ("/referrer/email", referrer?.email, 254), ("/referrer/phone", referrer?.phone, 40),
      ("/offence/crimeReference", offence?.crimeReference, 100),
      ("/offence/category", offence?.category, 100),
      ("/offence/description", offence?.description, 4000),
      ("/location/district", submission.location?.district, 100),
      ("/location/postcode", submission.location?.postcode, 10),
      ("/victim/name", victim?.name, 200), ("/victim/email", victim?.email, 254),
      ("/victim/phone", victim?.phone, 40), ("/victim/address", victim?.address, 500),
      ("/victim/language", victim?.language, 35),
      ("/offender/name", submission.offender?.name, 200),
      ("/victimConsideration/views", submission.victimConsideration?.views, 4000),
      ("/notes", submission.notes, 4000),
    ]
      + (submission.bereavedFamilyMembers ?? []).enumerated().flatMap { index, member in
        let at = "/bereavedFamilyMembers/\(index)"
        return [
          ("\(at)/name", member.name, 200), ("\(at)/relationship", member.relationship, 100),
          ("\(at)/email", member.email, 254), ("\(at)/phone", member.phone, 40),
          ("\(at)/address", member.address, 500),
        ]
      }
  }

  /// Reports every text field longer than its limit (once per path, so a field already
  /// reported for its format is not reported again).
  func checkLengths(_ submission: ReferralSubmission, _ report: inout ValidationReport) {
    for (path, value, limit) in Self.lengthLimits(submission) {
      if let value, value.count > limit {
        report.add(path, ReferralError.Code.tooLong, "must be at most \(limit) characters")
      }
    }
  }

  func checkIdentity(
    _ submission: ReferralSubmission, receivedAt: Date, _ report: inout ValidationReport
  ) {
    _ = report.requireText(submission.referralId, "/referralId")
    if let source = report.requireText(submission.sourceSystem, "/sourceSystem"),
      source.range(of: "^[a-z0-9][a-z0-9-]{1,62}$", options: .regularExpression) == nil
    {
      report.add(
        "/sourceSystem", ReferralError.Code.invalidFormat,
        "must be 2 to 63 lower-case letters, digits or hyphens, e.g. norfolk-athena")
    }
    if let area = report.requireText(submission.area, "/area"), !areas.contains(area) {
      report.add(
        "/area", ReferralError.Code.unknownArea,
        "must be an area this hub serves: \(areas.sorted().joined(separator: ", "))")
    }
    if report.requireText(submission.submittedAt, "/submittedAt") != nil {
      if let date = submission.submittedAtDate {
        if date.timeIntervalSince(receivedAt) > clockSkew {
          report.add("/submittedAt", ReferralError.Code.dateInFuture, "must not be in the future")
        }
      } else {
        report.add(
          "/submittedAt", ReferralError.Code.invalidFormat,
          "must be an RFC 3339 date-time, e.g. 2025-03-06T10:00:00Z")
      }
    }
  }

  func checkReferrer(_ referrer: ReferralSubmission.Referrer?, _ report: inout ValidationReport) {
    guard let referrer else { return report.missing("/referrer") }
    report.requireEnum(referrer.type, ReferrerType.self, "/referrer/type")
    if referrer.kind != .selfReferral {
      _ = report.requireText(referrer.organisation, "/referrer/organisation")
    }
    report.checkEmail(referrer.email, "/referrer/email")
    report.checkPhone(referrer.phone, "/referrer/phone")
  }

  /// An offender-initiated referral must say whether the victim knows, so nobody approaches a
  /// victim on the offender's word alone.
  func checkVictimConsideration(
    _ consideration: ReferralSubmission.VictimConsideration?, _ report: inout ValidationReport
  ) {
    guard let consideration, consideration.victimAware != nil else {
      return report.add(
        consideration == nil ? "/victimConsideration" : "/victimConsideration/victimAware",
        ReferralError.Code.victimConsiderationRequired,
        "is required when initiatedBy is offender: say whether the victim knows the offender wants restorative justice (victimAware) and what is known of their views"
      )
    }
  }

  func checkOffence(
    _ offence: ReferralSubmission.Offence?, today: CalendarDate?, _ report: inout ValidationReport
  ) {
    guard let offence else { return report.missing("/offence") }
    _ = report.requireText(offence.category, "/offence/category")
    report.checkPastDate(offence.occurredOn, "/offence/occurredOn", today: today)
    if offence.reportedToPolice == nil { report.missing("/offence/reportedToPolice") }
  }

  /// The victim's details. Their name may be absent from an offender-initiated referral: an
  /// offender referring themselves may not know it, and the hub finds it from the crime.
  func checkVictim(
    _ victim: ReferralSubmission.Victim?, nameRequired: Bool, today: CalendarDate?,
    _ report: inout ValidationReport
  ) {
    guard let victim else { return report.missing("/victim") }
    if nameRequired { _ = report.requireText(victim.name, "/victim/name") }
    report.checkPastDate(victim.dateOfBirth, "/victim/dateOfBirth", today: today)
    report.checkEmail(victim.email, "/victim/email")
    report.checkPhone(victim.phone, "/victim/phone")
    let channels = [victim.email, victim.phone, victim.address].compactMap {
      $0?.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    if victim.safeToContact == true, channels.allSatisfy(\.isEmpty) {
      report.add(
        "/victim", ReferralError.Code.contactUnusable,
        "is marked safe to contact but gives no email, phone or address: add one, or set safeToContact to false"
      )
    }
    if let language = victim.language,
      language.range(of: "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", options: .regularExpression)
        == nil
    {
      report.add(
        "/victim/language", ReferralError.Code.invalidFormat,
        "must be a BCP 47 language tag, e.g. en-GB")
    }
    if victim.preferredContact != nil {
      report.requireEnum(victim.preferredContact, PreferredContact.self, "/victim/preferredContact")
    }
    switch victim.contactPreference {
    case .email?: _ = report.requireText(victim.email, "/victim/email", because: "email")
    case .phone?: _ = report.requireText(victim.phone, "/victim/phone", because: "phone")
    case .letter?: _ = report.requireText(victim.address, "/victim/address", because: "letter")
    case nil: break
    }
  }

  /// The most bereaved family members one referral may name.
  static let maximumBereavedFamilyMembers = 10

  /// Each bereaved family member needs a name and their relationship; their date of birth and
  /// contact details, when given, must be usable.
  func checkBereavedFamilyMembers(
    _ members: [ReferralSubmission.BereavedFamilyMember]?, today: CalendarDate?,
    _ report: inout ValidationReport
  ) {
    guard let members else { return }
    if members.count > Self.maximumBereavedFamilyMembers {
      report.add(
        "/bereavedFamilyMembers", ReferralError.Code.invalidValue,
        "must name at most \(Self.maximumBereavedFamilyMembers) people")
    }
    for (index, member) in members.enumerated() {
      let at = "/bereavedFamilyMembers/\(index)"
      _ = report.requireText(member.name, "\(at)/name")
      _ = report.requireText(member.relationship, "\(at)/relationship")
      report.checkPastDate(member.dateOfBirth, "\(at)/dateOfBirth", today: today)
      report.checkEmail(member.email, "\(at)/email")
      report.checkPhone(member.phone, "\(at)/phone")
    }
  }

  /// A loose UK postcode check (outward and inward code).
  static func isPostcode(_ text: String) -> Bool {
    text.range(
      of: "^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$", options: .regularExpression)
      != nil
  }
}

extension CalendarDate {
  /// The calendar day of `date` in UTC.
  init?(utc date: Date) {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.year, .month, .day], from: date)
    self.init(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
  }
}
