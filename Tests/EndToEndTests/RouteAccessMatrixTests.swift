import AccessControl
import EventContracts
import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// docs/access-control.md's role × route matrix, checked route by route against the five
/// running services: no token, an expired token, a token signed with another key, the wrong
/// role and the wrong area are refused with the right status, the allowed role succeeds, and
/// health and metrics answer without a token.
@Suite("Every route's access, end to end", .serialized)
struct RouteAccessMatrixTests {
  /// One protected route: where it is, who may call it, and a request that succeeds.
  struct Route: CustomStringConvertible {
    var service: String
    var method: String
    var path: String
    var body: [String: Any]?
    var allowed: Role
    var refused: Role
    /// The agency the tokens name (referrer routes are scoped to it).
    var agency: String? = nil
    /// What the allowed role gets: any 2xx when nil, or this status for a route whose
    /// subject (an offer, a request) the matrix cannot make, so the role gate is what is
    /// checked.
    var allowedStatus: Int? = nil
    /// What a token for another area gets: 403, or what the allowed role gets for a route
    /// that is not scoped by area (agencies) or has nothing in any area to refuse.
    var otherAreaStatus: Int = 403
    var description: String { "\(method) \(service)\(path)" }
  }

  @Test(
    "no token, expired, other key, wrong role and wrong area are refused; the allowed role succeeds"
  )
  func everyRoute() async throws {
    let hub = try HubUnderTest(area: WalkingSkeletonTests.freshArea())
    do {
      try await hub.waitUntilReady()
      try await check(hub)
    } catch {
      await hub.stop()
      throw error
    }
    await hub.stop()
  }

