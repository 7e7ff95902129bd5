import EventContracts
import Foundation
import TestSupport
import Testing

/// What a case starts with, announced on `case.opened.v1` by the built `rjhub-intake`: the
/// referrer (type, organisation, department, trained in RJ), geography, who initiated it, the
/// offence, the participants' ages and whether each is a youth, safe contact, enhanced rights,
/// bereavement and the sensitivity flags that route it to specialist facilitators.
@Suite("What a case starts with", .serialized)
struct CaseStartDataTests {
  @Test("sensitivity flags, ages and youth travel on case.opened, without personal data")
  func caseOpenedCarriesStartData() async throws {
    try await ServiceAPIRig.with(service: "intake", observing: [CaseOpened.routingKey]) { rig in
      let run = String(UUID().uuidString.prefix(8))
      let token = try await rig.token(
        subject: "athena", roles: [.referrer], areas: ["norfolk"], agency: ReferralAPITests.agency)
      var referral = ReferralAPITests.referral("START-\(run)", run: run)
      referral = SyntheticReferrals.setting(
        referral, "/sensitivity", to: ["stalking", "domestic-abuse", "stalking"])
      referral = SyntheticReferrals.setting(referral, "/victim/dateOfBirth", to: "2011-02-03")
      referral = SyntheticReferrals.setting(referral, "/victim/bereavedFamily", to: true)
      referral = SyntheticReferrals.setting(
        referral, "/bereavedFamilyMembers",
        to: [
          ["name": "Relative \(run)", "relationship": "mother", "email": "relative@example.org"],
          ["name": "Sibling \(run)", "relationship": "brother", "dateOfBirth": "2012-06-01"],
        ])
      referral = SyntheticReferrals.setting(
        referral, "/offender", to: ["name": "Offender \(run)", "identified": true, "youth": true])
      let sent = try await rig.http(
        "POST", "/referrals", token: token, body: ReferralAPITests.text(referral))
      #expect(sent.status == 201, "\(String(decoding: sent.body, as: UTF8.self))")

      let opened = try await rig.caseOpened(referralId: "START-\(run)")
      #expect(opened.sensitivity == ["domestic-abuse", "stalking"])
      let expectedAge = Calendar(identifier: .gregorian).dateComponents(
        [.year], from: try #require(RFC3339.parse("2011-02-03T12:00:00Z")), to: Date()
      ).year
      #expect(opened.victimAge == expectedAge)
      #expect(opened.victimIsYouth == true)
      #expect(opened.offenderAge == nil)
      #expect(opened.offenderIsYouth == true)
      #expect(opened.bereavedFamily == true)
      #expect(opened.bereavedFamilyMembers?.map(\.relationship) == ["mother", "brother"])
      #expect(opened.bereavedFamilyMembers?.first?.age == nil)
      #expect(opened.bereavedFamilyMembers?.last?.isYouth == true)
      let text = try String(data: JSONEncoder().encode(opened), encoding: .utf8) ?? ""
      #expect(!text.contains("Relative \(run)") && !text.contains("relative@example.org"))
      #expect(opened.referrerType == .police)
      #expect(opened.referrerOrganisation == "Norfolk Constabulary")
      #expect(opened.referrerDepartment == "Neighbourhood Policing Team")
      #expect(opened.referrerTrainedInRJ == true)
      #expect(opened.district == "Norwich")
      #expect(opened.postcodeDistrict == "NR1")
      #expect(opened.reportedToPolice == true)
    }
  }
}
