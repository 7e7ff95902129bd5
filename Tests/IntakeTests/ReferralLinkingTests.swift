import EventContracts
import Foundation
import PostgresClient
import TestSupport
import Testing

/// The same victim and crime referred through two channels joins one case: by crime reference,
/// or by the victim's name and date of birth (keyed hash) with the same offence and day.
@Suite("Duplicate and cross-channel referrals", .serialized)
struct ReferralLinkingTests {
  /// A victim hub's referral `id` of `object`'s victim and crime.
  static func fromVictimHub(_ object: [String: Any], id: String) -> [String: Any] {
    var hub = SyntheticReferrals.setting(object, "/referralId", to: id)
    hub = SyntheticReferrals.setting(hub, "/sourceSystem", to: "norfolk-victim-hub")
    hub = SyntheticReferrals.setting(
      hub, "/referrer",
      to: [
        "type": "victim-hub", "organisation": "Norfolk Victim Care",
        "name": "Test Coordinator Delta", "email": "test.coordinator.delta@example.org",
      ])
    return hub
  }

  /// The answers intake gave, by correlation id, decoded.
  func answers(_ h: IntakeHarness) async throws -> [String: EventEnvelope<ReferralAccepted>] {
    var answers: [String: EventEnvelope<ReferralAccepted>] = [:]
    for reply in try await h.emitted() where reply.exchange == "" {
      answers[reply.correlationId ?? ""] = try EventCoding.decode(
        ReferralAccepted.self, from: Array(reply.body.utf8))
    }
    return answers
  }

  /// Submits `objects` one after the other, each answered on a police reply queue with
  /// correlation id `n<index>`, and waits until all are handled.
  func submit(_ objects: [[String: Any]], to h: IntakeHarness) async throws {
    for (index, object) in objects.enumerated() {
      _ = try await h.submit(
        [SyntheticReferrals.bytes(object)], replyTo: "police.linking-test.replies",
        correlationId: "n\(index)")
    }
    try await h.handle(expecting: objects.count)
  }

  @Test("a victim hub's referral of a crime police referred joins the case, and is acknowledged")
  func sameCrimeReference() async throws {
    try await IntakeHarness.with { h in
      let police = SyntheticReferrals.valid(referralId: "POL-1")
      // Another channel: its own reference, a differently typed victim name, no date of birth.
      var hub = Self.fromVictimHub(police, id: "VH-1")
      hub = SyntheticReferrals.setting(hub, "/victim/name", to: "Z. Testvictim")
      hub = SyntheticReferrals.setting(hub, "/victim/dateOfBirth", to: nil)
      try await submit([police, hub], to: h)

      let answers = try await answers(h)
      let opened = try #require(answers["n0"]).data
      let linked = try #require(answers["n1"]).data
      #expect(!opened.linkedToExistingCase)
      #expect(linked.linkedToExistingCase)
      #expect(linked.caseId == opened.caseId)
      #expect(try await h.count("cases") == 1)
      #expect(try await h.count("referrals") == 2, "the second referrer is kept as a source")
      #expect(try await h.events(CaseOpened.self).count == 1)
      let notice = try #require(try await h.events(CaseReferralLinked.self).first)
      #expect(notice.data.caseId == opened.caseId)
      #expect(notice.data.matchedBy == .crimeReference)
      #expect(notice.data.referrerType == .victimHub)
      #expect(notice.data.referrer.email == "test.coordinator.delta@example.org")
      #expect(try await outcomes(h) == ["accepted", "linked"])
    }
  }

  @Test("without a crime reference, the same victim, offence and day join the case")
  func sameVictim() async throws {
    try await IntakeHarness.with { h in
      let selfReferral = SyntheticReferrals.setting(
        SyntheticReferrals.valid(referralId: "SELF-1"), "/offence/crimeReference", to: nil)
      var hub = Self.fromVictimHub(selfReferral, id: "VH-2")
      hub = SyntheticReferrals.setting(hub, "/victim/name", to: "  ZEPHYRINE   testvictim ")
      hub = SyntheticReferrals.setting(hub, "/offence/category", to: "Burglary")
      // A different offence of the same victim is a case of its own.
      let laterOffence = SyntheticReferrals.setting(
        Self.fromVictimHub(selfReferral, id: "VH-3"), "/offence/occurredOn", to: "2025-03-01")
      try await submit([selfReferral, hub, laterOffence], to: h)

      let answers = try await answers(h)
      let first = try #require(answers["n0"]).data
      #expect(answers["n1"]?.data.caseId == first.caseId)
      #expect(answers["n1"]?.data.linkedToExistingCase == true)
      #expect(answers["n2"]?.data.caseId != first.caseId)
      #expect(answers["n2"]?.data.linkedToExistingCase == false)
      #expect(
        try await h.events(CaseReferralLinked.self).map(\.data.matchedBy) == [.victimIdentity])
      #expect(try await h.count("cases") == 2)
    }
  }

  @Test("another area, or another victim and crime, is never linked; a repeat keeps its answer")
  func notLinked() async throws {
    try await IntakeHarness.with { h in
      let police = SyntheticReferrals.valid(referralId: "POL-9")
      let elsewhere = SyntheticReferrals.setting(
        SyntheticReferrals.setting(Self.fromVictimHub(police, id: "VH-9"), "/area", to: "suffolk"),
        "/location/district", to: "Ipswich")
      var stranger = SyntheticReferrals.setting(
        SyntheticReferrals.valid(referralId: "POL-10"), "/offence/crimeReference", to: "NFK/OTHER/1"
      )
      stranger = SyntheticReferrals.setting(stranger, "/victim/name", to: "Another Testperson")
      let linked = Self.fromVictimHub(police, id: "VH-10")
      try await submit([police, elsewhere, stranger, linked, linked], to: h)

      let answers = try await answers(h)
      let caseId = try #require(answers["n0"]).data.caseId
      #expect(answers["n1"]?.data.caseId != caseId, "another area opens its own case")
      #expect(answers["n2"]?.data.caseId != caseId, "another victim and crime opens its own case")
      #expect(answers["n3"]?.data.caseId == caseId)
      #expect(answers["n4"]?.data.caseId == caseId, "the repeat gets the same case")
      #expect(answers["n4"]?.data.linkedToExistingCase == true, "and still says it was linked")
      #expect(try await outcomes(h) == ["accepted", "accepted", "accepted", "linked", "duplicate"])
      #expect(try await h.events(CaseReferralLinked.self).count == 1, "linked once")
    }
  }

  /// Each submission's outcome, in arrival order.
  func outcomes(_ h: IntakeHarness) async throws -> [String] {
    let s = h.schema.sql
    return try await h.pool.withSession {
      try $0.query("SELECT outcome FROM \(s).submissions ORDER BY received_at, message_id").rows
        .map { try $0.decode(0, as: String.self) }
    }
  }
}
