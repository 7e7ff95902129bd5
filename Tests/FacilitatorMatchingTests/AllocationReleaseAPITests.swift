import AccessControl
import EventContracts
import Foundation
import Testing

/// A case worker releases a facilitator from a case through the built service (issue 21):
/// once, audited, announced, and the capacity is given back; bad input is refused by name.
@Suite("releasing a facilitator through the API", .serialized)
struct AllocationReleaseAPITests {
  /// `POST /allocations/{allocationId}/release` with `body`.
  func release(
    _ allocationId: String, _ body: String?, token: String?, _ h: RegisterAPIHarness
  ) async throws -> (status: Int, body: Data) {
    // The id's slashes percent-encoded, as the document says.
    let segment = allocationId.replacingOccurrences(of: "/", with: "%2F")
    let path = "/allocations/\(segment)/release"
    return try await h.http("POST", path, token: token, body: body)
  }

  /// Registers a facilitator for one case at a time in `area` and allocates them a case.
  func allocated(in area: String, _ h: RegisterAPIHarness) async throws -> (
    request: EventEnvelope<FacilitatorsRequested>, allocationId: String
  ) {
    let admin = try await h.token([.administrator], areas: [area])
    let body = RegisterAPITests.body("TST-\(area)-1", areas: [area], capacity: 1)
    #expect(try await h.post(body, token: admin).status == 201)
    let co = RegisterAPITests.body(
      "TST-\(area)-co", areas: [area], level: "foundation", capacity: 50)
    #expect(try await h.post(co, token: admin).status == 201)
    let request = SyntheticRequests.request(area: area)
    try await h.publish([request])
    _ = try await h.emitted(about: request.data.caseId, count: 6)
    return (request, "\(request.data.requestId)/lead")
  }

  @Test("a release ends the allocation once and the facilitator can take the next case")
  func releaseGivesCapacityBack() async throws {
    try await RegisterAPIHarness.with { h in
      let area = SyntheticRequests.area()
      let (first, allocationId) = try await allocated(in: area, h)
      let worker = try await h.token([.caseWorker], areas: [area], subject: "test-case-worker-5")

      let released = try await release(
        allocationId, #"{"reason":"facilitator-unavailable"}"#, token: worker, h)
      #expect(released.status == 200)
      let answer = try h.json(released.body)
      #expect(answer["reason"] as? String == "released")
      #expect(answer["releaseReason"] as? String == "facilitator-unavailable")
      #expect(answer["facilitatorId"] as? String == "TST-\(area)-1")
      let ended = try #require(
        try await h.emitted(about: first.data.caseId, count: 1).first {
          $0.0 == AllocationEnded.routingKey
        })
      let event = try EventCoding.decode(AllocationEnded.self, from: ended.1)
      #expect(event.data.reason == .released && event.data.releaseReason == .facilitatorUnavailable)
      #expect(event.area == area)

      let again = try await release(allocationId, #"{"reason":"other"}"#, token: worker, h)
      #expect(again.status == 409, "released once")

      let next = SyntheticRequests.request(area: area)
      try await h.publish([next])
      let emitted = try await h.emitted(about: next.data.caseId, count: 2)
      #expect(emitted.map(\.0).contains(FacilitatorAllocated.routingKey), "capacity given back")

      let supervisor = try await h.token([.supervisor], areas: [area])
      let (status, audit) = try await h.http(
        "GET", "/audit?facilitatorId=TST-\(area)-1", token: supervisor)
      #expect(status == 200)
      let entries = try #require(try h.json(audit)["entries"] as? [[String: Any]])
      #expect(
        entries.contains {
          $0["action"] as? String == "release-allocation"
            && $0["subject"] as? String == "test-case-worker-5"
            && $0["caseId"] as? String == first.data.caseId
        })
    }
  }

  @Test("a release without a known reason, token, role, area or allocation is refused by name")
  func releaseRefusesBadInput() async throws {
    try await RegisterAPIHarness.with { h in
      let area = SyntheticRequests.area()
      let (_, allocationId) = try await allocated(in: area, h)
      let worker = try await h.token([.caseWorker], areas: [area])

      let missing = try await release(allocationId, "{}", token: worker, h)
      #expect(missing.status == 400)
      #expect(try h.problems(missing.body) == ["/reason required"])
      let unknown = try await release(allocationId, #"{"reason":"bored"}"#, token: worker, h)
      #expect(unknown.status == 400)
      #expect(try h.problems(unknown.body) == ["/reason invalid-value"])
      let reason = #"{"reason":"conflict-of-interest"}"#
      #expect(try await release(allocationId, reason, token: nil, h).status == 401)
      let elsewhere = try await h.token([.caseWorker], areas: [SyntheticRequests.area()])
      #expect(try await release(allocationId, reason, token: elsewhere, h).status == 403)
      let commissioner = try await h.token([.commissioner], areas: [area])
      #expect(try await release(allocationId, reason, token: commissioner, h).status == 403)
      #expect(try await release("no-such/lead", reason, token: worker, h).status == 404)
      #expect(try await release(allocationId, reason, token: worker, h).status == 200)
    }
  }
}
