import AccessControl
import Foundation
import Testing

/// Reads and changes of personal data through victim-contact's API land in its hash-chained
/// audit trail, and supervisors read that trail by case and by user.
@Suite("victim-contact audit trail", .serialized)
struct AuditTrailAPITests {
  @Test("reading a case and recording contact are audited; supervisors query by case and user")
  func auditedAndQueried() async throws {
    try await CaseAPIHarness.with { h in
      let caseId = SyntheticCases.caseId()
      try await h.openCase(caseId)
      let worker = "test-case-worker-\(UUID().uuidString.prefix(8).lowercased())"
      let caseWorker = try await h.token([.caseWorker], subject: worker)
      #expect(try await h.http("GET", "/cases/\(caseId)", token: caseWorker).status == 200)
      let attempt = #"{"participant":"victim","channel":"phone","outcome":"no-answer","notes":"n"}"#
      #expect(
        try await h.http(
          "POST", "/cases/\(caseId)/contact-attempts", token: caseWorker, body: attempt
        )
        .status == 201)

      let supervisor = try await h.token([.supervisor], subject: "test-supervisor-1")
      let byCase = try await h.http("GET", "/audit?caseId=\(caseId)", token: supervisor)
      #expect(byCase.status == 200)
      let all = try #require(try h.json(byCase.body)["entries"] as? [[String: Any]])
      // The harness's own reads while it waited for the case are there too, under its user.
      #expect(all.contains { $0["subject"] as? String == "test-case-worker-7" })
      let entries = all.filter { $0["subject"] as? String == worker }
      // Newest first; the supervisor's own read of the trail is not a read of personal data.
      #expect(entries.map { $0["action"] as? String } == ["record-contact-attempt", "read-case"])
      #expect(entries.allSatisfy { $0["role"] as? String == "case-worker" })
      #expect(entries.allSatisfy { $0["caseId"] as? String == caseId })
      #expect((entries.last?["fields"] as? [String])?.contains("victim.name") == true)
      #expect((entries.first?["fields"] as? [String]) == ["contact-attempt.notes"])
      let text = String(decoding: byCase.body, as: UTF8.self)
      for value in [
        SyntheticCases.victimName, SyntheticCases.victimEmail, SyntheticCases.victimPhone,
      ] {
        #expect(!text.contains(value), "the trail names fields, never their values")
      }

      let byUser = try await h.http("GET", "/audit?subject=\(worker)", token: supervisor)
      #expect(byUser.status == 200)
      let userEntries = try #require(try h.json(byUser.body)["entries"] as? [[String: Any]])
      #expect(userEntries.count == 2)
      let otherArea = try await h.token([.supervisor], areas: ["suffolk"])
      let hidden = try await h.http("GET", "/audit?subject=\(worker)", token: otherArea)
      let hiddenEntries = try h.json(hidden.body)["entries"] as? [Any]
      #expect(hiddenEntries?.isEmpty == true, "another area's supervisor sees none of its cases")
    }
  }

  @Test("only supervisors and administrators of the case's area may read it; bad queries are 400")
  func refusals() async throws {
    try await CaseAPIHarness.with { h in
      let caseId = SyntheticCases.caseId()
      try await h.openCase(caseId)
      let path = "/audit?caseId=\(caseId)"
      #expect(try await h.http("GET", path, token: nil).status == 401)
      #expect(try await h.http("GET", path, token: try await h.token([.caseWorker])).status == 403)
      #expect(
        try await h.http("GET", path, token: try await h.token([.commissioner])).status == 403)
      let elsewhere = try await h.token([.supervisor], areas: ["suffolk"])
      #expect(try await h.http("GET", path, token: elsewhere).status == 403)
      let administrator = try await h.token([.administrator])
      #expect(try await h.http("GET", path, token: administrator).status == 200)
      let unknown = "/audit?caseId=\(SyntheticCases.caseId())"
      #expect(try await h.http("GET", unknown, token: administrator).status == 404)
      for bad in [
        "/audit", "/audit?caseId=\(caseId)&subject=x", "/audit?caseId=\(caseId)&before=-1",
      ] {
        let reply = try await h.http("GET", bad, token: administrator)
        #expect(reply.status == 400, "\(bad)")
        #expect((try h.json(reply.body)["errors"] as? [Any])?.isEmpty == false)
      }
    }
  }
}