  func check(_ hub: HubUnderTest) async throws {
    let clients = try await HubClients(hub: hub)
    let caseId = try await openCase(clients)
    let area = hub.area
    let lastWeek = ISO8601DateFormatter.string(
      from: Date().addingTimeInterval(-7 * 86_400), timeZone: TimeZone(identifier: "UTC")!,
      formatOptions: [.withFullDate])
    let facilitator: [String: Any] = [
      "facilitatorId": "FAC-\(area.uppercased())-M", "displayName": "Matrix Facilitator",
      "email": "matrix.\(area)@example.org", "agency": "E2E RJ Service", "level": "intermediate",
      "areas": [area], "capacity": 2, "vettingExpiresOn": "2099-12-31",
      "lastSupervisionOn": lastWeek,
    ]
    // No offer, request or allocation has these ids: the role gate answers before the lookup
    // (403), the allowed role then gets 404, and so does another area (the area is the
    // subject's, unknown here).
    let none = "MATRIX-\(area)-none"
    let referral = ReferralBatch(area: area, valid: 1, invalid: 0, repeats: 0)
      .referral("MATRIX-\(area)", index: 1)
    let routes = [
      Route(
        service: "intake", method: "POST", path: "/referrals", body: referral,
        allowed: .referrer, refused: .caseWorker, agency: "e2e-athena"),
      Route(
        service: "intake", method: "GET", path: "/referrals/e2e-athena/MATRIX-\(area)",
        allowed: .referrer, refused: .supervisor, agency: "e2e-athena"),
      Route(
        service: "intake", method: "GET", path: "/submissions?area=\(area)",
        allowed: .caseWorker, refused: .referrer),
      Route(
        service: "victim-contact", method: "GET", path: "/cases/\(caseId)", allowed: .caseWorker,
        refused: .commissioner),
      Route(
        service: "victim-contact", method: "POST", path: "/cases/\(caseId)/contact-attempts",
        body: ["participant": "victim", "channel": "email", "outcome": "no-answer"],
        allowed: .caseWorker, refused: .facilitator),
      Route(
        service: "victim-contact", method: "GET", path: "/audit?caseId=\(caseId)",
        allowed: .supervisor, refused: .caseWorker),
      Route(
        service: "facilitator-matching", method: "POST", path: "/facilitators", body: facilitator,
        allowed: .administrator, refused: .caseWorker),
      Route(
        service: "facilitator-matching", method: "GET", path: "/facilitators?area=\(area)",
        allowed: .supervisor, refused: .commissioner),
      // The facilitator the POST above registered.
      Route(
        service: "facilitator-matching", method: "GET",
        path: "/audit?facilitatorId=FAC-\(area.uppercased())-M", allowed: .supervisor,
        refused: .caseWorker),
      Route(
        service: "facilitator-matching", method: "POST", path: "/allocations/\(none)/release",
        body: ["reason": "other"], allowed: .caseWorker, refused: .commissioner,
        allowedStatus: 404, otherAreaStatus: 404),
      Route(
        service: "facilitator-matching", method: "GET", path: "/offers?area=\(area)",
        allowed: .facilitator, refused: .caseWorker),
      Route(
        service: "facilitator-matching", method: "POST", path: "/offers/\(none)/accept",
        allowed: .facilitator, refused: .caseWorker, allowedStatus: 404, otherAreaStatus: 404),
      Route(
        service: "facilitator-matching", method: "POST", path: "/offers/\(none)/decline",
        body: ["reason": "other"], allowed: .supervisor, refused: .commissioner,
        allowedStatus: 404, otherAreaStatus: 404),
      // The case has no request for facilitators yet (nobody agreed to take part), so there
      // is nothing in the case's area for another area's token to be refused.
      Route(
        service: "facilitator-matching", method: "GET", path: "/requests?caseId=\(caseId)",
        allowed: .caseWorker, refused: .facilitator, otherAreaStatus: 200),
      Route(
        service: "facilitator-matching", method: "GET", path: "/requests/\(none)",
        allowed: .administrator, refused: .commissioner, allowedStatus: 404,
        otherAreaStatus: 404),
      Route(
        service: "facilitator-matching", method: "POST", path: "/requests/\(none)/override",
        body: ["lead": "FAC-\(area.uppercased())-M", "reason": "Matrix check."],
        allowed: .supervisor, refused: .caseWorker, allowedStatus: 404, otherAreaStatus: 404),
      Route(
        service: "facilitator-matching", method: "GET", path: "/agencies",
        allowed: .administrator, refused: .supervisor, otherAreaStatus: 200),
      Route(
        service: "facilitator-matching", method: "POST", path: "/agencies",
        body: ["agency": "E2E RJ Service", "answersOffers": false], allowed: .administrator,
        refused: .supervisor, otherAreaStatus: 200),
      Route(
        service: "facilitator-matching", method: "GET", path: "/pool?area=\(area)",
        allowed: .commissioner, refused: .caseWorker),
      Route(
        service: "reporting", method: "GET", path: "/figures?area=\(area)",
        allowed: .commissioner, refused: .caseWorker),
      Route(
        service: "reporting", method: "GET", path: "/figures.html?area=\(area)",
        allowed: .commissioner, refused: .facilitator),
    ]
    let issuer = clients.issuer
    let stranger = TokenIssuer(signingKey: String(repeating: "k", count: 48))
    for route in routes {
      let expired = try await issuer.issue(
        subject: "matrix", roles: [route.allowed], areas: [area], agency: route.agency,
        lifetime: .seconds(-60))
      let otherKey = try await stranger.issue(
        subject: "matrix", roles: [route.allowed], areas: [area], agency: route.agency)
      let wrongRole = try await issuer.issue(
        subject: "matrix", roles: [route.refused], areas: [area], agency: route.agency)
      // For referrer routes "another area" is another agency's (and area's) token.
      let wrongArea = try await issuer.issue(
        subject: "matrix", roles: [route.allowed], areas: ["elsewhere"],
        agency: route.agency.map { _ in "elsewhere-agency" })
      let allowed = try await issuer.issue(
        subject: "matrix", roles: [route.allowed], areas: [area], agency: route.agency)
      #expect(try await call(hub, route, token: nil) == 401, "\(route) without a token")
      #expect(try await call(hub, route, token: expired) == 401, "\(route) expired")
      #expect(try await call(hub, route, token: otherKey) == 401, "\(route) another key")
      #expect(try await call(hub, route, token: wrongRole) == 403, "\(route) as \(route.refused)")
      #expect(
        try await call(hub, route, token: wrongArea) == route.otherAreaStatus,
        "\(route) in another area")
      let status = try await call(hub, route, token: allowed)
      if let expected = route.allowedStatus {
        #expect(status == expected, "\(route) as \(route.allowed): \(status)")
      } else {
        #expect((200..<300).contains(status), "\(route) as \(route.allowed): \(status)")
      }
    }
    for service in HubUnderTest.services {
      for path in ["/health/live", "/health/ready", "/metrics"] {
        let open = Route(
          service: service, method: "GET", path: path, allowed: .administrator,
          refused: .administrator)
        #expect(try await call(hub, open, token: nil) == 200, "\(open) is open")
      }
    }
    // The public self-referral form: open pages, and a submission needs the form's own signed
    // token (cookie and field), not a bearer token.
    for path in [
      "/self-referral", "/self-referral/details?role=victim", "/self-referral/assets/form.css",
    ] {
      let open = Route(
        service: "intake", method: "GET", path: path, allowed: .administrator,
        refused: .administrator)
      #expect(try await call(hub, open, token: nil) == 200, "\(open) is open")
    }
    let submit = Route(
      service: "intake", method: "POST", path: "/self-referral/details", allowed: .administrator,
      refused: .administrator)
    #expect(try await call(hub, submit, token: nil) == 403, "\(submit) without the form's token")
    await clients.close()
  }

  /// Opens one case through intake, as a police system would, and waits until victim-contact
  /// has it; its id.
  func openCase(_ clients: HubClients) async throws -> String {
    let batch = ReferralBatch(area: clients.hub.area, valid: 1, invalid: 0, repeats: 0)
    try await clients.submit(batch.submissions.map(\.body))
    let answers = try await HubClients.drain(
      clients.police, queue: clients.replyQueue, seconds: 60
    ) { !$0.isEmpty }
    let answer = try #require(answers.first)
    let caseId = try EventCoding.decode(ReferralAccepted.self, from: answer.body).data.caseId
    let token = try await clients.token(.caseWorker)
    let deadline = ContinuousClock.now + .seconds(60)
    while try await clients.http("GET", "victim-contact", "/cases/\(caseId)", token: token).status
      != 200
    {
      guard ContinuousClock.now < deadline else { throw HubTestError.timedOut("case \(caseId)") }
      try await Task.sleep(for: .milliseconds(200))
    }
    return caseId
  }

  /// The status of `route` called with `token` (none when nil).
  func call(_ hub: HubUnderTest, _ route: Route, token: String?) async throws -> Int {
    var request = URLRequest(
      url: URL(string: "http://127.0.0.1:\(hub.port(route.service))\(route.path)")!)
    request.httpMethod = route.method
    if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
    if let body = route.body {
      request.httpBody = try JSONSerialization.data(withJSONObject: body)
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    }
    let (_, response) = try await URLSession.shared.data(for: request)
    return (response as? HTTPURLResponse)?.statusCode ?? 0
  }
}
