import AccessControl
import Foundation
import Testing

@testable import AccessControl

@Suite("Token issuing and claims")
struct TokenIssuerTests {
  let key = GuardedCaseApp.randomKey()

  @Test("every claim the issuer signs comes back from the gate")
  func roundTrip() async throws {
    let token = try await TokenIssuer(signingKey: key).issue(
      subject: "fac-42", roles: [.facilitator, .caseWorker], areas: ["norfolk", "suffolk"],
      agency: "norfolk-constabulary", facilitatorId: "F-0042", lifetime: .seconds(600))
    let answer = try await GuardedCaseApp.get(
      "/whoami", authorization: "Bearer \(token)", gate: AccessGate(signingKey: key))
    #expect(answer.status == .ok)
    let caller = try JSONDecoder().decode(GuardedCaseApp.Caller.self, from: Data(answer.body.utf8))
    #expect(
      caller
        == GuardedCaseApp.Caller(
          subject: "fac-42", roles: ["case-worker", "facilitator"], areas: ["norfolk", "suffolk"],
          agency: "norfolk-constabulary", facilitatorId: "F-0042"))
  }

  @Test("the token carries the documented claim names and issuer")
  func claimNames() async throws {
    let token = try await TokenIssuer(signingKey: key).issue(
      subject: "cw-9", roles: [.caseWorker], areas: ["norfolk"], facilitatorId: "F-1")
    let payload = try #require(Self.payload(of: token))
    #expect(payload["iss"] as? String == "rjhub")
    #expect(payload["sub"] as? String == "cw-9")
    #expect(payload["roles"] as? [String] == ["case-worker"])
    #expect(payload["areas"] as? [String] == ["norfolk"])
    #expect(payload["facilitator_id"] as? String == "F-1")
    let issuedAt = try #require(payload["iat"] as? Double)
    let expires = try #require(payload["exp"] as? Double)
    #expect(expires - issuedAt == 3600)
  }

  @Test("role names the hub does not know are dropped, so they admit nothing")
  func unknownRolesIgnored() async throws {
    let claims = AccessClaims(
      subject: "x-1", roles: ["superuser", "case-worker", "Administrator"], areas: ["norfolk"],
      agency: nil, facilitatorId: nil, issuedAt: Date(), expiresAt: Date().addingTimeInterval(600))
    let token = try await SharedKeyCollection(signingKey: key).collection().sign(claims)
    let answer = try await GuardedCaseApp.get(
      "/whoami", authorization: "Bearer \(token)", gate: AccessGate(signingKey: key))
    let caller = try JSONDecoder().decode(GuardedCaseApp.Caller.self, from: Data(answer.body.utf8))
    #expect(caller.roles == ["case-worker"])
  }

  @Test("a token from another issuer is refused even when the signature matches")
  func otherIssuer() async throws {
    var claims = AccessClaims(
      subject: "x-2", roles: ["administrator"], areas: [], agency: nil, facilitatorId: nil,
      issuedAt: Date(), expiresAt: Date().addingTimeInterval(600))
    claims.issuer = "someone-else"
    let token = try await SharedKeyCollection(signingKey: key).collection().sign(claims)
    let answer = try await GuardedCaseApp.get(
      "/whoami", authorization: "Bearer \(token)", gate: AccessGate(signingKey: key))
    #expect(answer.status == .unauthorized)
    #expect(answer.errorMessage == "bearer token was not issued by a trusted issuer")
  }

  /// The decoded JSON payload (middle part) of `token`.
  static func payload(of token: String) -> [String: Any]? {
    var part = String(token.split(separator: ".")[1])
      .replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while part.count % 4 != 0 { part += "=" }
    guard let data = Data(base64Encoded: part) else { return nil }
    return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
  }
}
