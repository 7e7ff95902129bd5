import EventContracts
import Foundation
import Testing

@testable import Intake

@Suite("Referral validation")
struct ReferralValidatorTests {
  let validator = ReferralValidator(areas: ["norfolk", "suffolk"])
  let receivedAt = Date(timeIntervalSince1970: 1_741_255_200)  // 2025-03-06T10:00:00Z

  func problems(_ object: [String: Any]) throws -> [ReferralError] {
    validator.problems(in: try SyntheticReferrals.submission(object), receivedAt: receivedAt)
  }

  @Test("a complete referral has no problems, unknown fields included")
  func valid() throws {
    #expect(try problems(SyntheticReferrals.valid()) == [])
  }

  @Test(
    "each broken field is reported with its path and code",
    arguments: SyntheticReferrals.brokenFields)
  func brokenField(path: String, value: String?, code: String) throws {
    let found = try problems(
      SyntheticReferrals.setting(SyntheticReferrals.valid(), path, to: value))
    #expect(found.map(\.path) == [path], "\(found)")
    #expect(found.first?.code == code)
    #expect(found.first?.message.isEmpty == false)
  }

  @Test("a referral without consent to share is refused, saying why")
  func noConsent() throws {
    let found = try problems(
      SyntheticReferrals.setting(SyntheticReferrals.valid(), "/consentToShare", to: false))
    #expect(found.map(\.path) == ["/consentToShare"])
    #expect(found.first?.code == "invalid-value")
    #expect(found.first?.message.contains("consent") == true)
  }

