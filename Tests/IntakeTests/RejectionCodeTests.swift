import EventContracts
import Foundation
import TestSupport
import Testing

/// Every rejection code of the referral contract, each through the real handler over AMQP:
/// the police reply carries exactly the expected path and code.
@Suite("Every rejection code, over AMQP", .serialized)
struct RejectionCodeTests {
  /// One broken body per code (and per rule beyond the basic ones), with the one error it must
  /// get.
  static let cases: [(body: [UInt8], path: String, code: String)] = {
    func with(_ path: String, _ value: Any?) -> [UInt8] {
      SyntheticReferrals.bytes(
        SyntheticReferrals.setting(SyntheticReferrals.valid(), path, to: value))
    }
    var unreachable = SyntheticReferrals.valid()
    for field in ["/victim/email", "/victim/phone", "/victim/address", "/victim/preferredContact"] {
      unreachable = SyntheticReferrals.setting(unreachable, field, to: nil)
    }
    var selfReferral = SyntheticReferrals.setting(
      SyntheticReferrals.valid(), "/referrer", to: ["type": "self", "name": "Self Referrer"])
    selfReferral = SyntheticReferrals.setting(selfReferral, "/victim/safeToContact", to: nil)
    return [
      (with("/victim/name", nil), "/victim/name", "required"),
      (SyntheticReferrals.bytes(selfReferral), "/victim/safeToContact", "required"),
      (with("/sensitivity", ["stalking", "scary"]), "/sensitivity/1", "invalid-value"),
      (with("/offender/youth", "yes"), "/offender/youth", "invalid-type"),
      (
        with("/bereavedFamilyMembers", [["name": "Relative One"]]),
        "/bereavedFamilyMembers/0/relationship", "required"
      ),
      (with("/consentToShare", "yes"), "/consentToShare", "invalid-type"),
      (with("/victim/dateOfBirth", "17/05/1980"), "/victim/dateOfBirth", "invalid-format"),
      (with("/victim/name", "Zeph\u{0}yrine"), "/victim/name", "invalid-format"),
      (with("/initiatedBy", "bystander"), "/initiatedBy", "invalid-value"),
      (with("/offence/occurredOn", "2999-01-01"), "/offence/occurredOn", "date-in-future"),
      (with("/area", "atlantis"), "/area", "unknown-area"),
      (with("/notes", String(repeating: "n", count: 4001)), "/notes", "too-long"),
      (with("/victim/phone", "ask at the desk"), "/victim/phone", "contact-unusable"),
      (SyntheticReferrals.bytes(unreachable), "/victim", "contact-unusable"),
      (with("/initiatedBy", "offender"), "/victimConsideration", "victim-consideration-required"),
      (with("/location/district", "Ipswich"), "/location/district", "unknown-district"),
      (Array("[1, 2, 3]".utf8), "", "malformed-json"),
    ] + SyntheticReferrals.brokenFields.map { path, value, code in (with(path, value), path, code) }
  }()

  @Test("each code is answered on the sender's reply queue with exactly its path")
  func everyCode() async throws {
    try await IntakeHarness.with { h in
      for (index, broken) in Self.cases.enumerated() {
        _ = try await h.submit(
          [broken.body], replyTo: "police.codes-test.replies", correlationId: "code-\(index)")
      }
      try await h.handle(expecting: Self.cases.count)
      let replies = try await h.emitted().filter { $0.exchange == "" }
      #expect(replies.count == Self.cases.count)
      for (index, broken) in Self.cases.enumerated() {
        let reply = try #require(replies.first { $0.correlationId == "code-\(index)" })
        #expect(reply.messageType == ReferralRejected.routingKey)
        let rejection = try EventCoding.decode(ReferralRejected.self, from: Array(reply.body.utf8))
        #expect(
          rejection.data.errors.map { "\($0.path) \($0.code)" } == [
            "\(broken.path) \(broken.code)"
          ],
          "case \(index)")
      }
      let allCodes = Set(Self.cases.map(\.code))
      #expect(allCodes == HostileReferralTests.knownCodes, "every code of the contract is covered")
    }
  }
}
