import EventContracts
import Foundation
import Intake
import Testing

/// intake against the real servers: every submission answered and kept, one case per
/// referral, identifiers only where they belong.
@Suite("Referral intake", .serialized)
struct ReferralIntakeTests {
  @Test("a valid referral opens a case and is answered; case.opened carries no identifiers")
  func accepted() async throws {
    try await IntakeHarness.with { h in
      _ = try await h.submit([SyntheticReferrals.bytes(SyntheticReferrals.valid(referralId: "A-1"))]
      )
      try await h.handle(expecting: 1)
      #expect(try await h.count("cases") == 1)
      #expect(try await h.count("referrals") == 1)
      let accepted = try await h.events(ReferralAccepted.self)
      let opened = try await h.events(CaseOpened.self)
      let details = try await h.events(CaseContactDetails.self)
      #expect(accepted.count == 1 && opened.count == 1 && details.count == 1)
      let caseId = try #require(accepted.first?.data.caseId)
      #expect(caseId.hasPrefix("RJ-NFK-"))
      #expect(opened.first?.caseId == caseId)
      #expect(opened.first?.area == "norfolk")
      #expect(opened.first?.data.victimPreferredContact == .email)
      #expect(details.first?.data.victim?.email == SyntheticReferrals.victimEmail)
      let openedBody = try await h.emitted().first { $0.routingKey == CaseOpened.routingKey }?.body
      for identifier in [
        SyntheticReferrals.victimName, SyntheticReferrals.victimEmail,
        SyntheticReferrals.victimPhone,
      ] {
        #expect(openedBody?.contains(identifier) == false)
      }
    }
  }

  @Test("the same referral sent twice opens one case and gets the same answer twice")
  func duplicate() async throws {
    try await IntakeHarness.with { h in
      let body = SyntheticReferrals.bytes(SyntheticReferrals.valid(referralId: "DUP-1"))
      _ = try await h.submit([body, body])
      try await h.handle(expecting: 2)
      _ = try await h.submit([body])
      try await h.handle(expecting: 3)
      #expect(try await h.count("cases") == 1)
      let answers = try await h.events(ReferralAccepted.self)
      #expect(answers.count == 3)
      #expect(Set(answers.map(\.data.caseId)).count == 1)
      #expect(Set(answers.map(\.data.receivedAt)).count == 1)
      #expect(try await h.events(CaseOpened.self).count == 1)
    }
  }

  @Test("an invalid referral is rejected with each error, kept, and opens nothing")
  func rejected() async throws {
    try await IntakeHarness.with { h in
      var object = SyntheticReferrals.setting(SyntheticReferrals.valid(), "/victim/name", to: nil)
      object = SyntheticReferrals.setting(object, "/area", to: "atlantis")
      _ = try await h.submit([SyntheticReferrals.bytes(object), Array("not json".utf8)])
      try await h.handle(expecting: 2)
      #expect(try await h.count("cases") == 0)
      let rejections = try await h.events(ReferralRejected.self)
      #expect(rejections.count == 2)
      let first = try #require(rejections.first)
      #expect(Set(first.data.errors.map(\.path)) == ["/victim/name", "/area"])
      #expect(first.area == "unknown")
      #expect(rejections.last?.data.errors.map(\.code) == ["malformed-json"])
      #expect(try await h.count("submissions") == 2, "rejected submissions are kept")
    }
  }

  @Test("answers also go to a police reply queue with the sender's correlation id, nowhere else")
  func replies() async throws {
    try await IntakeHarness.with { h in
      _ = try await h.submit(
        [SyntheticReferrals.bytes(SyntheticReferrals.valid(referralId: "R-1"))],
        replyTo: "police.norfolk-athena.replies", correlationId: "athena-42")
      _ = try await h.submit(
        [SyntheticReferrals.bytes(SyntheticReferrals.valid(referralId: "R-2"))],
        replyTo: "victim-contact.cases", correlationId: "forged")
      try await h.handle(expecting: 2)
      let replies = try await h.emitted().filter { $0.exchange == "" }
      #expect(replies.count == 1)
      #expect(replies.first?.routingKey == "police.norfolk-athena.replies")
      #expect(replies.first?.correlationId == "athena-42")
      #expect(replies.first?.messageType == "referral.accepted.v1", "AMQP type names the answer")
      #expect(replies.first?.body.contains("referral.accepted") == true)
    }
  }
}
