import AccessControl
import AuditTrail
import Foundation
import HubConfiguration
import Intake
import PersonalData
import PostgresClient
import ServiceRuntime
import TestSupport
import Testing

/// The hub's review queue on the built `rjhub-intake`: case workers find rejected
/// submissions (by area, outcome, reference, or the victim's name and date of birth through
/// the keyed hash), open them, and correct them into accepted referrals; every step audited.
@Suite("Hub review queue", .serialized)
struct SubmissionReviewTests {
  @Test("find a rejected referral, open it, correct it into a case; all audited")
  func findOpenCorrect() async throws {
    try await ServiceAPIRig.with(service: "intake") { rig in
      let run = String(UUID().uuidString.prefix(8))
      let agency = try await rig.token(
        subject: "athena", roles: [.referrer], areas: ["norfolk"], agency: ReferralAPITests.agency)
      let worker = "review-worker-\(run)"
      let caseWorker = try await rig.token(
        subject: worker, roles: [.caseWorker], areas: ["norfolk"])
      let valid = ReferralAPITests.referral("REV-\(run)", run: run)
      let broken = SyntheticReferrals.setting(valid, "/victim/phone", to: "ring the desk")
      #expect(
        try await rig.http("POST", "/referrals", token: agency, body: ReferralAPITests.text(broken))
          .status == 422)

      // Found by reference and outcome; the listing holds no personal data.
      let listed = try await rig.http(
        "GET", "/submissions?area=norfolk&outcome=rejected&referralId=REV-\(run)", token: caseWorker
      )
      #expect(listed.status == 200)
      #expect(!String(decoding: listed.body, as: UTF8.self).contains("Api Victim"))
      let entries = try Self.submissions(listed.body)
      #expect(entries.count == 1)
      let entry = try #require(entries.first)
      #expect(entry["errorCodes"] as? [String] == ["contact-unusable"])
      let id = try #require(entry["submissionId"] as? String)

      // Found by the victim's name and date of birth, written differently, and by crime reference.
      let byName = try await rig.http(
        "GET",
        "/submissions?area=norfolk&victimName=API%20VICTIM%20%20\(run)&victimDateOfBirth=1980-05-17",
        token: caseWorker)
      #expect(
        try Self.submissions(byName.body).compactMap { $0["submissionId"] as? String } == [id])
      let byCrime = try await rig.http(
        "GET", "/submissions?area=norfolk&crimeReference=API/\(run)", token: caseWorker)
      #expect(
        try Self.submissions(byCrime.body).compactMap { $0["submissionId"] as? String } == [id])

      // Opened: the body as sent, and its errors.
      let opened = try await rig.http("GET", "/submissions/\(id)", token: caseWorker)
      #expect(opened.status == 200)
      let detail = try ServiceAPIRig.json(opened.body)
      #expect((detail["body"] as? String)?.contains("Api Victim \(run)") == true)

      // Corrected into a case; the original names its correction.
      let fixed = try await rig.http(
        "POST", "/submissions/\(id)/corrections", token: caseWorker,
        body: ReferralAPITests.text(valid))
      #expect(fixed.status == 201, "\(String(decoding: fixed.body, as: UTF8.self))")
      let caseId = try #require(try ServiceAPIRig.json(fixed.body)["caseId"] as? String)
      let after = try Self.submissions(
        try await rig.http(
          "GET", "/submissions?area=norfolk&referralId=REV-\(run)", token: caseWorker
        ).body)
      let correction = try #require(after.first { $0["corrects"] as? String == id })
      #expect(correction["outcome"] as? String == "accepted")
      #expect(correction["caseId"] as? String == caseId)
      #expect(after.first { $0["submissionId"] as? String == id }?["correctedBy"] != nil)
      let again = try await rig.http(
        "POST", "/submissions/\(correction["submissionId"] as? String ?? "")/corrections",
        token: caseWorker, body: ReferralAPITests.text(valid))
      #expect(again.status == 409, "only rejected submissions are corrected")

      // Every step is in the audit trail, whose chain holds.
      let actions = try await Self.auditedActions(of: worker)
      #expect(
        actions == [
          "search-submissions", "search-submissions", "read-submission",
          "correct-submission-accepted",
        ])
    }
  }

  @Test("a possible duplicate and a sensitive case are flagged, listed, checked once; audited")
  func flaggedReferrals() async throws {
    try await ServiceAPIRig.with(service: "intake") { rig in
      let run = String(UUID().uuidString.prefix(8))
      let agency = try await rig.token(
        subject: "athena", roles: [.referrer], areas: ["norfolk"], agency: ReferralAPITests.agency)
      let worker = "flag-worker-\(run)"
      let caseWorker = try await rig.token(
        subject: worker, roles: [.caseWorker], areas: ["norfolk"])
      let first = try await rig.http(
        "POST", "/referrals", token: agency,
        body: ReferralAPITests.text(ReferralAPITests.referral("FLAG-\(run)-1", run: run)))
      let firstCase = try #require(try ServiceAPIRig.json(first.body)["caseId"] as? String)
      // The same victim, another crime (another reference, offence and day), sensitive.
      var second = ReferralAPITests.referral("FLAG-\(run)-2", run: run)
      second = SyntheticReferrals.setting(second, "/offence/crimeReference", to: "FLAG/\(run)/2")
      second = SyntheticReferrals.setting(second, "/offence/category", to: "theft")
      second = SyntheticReferrals.setting(second, "/offence/occurredOn", to: "2025-01-09")
      second = SyntheticReferrals.setting(second, "/sensitivity", to: ["stalking"])
      let opened = try await rig.http(
        "POST", "/referrals", token: agency, body: ReferralAPITests.text(second))
      #expect(opened.status == 201, "a flag never holds a case back")

      let awaiting = try Self.submissions(
        try await rig.http(
          "GET", "/submissions?area=norfolk&flagged=true&referralId=FLAG-\(run)-2",
          token: caseWorker
        ).body)
      #expect(awaiting.count == 1)
      let entry = try #require(awaiting.first)
      #expect(entry["flags"] as? [String] == ["possible-duplicate", "sensitive"])
      #expect(entry["possibleDuplicateOf"] as? [String] == [firstCase])
      let id = try #require(entry["submissionId"] as? String)
      let firstEntry = try Self.submissions(
        try await rig.http(
          "GET", "/submissions?area=norfolk&referralId=FLAG-\(run)-1", token: caseWorker
        ).body)
      #expect(firstEntry.first?["flags"] as? [String] == [], "the first referral had no match")

      // A check names its decision, and a duplicate names a case it may repeat.
      func check(_ body: String) async throws -> ServiceAPIRig.Reply {
        try await rig.http("POST", "/submissions/\(id)/review", token: caseWorker, body: body)
      }
      #expect(try await check("{}").status == 400)
      #expect(
        try await check(#"{"decision": "duplicate", "duplicateOf": "RJ-OTHER"}"#).status == 400)
      let checked = try await check(#"{"decision": "duplicate", "duplicateOf": "\#(firstCase)"}"#)
      #expect(checked.status == 200, "\(String(decoding: checked.body, as: UTF8.self))")
      let review = try #require(try ServiceAPIRig.json(checked.body)["review"] as? [String: Any])
      #expect(review["decision"] as? String == "duplicate")
      #expect(review["duplicateOf"] as? String == firstCase)
      #expect(review["reviewedBy"] as? String == worker)
      #expect(try await check(#"{"decision": "confirmed"}"#).status == 409, "checked once")
      let suffolk = try await rig.token(subject: "s1", roles: [.caseWorker], areas: ["suffolk"])
      #expect(
        try await rig.http(
          "POST", "/submissions/\(id)/review", token: suffolk, body: #"{"decision": "confirmed"}"#
        ).status == 403)
      #expect(
        try Self.submissions(
          try await rig.http(
            "GET", "/submissions?area=norfolk&flagged=true&referralId=FLAG-\(run)-2",
            token: caseWorker
          ).body
        ).isEmpty)
      #expect(
        try await rig.http("GET", "/submissions?area=norfolk&flagged=yes", token: caseWorker)
          .status == 400)

      let actions = try await Self.auditedActions(of: worker)
      #expect(actions == ["check-flagged-referral-duplicate"])
    }
  }

  @Test("scoped to the caller's areas; unknown areas for administrators; bad queries named")
  func scopingAndQueries() async throws {
    try await ServiceAPIRig.with(service: "intake") { rig in
      let run = String(UUID().uuidString.prefix(8))
      let agency = try await rig.token(
        subject: "athena", roles: [.referrer], areas: ["norfolk"], agency: ReferralAPITests.agency)
      let nowhere = SyntheticReferrals.setting(
        ReferralAPITests.referral("NOWHERE-\(run)", run: run), "/area", to: "atlantis")
      #expect(
        try await rig.http(
          "POST", "/referrals", token: agency, body: ReferralAPITests.text(nowhere)
        )
        .status == 422)
      let suffolk = try await rig.token(subject: "w2", roles: [.caseWorker], areas: ["suffolk"])
      let norfolk = try await rig.token(subject: "w3", roles: [.supervisor], areas: ["norfolk"])
      let admin = try await rig.token(subject: "a1", roles: [.administrator], areas: ["norfolk"])
      #expect(try await rig.http("GET", "/submissions?area=norfolk", token: suffolk).status == 403)
      #expect(try await rig.http("GET", "/submissions?area=unknown", token: norfolk).status == 403)
      let unknown = try await rig.http(
        "GET", "/submissions?area=unknown&referralId=NOWHERE-\(run)", token: admin)
      let found = try Self.submissions(unknown.body)
      #expect(found.count == 1)
      let id = try #require(found.first?["submissionId"] as? String)
      #expect(try await rig.http("GET", "/submissions/\(id)", token: norfolk).status == 403)
      #expect(try await rig.http("GET", "/submissions/\(id)", token: admin).status == 200)
      #expect(try await rig.http("GET", "/submissions/none-\(run)", token: admin).status == 404)
      let referrer = try await rig.token(
        subject: "r1", roles: [.referrer], areas: ["norfolk"], agency: "norfolk-athena")
      #expect(try await rig.http("GET", "/submissions?area=norfolk", token: referrer).status == 403)
      #expect(try await rig.http("GET", "/submissions?area=norfolk", token: nil).status == 401)
      let bad = try await rig.http(
        "GET", "/submissions?victimName=x&limit=0&from=yesterday&outcome=maybe", token: norfolk)
      #expect(bad.status == 400)
      let paths = Set(
        (try ServiceAPIRig.json(bad.body)["errors"] as? [[String: Any]] ?? []).compactMap {
          $0["path"] as? String
        })
      #expect(paths == ["?area", "?victimName", "?limit", "?from", "?outcome"])
    }
  }

  static func submissions(_ body: Data) throws -> [[String: Any]] {
    try #require(try ServiceAPIRig.json(body)["submissions"] as? [[String: Any]])
  }

  /// `subject`'s audit entries in intake's trail, oldest first, after checking the chain with
  /// the running service's own keys.
  static func auditedActions(of subject: String) async throws -> [String] {
    let keys = try PersonalDataKeys(
      environment: EnvironmentReader(try TestServers.serviceEnvironment("intake")))
    let log = AuditLog(
      schema: IntakeService.schema,
      chainKey: AuditChainKey(keys.derivedKey(purpose: AuditChainKey.derivationPurpose)))
    let pool = PostgresConnectionPool(
      configuration: try PostgresConfiguration(
        url: try TestServers.databaseURL(), applicationName: "intake-audit-test"),
      size: 1, logger: TestServers.logger("intake-audit-test"))
    let records = try await pool.withSession { try log.entries(subject: subject, in: $0) }
    let verdict = try await pool.withSession { try log.verify(in: $0) }
    await pool.close()
    #expect(verdict.brokenSeq == nil, "\(verdict)")
    return records.reversed().map(\.entry.action)
  }
}
