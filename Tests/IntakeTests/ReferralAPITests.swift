import AccessControl
import EventContracts
import Foundation
import TestSupport
import Testing

/// intake's partner-agency API on the built `rjhub-intake` with its own accounts: referrals
/// over HTTP go through the same pipeline as police ones (same answers, same events, every
/// error code), scoped to the caller's agency and areas.
@Suite("Partner agency referral API", .serialized)
struct ReferralAPITests {
  static let agency = "norfolk-athena"

  /// A valid referral of this run's own victim and crime (nothing else links to it).
  static func referral(_ id: String, run: String, source: String = agency) -> [String: Any] {
    var object = SyntheticReferrals.setting(
      SyntheticReferrals.valid(referralId: id), "/offence/crimeReference", to: "API/\(run)")
    object = SyntheticReferrals.setting(object, "/victim/name", to: "Api Victim \(run)")
    return SyntheticReferrals.setting(object, "/sourceSystem", to: source)
  }

  static func text(_ object: [String: Any]) -> String {
    String(decoding: SyntheticReferrals.bytes(object), as: UTF8.self)
  }

  /// Runs `body` against a started intake that lets the test watch rj.events for new and
  /// linked cases; intake is stopped afterwards whatever happens.
  func withIntake(_ body: (ServiceAPIRig) async throws -> Void) async throws {
    try await ServiceAPIRig.with(
      service: "intake", environment: ["RJHUB_LOG_LEVEL": "debug"],
      observing: [CaseOpened.routingKey, CaseReferralLinked.routingKey], body)
  }

