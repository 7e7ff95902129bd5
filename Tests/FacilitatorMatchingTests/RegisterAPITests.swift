import AccessControl
import AuditTrail
import EventContracts
import FacilitatorMatching
import Foundation
import HubConfiguration
import PersonalData
import PostgresClient
import ServiceRuntime
import TestSupport
import Testing

/// The built `rjhub-facilitator-matching` against the real servers, with its own accounts:
/// the register's HTTP API behind tokens and areas, and a request over `rj.events` allocated.
@Suite("facilitator register API", .serialized)
struct RegisterAPITests {
  /// A full registration body for `id` in `areas`.
  static func body(
    _ id: String, areas: [String], level: String = "practitioner", capacity: Int = 4
  ) -> [String: Any] {
    [
      "facilitatorId": id, "displayName": "Test Facilitator \(id)",
      "email": "\(id.lowercased())@example.org", "agency": "Test RJ Service",
      "level": level, "areas": areas, "districts": ["Testdistrict"],
      "languages": ["en-GB", "pl"], "sensitiveTrained": true, "active": true,
      "capacity": capacity, "vettingExpiresOn": Self.vetting, "lastSupervisionOn": Self.supervised,
    ]
  }

  /// A vetting expiry a year away and a supervision a fortnight ago, as `YYYY-MM-DD`.
  static let vetting = SyntheticRequests.today.adding(days: 365).description
  static let supervised = SyntheticRequests.today.adding(days: -14).description

  @Test(
    "administrators and supervisors register, update and list facilitators; a re-POST is idempotent"
  )
  func registerAndList() async throws {
    try await RegisterAPIHarness.with { h in
      let area = SyntheticRequests.area()
      let empty = SyntheticRequests.area()
      let administrator = "test-admin-\(area)"
      let admin = try await h.token([.administrator], areas: [area, empty], subject: administrator)
      let supervisor = try await h.token([.supervisor], areas: [area])
      let first = "TST-\(area)-1"

      let created = try await h.post(Self.body(first, areas: [area]), token: admin)
      #expect(created.status == 201)
      let entry = try h.json(created.body)
      #expect(entry["facilitatorId"] as? String == first)
      #expect(entry["displayName"] as? String == "Test Facilitator \(first)")
      #expect(entry["email"] as? String == "\(first.lowercased())@example.org")
      #expect(entry["level"] as? String == "intermediate", "the earlier name is read")
      #expect(entry["kind"] as? String == "staff-advisor")
      #expect(entry["caseTypes"] as? [String] == CaseType.known)
      #expect(entry["vettingExpiresOn"] as? String == Self.vetting)
      #expect(entry["lastSupervisionOn"] as? String == Self.supervised)
      #expect(entry["conflictsOfInterest"] as? Int == 0)
      #expect(entry["areas"] as? [String] == [area])
      #expect(entry["districts"] as? [String] == ["Testdistrict"])
      #expect(entry["languages"] as? [String] == ["en-GB", "pl"])
      #expect(entry["sensitiveTrained"] as? Bool == true)
      #expect(entry["capacity"] as? Int == 4)
      #expect(entry["openAllocations"] as? Int == 0)

      let again = try await h.post(Self.body(first, areas: [area]), token: admin)
      #expect(again.status == 200)
      var replayed = try h.json(again.body)
      var original = entry
      #expect(replayed.removeValue(forKey: "updatedAt") != nil)
      original.removeValue(forKey: "updatedAt")
      #expect(
        try JSONSerialization.data(withJSONObject: replayed, options: [.sortedKeys])
          == JSONSerialization.data(withJSONObject: original, options: [.sortedKeys]))

      let second = "TST-\(area)-0"
      let minimal: [String: Any] = [
        "facilitatorId": second, "displayName": "Test Facilitator Zero",
        "email": "zero@example.org", "agency": "Test Volunteers", "level": "foundation",
        "areas": [area], "capacity": 2, "vettingExpiresOn": Self.vetting,
        "lastSupervisionOn": Self.supervised,
      ]
      #expect(try await h.post(minimal, token: supervisor).status == 201)
      #expect(
        try await h.post(Self.body(first, areas: [area], capacity: 6), token: supervisor).status
          == 200)

