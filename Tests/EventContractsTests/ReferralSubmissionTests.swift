import EventContracts
import Foundation
import TestSupport
import Testing

@Suite("Police referral submission (lenient wire model)")
struct ReferralSubmissionTests {
  @Test func exampleMessageDecodesToTheCatalogSample() throws {
    let bytes = Array(
      try Data(contentsOf: RepositoryPaths.docs("examples/referral.submitted.v1.json")))
    let submission = try ReferralSubmission.decode(from: bytes)
    #expect(submission == EventSamples.referralSubmissions[0])
    #expect(submission.decodingIssues.isEmpty)
    #expect(submission.initiator == .victim)
    #expect(submission.referrer?.kind == .police)
    #expect(submission.victim?.contactPreference == .email)
    #expect(submission.victim?.dateOfBirthDate == CalendarDate(year: 1980, month: 1, day: 1))
    #expect(submission.offence?.occurredOnDate == CalendarDate("2025-02-14"))
    #expect(submission.location?.postcodeDistrict == "NR1")
    #expect(submission.submittedAtDate == Date(timeIntervalSince1970: 1_741_255_092.25))
  }

  @Test func wrongEnumValuesDecodeAsTextWithNoTypedValue() throws {
    let json = """
      {"referralId":"R-1","initiatedBy":"both","referrer":{"type":"probation"},
       "victim":{"preferredContact":"carrier pigeon"}}
      """
    let submission = try ReferralSubmission.decode(from: Array(json.utf8))
    #expect(submission.initiatedBy == "both")
    #expect(submission.initiator == nil)
    #expect(submission.referrer?.type == "probation")
    #expect(submission.referrer?.kind == nil)
    #expect(submission.victim?.contactPreference == nil)
    #expect(submission.decodingIssues.isEmpty)
  }

  @Test func wrongJSONTypesAreReportedByPathAndDecodingGoesOn() throws {
    let json = """
      {"referralId":12345,"sourceSystem":"norfolk-athena","consentToShare":"yes",
       "referrer":{"type":"police","trainedInRJ":"true"},"offence":"burglary",
       "victim":{"name":"Test Victim Alpha","phone":7700900456,"safeToContact":true},
       "unknownField":{"anything":[1,2]}}
      """
    let submission = try ReferralSubmission.decode(from: Array(json.utf8))
    #expect(submission.referralId == nil)
    #expect(submission.sourceSystem == "norfolk-athena")
    #expect(submission.consentToShare == nil)
    #expect(submission.referrer?.kind == .police)
    #expect(submission.offence == nil)
    #expect(submission.victim?.name == "Test Victim Alpha")
    #expect(submission.victim?.safeToContact == true)
    #expect(
      Set(submission.decodingIssues.map(\.path)) == [
        "/referralId", "/consentToShare", "/referrer/trainedInRJ", "/offence", "/victim/phone",
      ])
    #expect(submission.decodingIssues.allSatisfy { $0.code == ReferralError.Code.invalidType })
    let messages = submission.decodingIssues.map(\.message).joined(separator: " ")
    #expect(!messages.contains("7700900456"))
    #expect(!messages.contains("12345"))
  }

  @Test func emptyObjectDecodesWithEverythingMissing() throws {
    let submission = try ReferralSubmission.decode(from: Array("{}".utf8))
    #expect(submission == ReferralSubmission())
  }

  @Test(arguments: ["[1,2]", "\"text\"", "{not json", ""])
  func aBodyThatIsNotAnObjectIsMalformed(_ body: String) {
    #expect(throws: EventDecodingError.self) {
      try ReferralSubmission.decode(from: Array(body.utf8))
    }
  }

  @Test(arguments: [
    ("NR1 3QX", "NR1"), ("nr13qx", "NR1"), ("SW1A 1AA", "SW1A"), ("M1 1AE", "M1"),
    ("CB2 1TN", "CB2"),
  ])
  func postcodeDistrictIsTheOutwardCode(_ postcode: String, _ outward: String) {
    #expect(ReferralSubmission.Location(postcode: postcode).postcodeDistrict == outward)
  }

  @Test(arguments: ["", "NR1", "12345", "NR1 3Q1", "NR1-3QX", "ABCDEFGH"])
  func notAPostcodeHasNoDistrict(_ postcode: String) {
    #expect(ReferralSubmission.Location(postcode: postcode).postcodeDistrict == nil)
  }

  @Test func encodingOmitsAbsentFields() throws {
    let submission = ReferralSubmission(referralId: "R-1", consentToShare: true)
    let text = String(decoding: try EventCoding.encoder.encode(submission), as: UTF8.self)
    #expect(text == #"{"consentToShare":true,"referralId":"R-1"}"#)
  }
}