  @Test("accepted, repeated and linked over HTTP, with the same events as over AMQP")
  func acceptedRepeatedLinked() async throws {
    try await withIntake { rig in
      let run = String(UUID().uuidString.prefix(8))
      let token = try await rig.token(
        subject: "athena-integration", roles: [.referrer], areas: ["norfolk"], agency: Self.agency)
      let first = try await rig.http(
        "POST", "/referrals", token: token, body: Self.text(Self.referral("API-\(run)", run: run)))
      #expect(first.status == 201, "\(String(decoding: first.body, as: UTF8.self))")
      let accepted = try ServiceAPIRig.json(first.body)
      let caseId = try #require(accepted["caseId"] as? String)
      #expect(accepted["linkedToExistingCase"] as? Bool == false)

      let again = try await rig.http(
        "POST", "/referrals", token: token, body: Self.text(Self.referral("API-\(run)", run: run)),
        headers: ["Idempotency-Key": UUID().uuidString])
      #expect(again.status == 200)
      #expect(try ServiceAPIRig.json(again.body)["caseId"] as? String == caseId)

      let hub = "norfolk-victim-hub"
      let hubToken = try await rig.token(
        subject: "hub-user", roles: [.referrer], areas: ["norfolk"], agency: hub)
      var fromHub = Self.referral("VH-\(run)", run: run, source: hub)
      fromHub = SyntheticReferrals.setting(
        fromHub, "/referrer",
        to: ["type": "victim-hub", "organisation": "Norfolk Victim Care", "name": "Hub Worker"])
      let linked = try await rig.http(
        "POST", "/referrals", token: hubToken, body: Self.text(fromHub))
      #expect(linked.status == 200)
      let linkedAnswer = try ServiceAPIRig.json(linked.body)
      #expect(linkedAnswer["caseId"] as? String == caseId)
      #expect(linkedAnswer["linkedToExistingCase"] as? Bool == true)

      // The same events as a police referral: the case opened once, the link announced.
      var opened = 0
      var links = 0
      try await rig.waitUntil("the case's events on rj.events") {
        for delivery in try await rig.takeObserved() {
          let text = String(decoding: delivery.body, as: UTF8.self)
          guard text.contains(caseId) else { continue }
          if delivery.routingKey == CaseOpened.routingKey { opened += 1 }
          if delivery.routingKey == CaseReferralLinked.routingKey { links += 1 }
        }
        return opened == 1 && links == 1
      }

      // Following it: the agency sees its own referral's answer, nobody else's.
      let status = try await rig.http("GET", "/referrals/\(Self.agency)/API-\(run)", token: token)
      #expect(status.status == 200)
      #expect(try ServiceAPIRig.json(status.body)["status"] as? String == "accepted")
      #expect(
        try await rig.http("GET", "/referrals/\(hub)/VH-\(run)", token: hubToken).status == 200)
      #expect(try await rig.http("GET", "/referrals/\(hub)/VH-\(run)", token: token).status == 403)
      #expect(
        try await rig.http("GET", "/referrals/\(Self.agency)/NONE-\(run)", token: token).status
          == 404)
    }
  }

  @Test("every rejection code over HTTP: 422 with exactly its path; the rejection can be followed")
  func everyCodeOverHTTP() async throws {
    try await withIntake { rig in
      let token = try await rig.token(
        subject: "athena-integration", roles: [.referrer], areas: ["norfolk"], agency: Self.agency)
      for (index, broken) in RejectionCodeTests.cases.enumerated() {
        let reply = try await rig.http(
          "POST", "/referrals", token: token, body: String(decoding: broken.body, as: UTF8.self))
        if broken.path == "/sourceSystem" {
          // Over HTTP the sourceSystem is the caller's agency: another one is not authorised.
          #expect(reply.status == 403, "case \(index)")
          continue
        }
        #expect(reply.status == 422, "case \(index)")
        let errors = try #require(try ServiceAPIRig.json(reply.body)["errors"] as? [[String: Any]])
        #expect(
          errors.map { "\($0["path"] as? String ?? "?") \($0["code"] as? String ?? "?")" }
            == ["\(broken.path) \(broken.code)"], "case \(index)")
      }
      let run = String(UUID().uuidString.prefix(8))
      let rejected = SyntheticReferrals.setting(
        Self.referral("BAD-\(run)", run: run), "/victim/phone", to: "ring the desk")
      #expect(
        try await rig.http("POST", "/referrals", token: token, body: Self.text(rejected)).status
          == 422)
      let status = try await rig.http("GET", "/referrals/\(Self.agency)/BAD-\(run)", token: token)
      let followed = try ServiceAPIRig.json(status.body)
      #expect(followed["status"] as? String == "rejected")
      #expect(
        (followed["errors"] as? [[String: Any]])?.map { $0["code"] as? String }
          == ["contact-unusable"])
    }
  }

  @Test("scoped to the caller: own agency, own areas, a referrer's role, a valid token")
  func scoping() async throws {
    try await withIntake { rig in
      let run = String(UUID().uuidString.prefix(8))
      let body = Self.text(Self.referral("SCOPE-\(run)", run: run))
      let otherAgency = try await rig.token(
        subject: "u1", roles: [.referrer], areas: ["norfolk"], agency: "suffolk-athena")
      let otherArea = try await rig.token(
        subject: "u2", roles: [.referrer], areas: ["suffolk"], agency: Self.agency)
      let noAgency = try await rig.token(subject: "u3", roles: [.referrer], areas: ["norfolk"])
      let caseWorker = try await rig.token(
        subject: "u4", roles: [.caseWorker], areas: ["norfolk"], agency: Self.agency)
      for (token, status) in [
        (otherAgency, 403), (otherArea, 403), (noAgency, 403), (caseWorker, 403), (nil, 401),
      ] as [(String?, Int)] {
        #expect(try await rig.http("POST", "/referrals", token: token, body: body).status == status)
      }
      let badKey = try await rig.http(
        "POST", "/referrals",
        token: try await rig.token(
          subject: "u5", roles: [.referrer], areas: ["norfolk"], agency: Self.agency),
        body: body, headers: ["Idempotency-Key": "not a key!"])
      #expect(badKey.status == 400)
      // Nothing refused was kept.
      let owner = try await rig.token(
        subject: "u5", roles: [.referrer], areas: ["norfolk"], agency: Self.agency)
      #expect(
        try await rig.http("GET", "/referrals/\(Self.agency)/SCOPE-\(run)", token: owner).status
          == 404)
    }
  }
}