  @Test("a person referring themself must say whether contacting them is safe")
  func selfReferralSafeToContact() throws {
    var object = SyntheticReferrals.setting(
      SyntheticReferrals.valid(), "/referrer", to: ["type": "self", "name": "Self Referrer"])
    object = SyntheticReferrals.setting(object, "/victim/safeToContact", to: nil)
    let found = try problems(object)
    #expect(found.map(\.path) == ["/victim/safeToContact"])
    #expect(found.first?.code == "required")
    // A police referral may leave it unknown: victim-contact then treats contact as unsafe.
    #expect(
      try problems(
        SyntheticReferrals.setting(SyntheticReferrals.valid(), "/victim/safeToContact", to: nil)
      ) == [])
  }

  @Test("an offender-initiated referral may leave the victim's name out; a victim's may not")
  func victimNameOptionalForOffender() throws {
    var object = SyntheticReferrals.setting(SyntheticReferrals.valid(), "/victim/name", to: nil)
    #expect(try problems(object).map(\.path) == ["/victim/name"])
    object = SyntheticReferrals.setting(object, "/initiatedBy", to: "offender")
    object = SyntheticReferrals.setting(
      object, "/victimConsideration", to: ["victimAware": false])
    #expect(try problems(object) == [])
  }

  @Test("sensitivity flags must come from the list, each reported at its index")
  func sensitivityFlags() throws {
    let object = SyntheticReferrals.setting(
      SyntheticReferrals.valid(), "/sensitivity", to: ["stalking", "scary", "hate-crime"])
    let found = try problems(object)
    #expect(found.map(\.path) == ["/sensitivity/1"])
    #expect(found.first?.code == "invalid-value")
    #expect(found.first?.message.contains("death-caused-by-crime") == true)
    #expect(
      try problems(SyntheticReferrals.setting(SyntheticReferrals.valid(), "/sensitivity", to: "x"))
        .map(\.code) == ["invalid-type"])
  }

  @Test("each bereaved family member needs a name and relationship; at most ten")
  func bereavedFamilyMembers() throws {
    let members: [[String: Any]] = [
      ["name": "Relative One", "relationship": "mother", "dateOfBirth": "1960-01-01"],
      ["name": "Relative Two", "dateOfBirth": "2999-01-01", "email": "not-an-address"],
    ]
    let found = try problems(
      SyntheticReferrals.setting(SyntheticReferrals.valid(), "/bereavedFamilyMembers", to: members))
    #expect(
      found.map { "\($0.path) \($0.code)" } == [
        "/bereavedFamilyMembers/1/relationship required",
        "/bereavedFamilyMembers/1/dateOfBirth date-in-future",
        "/bereavedFamilyMembers/1/email invalid-format",
      ])
    let eleven = Array(repeating: members[0], count: 11)
    #expect(
      try problems(
        SyntheticReferrals.setting(SyntheticReferrals.valid(), "/bereavedFamilyMembers", to: eleven)
      ).map(\.path) == ["/bereavedFamilyMembers"])
    let wrongType = try problems(
      SyntheticReferrals.setting(
        SyntheticReferrals.valid(), "/bereavedFamilyMembers",
        to: [["name": 3, "relationship": "son"]]))
    #expect(
      wrongType.map { "\($0.path) \($0.code)" }.contains(
        "/bereavedFamilyMembers/0/name invalid-type"))
  }

  @Test("ages are whole years on the day in London, a birthday counting from its day")
  func ages() throws {
    let born = try #require(CalendarDate("2008-03-07"))
    #expect(
      ValidReferral.age(born: born, at: try #require(RFC3339.parse("2026-03-06T12:00:00Z"))) == 17)
    #expect(
      ValidReferral.age(born: born, at: try #require(RFC3339.parse("2026-03-07T00:30:00Z"))) == 18)
    // 23:30 UTC on 6 June is already 7 June in London (BST).
    let summer = try #require(CalendarDate("2008-06-07"))
    #expect(
      ValidReferral.age(born: summer, at: try #require(RFC3339.parse("2026-06-06T23:30:00Z"))) == 18
    )
  }

  @Test("a field of the wrong JSON type is reported as invalid-type, not missing")
  func wrongType() throws {
    let found = try problems(
      SyntheticReferrals.setting(SyntheticReferrals.valid(), "/victim/safeToContact", to: "yes"))
    #expect(found == [found[0]])
    #expect(found.first?.path == "/victim/safeToContact")
    #expect(found.first?.code == "invalid-type")
  }

  @Test("the preferred channel needs its contact detail")
  func channelNeedsDetail() throws {
    var object = SyntheticReferrals.setting(
      SyntheticReferrals.valid(), "/victim/preferredContact", to: "letter")
    object = SyntheticReferrals.setting(object, "/victim/address", to: nil)
    let found = try problems(object)
    #expect(found.map(\.path) == ["/victim/address"])
    #expect(found.first?.message.contains("letter") == true)
  }

  @Test("messages never repeat the submitted values")
  func noValuesInMessages() throws {
    var object = SyntheticReferrals.setting(
      SyntheticReferrals.valid(), "/victim/email", to: "zephyrine-at-example.org")
    object = SyntheticReferrals.setting(object, "/victim/dateOfBirth", to: "17/05/1980")
    let text = try problems(object).map(\.message).joined(separator: " ")
    #expect(!text.contains("zephyrine"))
    #expect(!text.contains("17/05/1980"))
  }

  @Test("an empty object lists every required field at once")
  func everythingMissing() throws {
    let paths = Set(try problems([:]).map(\.path))
    #expect(
      paths == [
        "/referralId", "/sourceSystem", "/area", "/submittedAt", "/referrer", "/initiatedBy",
        "/offence", "/victim", "/consentToShare",
      ])
  }

  @Test("a victim marked safe to contact with no way to contact them is contact-unusable")
  func safeButUnreachable() throws {
    var object = SyntheticReferrals.valid()
    for field in ["/victim/email", "/victim/phone", "/victim/address", "/victim/preferredContact"] {
      object = SyntheticReferrals.setting(object, field, to: nil)
    }
    let found = try problems(object)
    #expect(found.map(\.path) == ["/victim"])
    #expect(found.first?.code == "contact-unusable")
    // Not safe to contact: the hub goes through the referrer instead, so it is accepted.
    #expect(
      try problems(SyntheticReferrals.setting(object, "/victim/safeToContact", to: false)) == [])
  }

  @Test("an offender-initiated referral needs the victim's consideration")
  func offenderInitiated() throws {
    let offenderLed = SyntheticReferrals.setting(
      SyntheticReferrals.valid(), "/initiatedBy", to: "offender")
    let missing = try problems(offenderLed)
    #expect(missing.map(\.path) == ["/victimConsideration"])
    #expect(missing.first?.code == "victim-consideration-required")
    let partial = try problems(
      SyntheticReferrals.setting(offenderLed, "/victimConsideration", to: ["views": "unknown"]))
    #expect(partial.map(\.path) == ["/victimConsideration/victimAware"])
    #expect(partial.first?.code == "victim-consideration-required")
    let considered = SyntheticReferrals.setting(
      offenderLed, "/victimConsideration",
      to: ["victimAware": false, "views": "Synthetic: victim support advise a letter first."])
    #expect(try problems(considered) == [])
    // A victim-initiated referral does not need it.
    #expect(try problems(SyntheticReferrals.valid()) == [])
  }
}
