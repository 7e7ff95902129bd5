import AccessControl
import HTTPTypes
import Testing

@Suite("Access gate on a real route")
struct AccessGateTests {
  let key = GuardedCaseApp.randomKey()
  var gate: AccessGate { AccessGate(signingKey: key) }
  var issuer: TokenIssuer { TokenIssuer(signingKey: key) }

  @Test("a request without a bearer token is refused with 401 and a Bearer challenge")
  func missingToken() async throws {
    let answer = try await GuardedCaseApp.get(
      "/areas/norfolk/cases", authorization: nil, gate: gate)
    #expect(answer.status == .unauthorized)
    #expect(answer.errorMessage == "missing bearer token")
    #expect(answer.challenge?.hasPrefix("Bearer") == true)
  }

  @Test("another authorization scheme counts as no bearer token")
  func otherScheme() async throws {
    let answer = try await GuardedCaseApp.get(
      "/areas/norfolk/cases", authorization: "Basic Y2FzZXdvcmtlcjpzZWNyZXQ=", gate: gate)
    #expect(answer.status == .unauthorized)
    #expect(answer.errorMessage == "missing bearer token")
  }

  @Test("a garbage token is refused with 401, and the token is not echoed")
  func garbage() async throws {
    let garbage = "not-a-jwt-7f3a9c"
    let answer = try await GuardedCaseApp.get(
      "/areas/norfolk/cases", authorization: "Bearer \(garbage)", gate: gate)
    #expect(answer.status == .unauthorized)
    #expect(answer.errorMessage == "bearer token is malformed")
    #expect(answer.challenge?.contains("invalid_token") == true)
    #expect(!answer.body.contains(garbage))
  }

  @Test("an expired token is refused with 401")
  func expired() async throws {
    let token = try await issuer.issue(
      subject: "cw-101", roles: [.caseWorker], areas: ["norfolk"], lifetime: .seconds(-60))
    let answer = try await GuardedCaseApp.get(
      "/areas/norfolk/cases", authorization: "Bearer \(token)", gate: gate)
    #expect(answer.status == .unauthorized)
    #expect(answer.errorMessage == "bearer token has expired")
    #expect(!answer.body.contains(token))
  }

  @Test("a token signed with another key is refused with 401")
  func otherKey() async throws {
    let forged = try await TokenIssuer(signingKey: GuardedCaseApp.randomKey()).issue(
      subject: "cw-101", roles: [.caseWorker], areas: ["norfolk"])
    let answer = try await GuardedCaseApp.get(
      "/areas/norfolk/cases", authorization: "Bearer \(forged)", gate: gate)
    #expect(answer.status == .unauthorized)
    #expect(answer.errorMessage == "bearer token signature is not valid")
  }

  @Test("an unsigned token (alg none) is refused with 401 before its signature is looked at")
  func unsignedToken() async throws {
    let token = try await issuer.issue(
      subject: "cw-101", roles: [.caseWorker], areas: ["norfolk"])
    let parts = token.split(separator: ".")
    let noneHeader = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0"  // {"alg":"none","typ":"JWT"}
    let answer = try await GuardedCaseApp.get(
      "/areas/norfolk/cases", authorization: "Bearer \(noneHeader).\(parts[1]).", gate: gate)
    #expect(answer.status == .unauthorized)
    #expect(answer.errorMessage == "bearer token uses an algorithm this hub does not accept")
  }

  @Test("a valid token without an admitted role is refused with 403 naming the roles")
  func wrongRole() async throws {
    let token = try await issuer.issue(
      subject: "fac-7", roles: [.facilitator, .commissioner], areas: ["norfolk"])
    let answer = try await GuardedCaseApp.get(
      "/areas/norfolk/cases", authorization: "Bearer \(token)", gate: gate)
    #expect(answer.status == .forbidden)
    #expect(answer.errorMessage == "requires one of the roles: case-worker, supervisor")
    #expect(answer.challenge == nil)
  }

  @Test("a valid token with an admitted role and the area is let through")
  func rightRoleAndArea() async throws {
    let token = try await issuer.issue(
      subject: "sup-3", roles: [.supervisor], areas: ["norfolk", "suffolk"])
    let answer = try await GuardedCaseApp.get(
      "/areas/suffolk/cases", authorization: "bearer \(token)", gate: gate)
    #expect(answer.status == .ok)
    #expect(answer.body == "sup-3")
  }

  @Test("a caller is refused with 403 for an area their token does not name")
  func wrongArea() async throws {
    let token = try await issuer.issue(
      subject: "cw-101", roles: [.caseWorker], areas: ["norfolk"])
    let answer = try await GuardedCaseApp.get(
      "/areas/cambridgeshire/cases", authorization: "Bearer \(token)", gate: gate)
    #expect(answer.status == .forbidden)
    #expect(answer.errorMessage == "not authorised for area cambridgeshire")
  }

  @Test("a referrer reaches only its own agency's referrals; no agency claim is refused")
  func agencyScoping() async throws {
    let own = try await issuer.issue(
      subject: "ref-1", roles: [.referrer], areas: ["norfolk"], agency: "norfolk-victim-care")
    let answer = try await GuardedCaseApp.get(
      "/agencies/norfolk-victim-care/referrals", authorization: "Bearer \(own)", gate: gate)
    #expect(answer.status == .ok)
    #expect(answer.body == "ref-1")
    let other = try await GuardedCaseApp.get(
      "/agencies/suffolk-youth-justice/referrals", authorization: "Bearer \(own)", gate: gate)
    #expect(other.status == .forbidden)
    #expect(other.errorMessage == "not authorised for agency suffolk-youth-justice")
    let none = try await issuer.issue(subject: "ref-2", roles: [.referrer], areas: ["norfolk"])
    let unnamed = try await GuardedCaseApp.get(
      "/agencies/norfolk-victim-care/referrals", authorization: "Bearer \(none)", gate: gate)
    #expect(unnamed.status == .forbidden)
  }
}