      let listed = try await h.list(area, token: supervisor)
      #expect(listed.map { $0["facilitatorId"] as? String } == [second, first])
      #expect(listed.first?["languages"] as? [String] == ["en"])
      #expect(listed.first?["districts"] as? [String] == [])
      #expect(listed.first?["active"] as? Bool == true)
      #expect(listed.first?["sensitiveTrained"] as? Bool == false)
      #expect(listed.last?["capacity"] as? Int == 6)
      #expect(try await h.list(area, token: admin).count == 2)
      #expect(try await h.list(empty, token: admin).isEmpty)
      try await Self.expectAudited(subject: administrator, first: first, empty: empty)
    }
  }

  /// The administrator's reads and changes are in the audit trail, newest first, naming the
  /// fields touched and never their values.
  static func expectAudited(subject: String, first: String, empty: String)
    async throws
  {
    let pool = PostgresConnectionPool(
      configuration: try PostgresConfiguration(
        url: try TestServers.databaseURL(), applicationName: "matching-audit-test"),
      size: 1, logger: TestServers.logger("matching-audit-test"))
    // The chain is keyed from the running service's own personal-data keys.
    let keys = try PersonalDataKeys(
      environment: EnvironmentReader(try TestServers.serviceEnvironment("facilitator-matching")))
    let log = AuditLog(
      schema: FacilitatorMatchingService.schema,
      chainKey: AuditChainKey(keys.derivedKey(purpose: AuditChainKey.derivationPurpose)))
    let records = try await pool.withSession { try log.entries(subject: subject, in: $0) }
    let verdict = try await pool.withSession { try log.verify(in: $0) }
    await pool.close()
    #expect(
      records.map(\.entry.action) == [
        "list-facilitators", "list-facilitators", "update-facilitator", "register-facilitator",
      ])
    #expect(records.allSatisfy { $0.entry.role == "administrator" })
    #expect(
      records.last?.entry.fields == [
        "facilitators/\(first)/displayName", "facilitators/\(first)/email",
      ])
    #expect(records.first?.entry.fields.first == "facilitators/area:\(empty)/displayName")
    #expect(!records.contains { $0.entry.fields.joined().contains("@") }, "no values")
    #expect(verdict.brokenSeq == nil, "the chain is intact: \(verdict)")
  }

  @Test("the register refuses missing tokens (401), wrong roles and areas (403)")
  func refusals() async throws {
    try await RegisterAPIHarness.with { h in
      let area = SyntheticRequests.area()
      let other = SyntheticRequests.area()
      let id = "TST-\(area)-1"
      let body = Self.body(id, areas: [area])

      #expect(try await h.post(body, token: nil).status == 401)
      #expect(try await h.http("GET", "/facilitators?area=\(area)", token: nil).status == 401)
      #expect(try await h.post(body, token: "not.a.token").status == 401)

      for role in [Role.caseWorker, .facilitator, .commissioner, .referrer] {
        let token = try await h.token([role], areas: [area])
        #expect(try await h.post(body, token: token).status == 403)
        #expect(try await h.http("GET", "/facilitators?area=\(area)", token: token).status == 403)
      }
      let elsewhere = try await h.token([.supervisor], areas: [other])
      #expect(try await h.post(body, token: elsewhere).status == 403)
      #expect(try await h.http("GET", "/facilitators?area=\(area)", token: elsewhere).status == 403)

      // A facilitator covering two areas may be changed only by someone serving both.
      let admin = try await h.token([.administrator], areas: [area, other])
      #expect(try await h.post(Self.body(id, areas: [area, other]), token: admin).status == 201)
      let oneArea = try await h.token([.supervisor], areas: [area])
      #expect(
        try await h.post(Self.body(id, areas: [area], capacity: 9), token: oneArea).status == 403)
      let listed = try await h.list(area, token: oneArea)
      #expect(listed.map { $0["areas"] as? [String] } == [[area, other]])
      #expect(listed.map { $0["capacity"] as? Int } == [4])
    }
  }

  @Test("an invalid body is refused with 400 and every problem, and changes nothing")
  func validation() async throws {
    try await RegisterAPIHarness.with { h in
      let area = SyntheticRequests.area()
      let admin = try await h.token([.administrator], areas: [area])

      let wrong = try await h.http(
        "POST", "/facilitators", token: admin,
        body: """
          {"facilitatorId": "FAC 01!", "displayName": "  ", "email": "not-an-email",
           "agency": 7, "level": "expert", "areas": ["\(area)", "Not A Slug", 3],
           "districts": "Testdistrict", "languages": ["english"], "sensitiveTrained": "yes",
           "active": 1, "capacity": 2.5}
          """)
      #expect(wrong.status == 400)
      #expect(
        try h.problems(wrong.body) == [
          "/facilitatorId invalid-format", "/displayName required", "/email invalid-format",
          "/agency invalid-type", "/level invalid-value", "/areas/1 invalid-format",
          "/areas/2 invalid-type", "/districts invalid-type", "/languages/0 invalid-format",
          "/sensitiveTrained invalid-type", "/active invalid-type", "/capacity invalid-value",
          "/vettingExpiresOn required", "/lastSupervisionOn required",
        ])

      let missing = try await h.http("POST", "/facilitators", token: admin, body: "{}")
      #expect(missing.status == 400)
      #expect(
        try h.problems(missing.body) == [
          "/facilitatorId required", "/displayName required", "/email required",
          "/agency required", "/level required", "/areas required", "/capacity required",
          "/vettingExpiresOn required", "/lastSupervisionOn required",
        ])
      var rules = Self.body("TST-\(area)-1", areas: [area])
      rules["kind"] = "wizard"
      rules["homeDistrict"] = "Elsewhere"
      rules["caseTypes"] = ["youth", "Not A Code"]
      rules["culturalKnowledge"] = ["polish", ""]
      rules["vettingExpiresOn"] = "31/12/2027"
      rules["lastSupervisionOn"] = SyntheticRequests.today.adding(days: 1).description
      rules["conflictsOfInterest"] = [["name": "Test Person Kilo"], ["relationship": "cousin"]]
      let broken = try await h.post(rules, token: admin)
      #expect(broken.status == 400)
      #expect(
        try h.problems(broken.body) == [
          "/kind invalid-value", "/homeDistrict not-covered", "/culturalKnowledge/1 required",
          "/caseTypes/1 invalid-format", "/vettingExpiresOn invalid-format",
          "/lastSupervisionOn in-future", "/conflictsOfInterest/1/name required",
        ])
      var limits = Self.body("TST-\(area)-1", areas: [], capacity: 101)
      limits["languages"] = []
      let outOfRange = try await h.post(limits, token: admin)
      #expect(outOfRange.status == 400)
      #expect(
        try h.problems(outOfRange.body) == [
          "/areas invalid-value", "/languages invalid-value", "/capacity invalid-value",
        ])

      let garbage = try await h.http("POST", "/facilitators", token: admin, body: "not json")
      #expect(garbage.status == 400)
      #expect(try h.problems(garbage.body) == [" malformed-json"])
      let array = try await h.http("POST", "/facilitators", token: admin, body: "[]")
      #expect(try h.problems(array.body) == [" malformed-json"])

      let noArea = try await h.http("GET", "/facilitators", token: admin)
      #expect(noArea.status == 400)
      #expect(try h.problems(noArea.body) == ["?area required"])
      #expect(try await h.list(area, token: admin).isEmpty)
    }
  }

  @Test("a request published to rj.events is allocated once, the facilitator told by email")
  func allocationThroughTheBroker() async throws {
    try await RegisterAPIHarness.with { h in
      let area = SyntheticRequests.area()
      let admin = try await h.token([.administrator], areas: [area])
      let id = "TST-\(area)-1"
      let co = "TST-\(area)-2"
      #expect(
        try await h.post(Self.body(id, areas: [area], level: "advanced"), token: admin).status
          == 201)
      #expect(try await h.post(Self.body(co, areas: [area]), token: admin).status == 201)

      let request = SyntheticRequests.request(
        area: area, district: "testdistrict", offenceCategory: "hate-crime", language: "pl-PL")
      try await h.publish([request, SyntheticRequests.copy(request)])
      let emitted = try await h.emitted(about: request.data.caseId, count: 6)
      #expect(
        emitted.map(\.0).sorted() == [
          AllocationOffered.routingKey, AllocationOffered.routingKey,
          FacilitatorAllocated.routingKey, FacilitatorAllocated.routingKey,
          NotificationRequested.routingKey, NotificationRequested.routingKey,
        ])
      let allocated = try emitted.filter { $0.0 == FacilitatorAllocated.routingKey }.map {
        try EventCoding.decode(FacilitatorAllocated.self, from: $0.1)
      }.sorted { $0.data.role.rawValue > $1.data.role.rawValue }
      #expect(allocated.map(\.data.facilitatorId) == [id, co])
      #expect(allocated.map(\.data.role) == [.lead, .coFacilitator])
      #expect(allocated.first?.data.allocationId == "\(request.data.requestId)/lead")
      #expect(allocated.first?.data.offerId == "\(request.data.requestId)/lead/1")
      #expect(allocated.first?.causationId == request.id)
      #expect(
        try await h.list(area, token: admin).map { $0["openAllocations"] as? Int } == [1, 1])
    }
  }
}
