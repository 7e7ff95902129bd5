import AccessControl
import Foundation
import HubConfiguration
import Testing

@testable import AccessControl

@Suite("Access gate trusting an identity provider's JWKS")
struct IdentityProviderGateTests {
  let provider: IdentityProviderKeys
  let jwksFile: String
  let gate: AccessGate

  init() throws {
    provider = try IdentityProviderKeys()
    jwksFile = try IdentityProviderKeys.write(provider.jwks())
    gate = try AccessGate(
      environment: EnvironmentReader([
        "RJHUB_JWT_JWKS_FILE": jwksFile,
        "RJHUB_JWT_ISSUERS": "rjhub, \(IdentityProviderKeys.issuer)",
      ]))
  }

  /// The claims most tests sign: a Norfolk case worker.
  var caseWorker: AccessClaims {
    IdentityProviderKeys.claims(subject: "cw-201", roles: ["case-worker"], areas: ["norfolk"])
  }

  @Test("a token signed RS256 by a key in the set is accepted with its claims")
  func rsaKey() async throws {
    let claims = IdentityProviderKeys.claims(
      subject: "ref-12", roles: ["referrer"], areas: ["norfolk", "suffolk"],
      agency: "norfolk-constabulary")
    let token = try await IdentityProviderKeys.signRS256(
      claims, with: provider.rsaKey, kid: IdentityProviderKeys.rsaKid)
    let answer = try await GuardedCaseApp.get(
      "/whoami", authorization: "Bearer \(token)", gate: gate)
    #expect(answer.status == .ok)
    let caller = try JSONDecoder().decode(GuardedCaseApp.Caller.self, from: Data(answer.body.utf8))
    #expect(
      caller
        == GuardedCaseApp.Caller(
          subject: "ref-12", roles: ["referrer"], areas: ["norfolk", "suffolk"],
          agency: "norfolk-constabulary", facilitatorId: nil))
  }

  @Test("a token signed ES256 by a key in the set is accepted and guards areas as before")
  func ecKey() async throws {
    let token = try await IdentityProviderKeys.signES256(
      caseWorker, with: provider.ecKey, kid: IdentityProviderKeys.ecKid)
    let allowed = try await GuardedCaseApp.get(
      "/areas/norfolk/cases", authorization: "Bearer \(token)", gate: gate)
    #expect(allowed.status == .ok)
    #expect(allowed.body == "cw-201")
    let otherArea = try await GuardedCaseApp.get(
      "/areas/suffolk/cases", authorization: "Bearer \(token)", gate: gate)
    #expect(otherArea.status == .forbidden)
    #expect(otherArea.errorMessage == "not authorised for area suffolk")
  }

  @Test("an expired token is refused with 401")
  func expired() async throws {
    let claims = IdentityProviderKeys.claims(
      subject: "cw-201", roles: ["case-worker"], areas: ["norfolk"], lifetime: -60)
    let token = try await IdentityProviderKeys.signRS256(
      claims, with: provider.rsaKey, kid: IdentityProviderKeys.rsaKid)
    let answer = try await GuardedCaseApp.get(
      "/areas/norfolk/cases", authorization: "Bearer \(token)", gate: gate)
    #expect(answer.status == .unauthorized)
    #expect(answer.errorMessage == "bearer token has expired")
    #expect(answer.challenge?.contains("invalid_token") == true)
  }

  @Test("a token signed by an RSA key not in the set, under a trusted kid, is refused with 401")
  func foreignKey() async throws {
    let token = try await IdentityProviderKeys.signRS256(
      caseWorker, with: IdentityProviderKeys.newRSAKey(), kid: IdentityProviderKeys.rsaKid)
    let answer = try await GuardedCaseApp.get(
      "/areas/norfolk/cases", authorization: "Bearer \(token)", gate: gate)
    #expect(answer.status == .unauthorized)
    #expect(answer.errorMessage == "bearer token signature is not valid")
    #expect(!answer.body.contains(token))
  }

  @Test("a token naming a kid that is not in the set is refused with 401")
  func unknownKid() async throws {
    let token = try await IdentityProviderKeys.signRS256(
      caseWorker, with: provider.rsaKey, kid: "retired-key-0")
    let answer = try await GuardedCaseApp.get(
      "/areas/norfolk/cases", authorization: "Bearer \(token)", gate: gate)
    #expect(answer.status == .unauthorized)
    #expect(answer.errorMessage == "bearer token signature is not valid")
  }

  @Test("an unsigned token (alg none) is refused with 401 before its signature is looked at")
  func unsigned() async throws {
    let signed = try await IdentityProviderKeys.signRS256(
      caseWorker, with: provider.rsaKey, kid: IdentityProviderKeys.rsaKid)
    let header = IdentityProviderKeys.base64URL(
      json: #"{"alg":"none","typ":"JWT","kid":"\#(IdentityProviderKeys.rsaKid)"}"#)
    let payload = signed.split(separator: ".")[1]
    let answer = try await GuardedCaseApp.get(
      "/areas/norfolk/cases", authorization: "Bearer \(header).\(payload).", gate: gate)
    #expect(answer.status == .unauthorized)
    #expect(answer.errorMessage == "bearer token uses an algorithm this hub does not accept")
  }

  @Test("an HS256 token is refused with 401 when only the JWKS is configured")
  func sharedKeyTokenWithoutSharedKey() async throws {
    let token = try await TokenIssuer(signingKey: GuardedCaseApp.randomKey()).issue(
      subject: "cw-201", roles: [.caseWorker], areas: ["norfolk"])
    let answer = try await GuardedCaseApp.get(
      "/areas/norfolk/cases", authorization: "Bearer \(token)", gate: gate)
    #expect(answer.status == .unauthorized)
    #expect(answer.errorMessage == "bearer token uses an algorithm this hub does not accept")
  }

  @Test("a token whose header algorithm differs from the one its key declares is refused")
  func algorithmOtherThanDeclared() async throws {
    let signed = try await IdentityProviderKeys.signRS256(
      caseWorker, with: provider.rsaKey, kid: IdentityProviderKeys.rsaKid)
    let parts = signed.split(separator: ".")
    let header = IdentityProviderKeys.base64URL(
      json: #"{"alg":"ES256","typ":"JWT","kid":"\#(IdentityProviderKeys.rsaKid)"}"#)
    let answer = try await GuardedCaseApp.get(
      "/areas/norfolk/cases", authorization: "Bearer \(header).\(parts[1]).\(parts[2])",
      gate: gate)
    #expect(answer.status == .unauthorized)
    #expect(answer.errorMessage == "bearer token uses an algorithm this hub does not accept")
  }

  @Test("a token from an issuer not in RJHUB_JWT_ISSUERS is refused with 401")
  func untrustedIssuer() async throws {
    let claims = IdentityProviderKeys.claims(
      subject: "cw-201", roles: ["case-worker"], areas: ["norfolk"],
      issuer: "https://idp.elsewhere.example")
    let token = try await IdentityProviderKeys.signES256(
      claims, with: provider.ecKey, kid: IdentityProviderKeys.ecKid)
    let answer = try await GuardedCaseApp.get(
      "/areas/norfolk/cases", authorization: "Bearer \(token)", gate: gate)
    #expect(answer.status == .unauthorized)
    #expect(answer.errorMessage == "bearer token was not issued by a trusted issuer")
  }

  @Test("without RJHUB_JWT_ISSUERS only the issuer rjhub is trusted")
  func defaultIssuer() async throws {
    let defaultGate = try AccessGate(
      environment: EnvironmentReader(["RJHUB_JWT_JWKS_FILE": jwksFile]))
    let fromProvider = try await IdentityProviderKeys.signRS256(
      caseWorker, with: provider.rsaKey, kid: IdentityProviderKeys.rsaKid)
    let refused = try await GuardedCaseApp.get(
      "/areas/norfolk/cases", authorization: "Bearer \(fromProvider)", gate: defaultGate)
    #expect(refused.errorMessage == "bearer token was not issued by a trusted issuer")
    let claims = IdentityProviderKeys.claims(
      subject: "cw-201", roles: ["case-worker"], areas: ["norfolk"], issuer: "rjhub")
    let fromHub = try await IdentityProviderKeys.signRS256(
      claims, with: provider.rsaKey, kid: IdentityProviderKeys.rsaKid)
    let accepted = try await GuardedCaseApp.get(
      "/areas/norfolk/cases", authorization: "Bearer \(fromHub)", gate: defaultGate)
    #expect(accepted.status == .ok)
  }

  @Test("with both sources configured the gate accepts HS256 and JWKS tokens")
  func bothSources() async throws {
    let sharedKey = GuardedCaseApp.randomKey()
    let bothGate = try AccessGate(
      environment: EnvironmentReader([
        "RJHUB_JWT_JWKS_FILE": jwksFile, "RJHUB_JWT_HS256_KEY": sharedKey,
        "RJHUB_JWT_ISSUERS": IdentityProviderKeys.issuer,
      ]))
    let local = try await TokenIssuer(signingKey: sharedKey).issue(
      subject: "sup-4", roles: [.supervisor], areas: ["norfolk"])
    let fromProvider = try await IdentityProviderKeys.signES256(
      caseWorker, with: provider.ecKey, kid: IdentityProviderKeys.ecKid)
    for (token, subject) in [(local, "sup-4"), (fromProvider, "cw-201")] {
      let answer = try await GuardedCaseApp.get(
        "/areas/norfolk/cases", authorization: "Bearer \(token)", gate: bothGate)
      #expect(answer.status == .ok)
      #expect(answer.body == subject)
    }
    let forged = try await TokenIssuer(signingKey: GuardedCaseApp.randomKey()).issue(
      subject: "sup-4", roles: [.supervisor], areas: ["norfolk"])
    let refused = try await GuardedCaseApp.get(
      "/areas/norfolk/cases", authorization: "Bearer \(forged)", gate: bothGate)
    #expect(refused.errorMessage == "bearer token signature is not valid")
  }
}
