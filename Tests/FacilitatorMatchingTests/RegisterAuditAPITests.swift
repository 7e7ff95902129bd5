import AccessControl
import Foundation
import TestSupport
import Testing

/// `GET /audit` on the built facilitator-matching service: supervisors see who read or changed
/// a facilitator's name and email, by facilitator and by user, only within their own areas.
@Suite("facilitator register audit API", .serialized)
struct RegisterAuditAPITests {
  @Test("by facilitator and by user, within the caller's areas; never a value; bad queries named")
  func auditByFacilitatorAndUser() async throws {
    try await RegisterAPIHarness.with { h in
      let near = SyntheticRequests.area()
      let far = SyntheticRequests.area()
      let administrator = "test-admin-\(near)"
      let admin = try await h.token([.administrator], areas: [near, far], subject: administrator)
      let supervisor = try await h.token([.supervisor], areas: [near])
      let nearby = "TST-\(near)-A"
      let distant = "TST-\(far)-B"
      #expect(
        try await h.post(RegisterAPITests.body(nearby, areas: [near]), token: admin).status == 201)
      #expect(
        try await h.post(RegisterAPITests.body(distant, areas: [far]), token: admin).status == 201)
      _ = try await h.list(near, token: admin)
      _ = try await h.list(far, token: admin)

      // By facilitator: their own entry and the listings of their area.
      let byFacilitator = try await h.http(
        "GET", "/audit?facilitatorId=\(nearby)", token: supervisor)
      #expect(byFacilitator.status == 200)
      let entries = try Self.entries(h, byFacilitator.body)
      #expect(
        entries.map { $0["action"] as? String } == ["list-facilitators", "register-facilitator"])
      #expect(entries.allSatisfy { $0["subject"] as? String == administrator })
      #expect(
        (entries.last?["fields"] as? [String]) == [
          "facilitators/\(nearby)/displayName", "facilitators/\(nearby)/email",
        ])
      #expect(!String(decoding: byFacilitator.body, as: UTF8.self).contains("@"), "no values")

      // By user: only what concerns the caller's areas.
      let byUser = try await h.http("GET", "/audit?subject=\(administrator)", token: supervisor)
      #expect(byUser.status == 200)
      let mine = try Self.entries(h, byUser.body)
      #expect(mine.count == 2)
      #expect(!String(decoding: byUser.body, as: UTF8.self).contains(far), "nothing about \(far)")
      let everything = try await h.http("GET", "/audit?subject=\(administrator)", token: admin)
      #expect(try Self.entries(h, everything.body).count == 4)

      // Refusals.
      let distantRead = try await h.http(
        "GET", "/audit?facilitatorId=\(distant)", token: supervisor)
      #expect(distantRead.status == 403)
      #expect(try await h.http("GET", "/audit?facilitatorId=TST-none", token: admin).status == 404)
      let caseWorker = try await h.token([.caseWorker], areas: [near])
      #expect(
        try await h.http("GET", "/audit?facilitatorId=\(nearby)", token: caseWorker).status == 403)
      #expect(try await h.http("GET", "/audit?facilitatorId=\(nearby)", token: nil).status == 401)
      for bad in [
        "/audit", "/audit?facilitatorId=\(nearby)&subject=x", "/audit?subject=x&before=0",
      ] {
        let reply = try await h.http("GET", bad, token: supervisor)
        #expect(reply.status == 400, "\(bad)")
        #expect(!(try h.problems(reply.body)).isEmpty, "\(bad) names its problem")
      }
    }
  }

  /// The `entries` of an audit answer.
  static func entries(_ h: RegisterAPIHarness, _ body: Data) throws -> [[String: Any]] {
    try #require(try h.json(body)["entries"] as? [[String: Any]])
  }
}
