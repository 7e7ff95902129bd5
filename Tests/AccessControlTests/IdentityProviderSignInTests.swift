import AccessControl
import Foundation
import HTTPTypes
import HubConfiguration
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// The hub's access gate against the real local OpenID provider (`infra/oidc.sh`, started by
/// `infra/up.sh`): each synthetic user of `infra/oidc-users.json` signs in through the whole
/// authorization-code + PKCE flow (`infra/oidc_smoke.py --token`), and the provider's RS256
/// access token is checked by a gate built from the settings the services are provisioned with.
///
/// Without the provider's settings in `.local/test.env` (or the environment), or with the
/// provider stopped, every test fails naming the fix; none is skipped.
@Suite("Access gate trusting the local OpenID provider")
struct IdentityProviderSignInTests {
  /// One synthetic account per hub role, as named in `infra/oidc-users.json`.
  static let roleUsers = [
    "caseworker.alpha", "supervisor.alpha", "administrator.alpha", "facilitator.alpha",
    "commissioner.alpha", "referrer.alpha",
  ]
  /// The services provisioned with `.local/env/<service>.env` (infra/lib.sh RJHUB_SERVICES).
  static let services = [
    "intake", "victim-contact", "facilitator-matching", "notifications", "reporting",
  ]

  let issuer: String
  let jwksFile: String
  let smokeScript: String
  let gate: AccessGate

  init() throws {
    issuer = try TestServers.setting(named: "RJHUB_TEST_OIDC_ISSUER")
    jwksFile = try TestServers.setting(named: "RJHUB_TEST_OIDC_JWKS_FILE")
    smokeScript = try TestServers.setting(named: "RJHUB_TEST_OIDC_SMOKE")
    gate = try AccessGate(
      environment: EnvironmentReader([
        "RJHUB_JWT_JWKS_FILE": jwksFile, "RJHUB_JWT_ISSUERS": "rjhub,\(issuer)",
      ]))
  }

  @Test("the users file holds exactly the role users signed in here, covering every hub role")
  func usersFileCoversEveryRole() throws {
    let users = try ProviderUsers.load()
    #expect(Set(users.keys) == Set(Self.roleUsers))
    let roles = Set(users.values.flatMap(\.claims.roles))
    #expect(roles == Set(Role.allCases.map(\.rawValue)))
  }

  @Test(
    "a role user's provider token is accepted with its roles and areas",
    arguments: roleUsers)
  func signIn(user: String) async throws {
    let expected = try #require(try ProviderUsers.load()[user]).claims
    let token = try await providerToken(for: user)
    let answer = try await GuardedCaseApp.get(
      "/whoami", authorization: "Bearer \(token)", gate: gate)
    try #require(answer.status == .ok, "\(user): \(answer.status) \(answer.body)")
    let caller = try JSONDecoder().decode(GuardedCaseApp.Caller.self, from: Data(answer.body.utf8))
    #expect(caller.subject == expected.sub)
    #expect(caller.roles.sorted() == expected.roles.sorted())
    #expect(caller.areas == expected.areas.sorted())
    #expect(caller.agency == expected.agency)
    #expect(caller.facilitatorId == expected.facilitatorId)
  }

  @Test("a case worker's provider token is refused 403 on an administrator route")
  func caseWorkerIsNotAdministrator() async throws {
    let caseWorker = try await providerToken(for: "caseworker.alpha")
    let refused = try await AdministratorApp.get(
      authorization: "Bearer \(caseWorker)", gate: gate)
    #expect(refused.status == .forbidden)
    #expect(refused.errorMessage == "requires one of the roles: administrator")
    let administrator = try await providerToken(for: "administrator.alpha")
    let admitted = try await AdministratorApp.get(
      authorization: "Bearer \(administrator)", gate: gate)
    #expect(admitted.status == .ok)
    #expect(admitted.body == "test-user-administrator-alpha")
  }

  @Test("a provider token whose signature or payload is tampered with is refused 401")
  func tamperedToken() async throws {
    let token = try await providerToken(for: "caseworker.alpha")
    let parts = token.split(separator: ".").map(String.init)
    // A character in the middle of the signature, so every bit of it is significant.
    var signature = Array(parts[2])
    let middle = signature.count / 2
    signature[middle] = signature[middle] == "A" ? "B" : "A"
    let badSignature = [parts[0], parts[1], String(signature)].joined(separator: ".")
    // The payload re-encoded granting administrator, under the provider's own signature.
    var claims = try #require(
      try JSONSerialization.jsonObject(with: Self.base64URLDecoded(parts[1])) as? [String: Any])
    claims["roles"] = ["administrator"]
    let raised = Self.base64URL(try JSONSerialization.data(withJSONObject: claims))
    let forgedPayload = [parts[0], raised, parts[2]].joined(separator: ".")
    for forged in [badSignature, forgedPayload] {
      let answer = try await AdministratorApp.get(authorization: "Bearer \(forged)", gate: gate)
      #expect(answer.status == .unauthorized)
      #expect(answer.errorMessage == "bearer token signature is not valid")
      #expect(answer.challenge?.contains("invalid_token") == true)
      #expect(!answer.body.contains(forged))
    }
  }

  @Test("each provisioned service environment trusts both the provider and the shared key")
  func provisionedServicesTrustProvider() async throws {
    let providerToken = try await providerToken(for: "caseworker.alpha")
    for service in Self.services {
      let environment = try TestServers.serviceEnvironment(service)
      #expect(environment["RJHUB_JWT_JWKS_FILE"] == jwksFile, "\(service)")
      #expect(environment["RJHUB_JWT_ISSUERS"] == "rjhub,\(issuer)", "\(service)")
      let sharedKey = try #require(environment["RJHUB_JWT_HS256_KEY"], "\(service)")
      let serviceGate = try AccessGate(
        environment: EnvironmentReader(
          environment.filter { $0.key.hasPrefix("RJHUB_JWT_") }))
      let local = try await TokenIssuer(signingKey: sharedKey).issue(
        subject: "sup-4", roles: [.supervisor], areas: ["norfolk"])
      for (token, subject) in [
        (providerToken, "test-user-caseworker-alpha"), (local, "sup-4"),
      ] {
        let answer = try await GuardedCaseApp.get(
          "/areas/norfolk/cases", authorization: "Bearer \(token)", gate: serviceGate)
        #expect(answer.status == .ok, "\(service): \(answer.body)")
        #expect(answer.body == subject, "\(service)")
      }
    }
  }

  /// Signs `user` in at the provider through the authorization-code + PKCE flow and returns
  /// the access token it issued; throws with the script's output when the provider is not there.
  func providerToken(for user: String) async throws -> String {
    guard let port = URLComponents(string: issuer)?.port else {
      throw SignInFailure("RJHUB_TEST_OIDC_ISSUER \(issuer) names no port")
    }
    let output = FileManager.default.temporaryDirectory
      .appendingPathComponent("rjhub-oidc-token-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: output) }
    var environment = ProcessInfo.processInfo.environment
    environment["RJHUB_OIDC_PORT"] = String(port)
    let child = try ChildProcess(
      executable: PythonTool.debianInterpreter, arguments: [smokeScript, "--token", user],
      environment: environment, outputFile: output)
    let status = try await child.waitForExit(timeout: .seconds(60))
    if status == nil { child.send(SIGKILL) }
    let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    let lines = text.split(whereSeparator: \.isNewline)
    guard status == 0, let token = lines.last, token.split(separator: ".").count == 3 else {
      throw SignInFailure(
        "signing \(user) in at \(issuer) failed (status \(status.map(String.init) ?? "timeout")): "
          + "\(text.suffix(1000)) — start the provider with `bash infra/up.sh`")
    }
    return String(token)
  }

  static func base64URL(_ data: Data) -> String {
    data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
  }

  static func base64URLDecoded(_ text: String) throws -> Data {
    var base64 = text.replacingOccurrences(of: "-", with: "+")
      .replacingOccurrences(of: "_", with: "/")
    base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
    guard let data = Data(base64Encoded: base64) else { throw SignInFailure("not base64url") }
    return data
  }
}

/// Why a provider sign-in could not be done.
struct SignInFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// The synthetic users of `infra/oidc-users.json`, with the claims the provider issues.
enum ProviderUsers {
  struct User: Decodable {
    var password: String
    var claims: Claims
  }

  struct Claims: Decodable {
    var sub: String
    var roles: [String]
    var areas: [String]
    var agency: String?
    var facilitatorId: String?

    enum CodingKeys: String, CodingKey {
      case sub, roles, areas, agency
      case facilitatorId = "facilitator_id"
    }
  }

  private struct File: Decodable { var users: [String: User] }

  static func load() throws -> [String: User] {
    let url = TestServers.repositoryRoot.appendingPathComponent("infra/oidc-users.json")
    return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).users
  }
}

/// A route only administrators may call, as the hub's operator routes are guarded.
enum AdministratorApp {
  static func make(gate: AccessGate) -> some ApplicationProtocol {
    let router = Router()
    router.get("/admin/settings") { request, _ -> String in
      try await gate.authorize(request, roles: [.administrator]).subject
    }
    return Application(router: router)
  }

  /// `GET /admin/settings` on a live server running the app.
  static func get(authorization: String, gate: AccessGate) async throws -> GuardedCaseApp.Answer {
    try await make(gate: gate).test(.live) { client in
      try await client.execute(
        uri: "/admin/settings", method: .get, headers: [.authorization: authorization]
      ) { response in
        GuardedCaseApp.Answer(
          status: response.status, challenge: response.headers[.wwwAuthenticate],
          body: String(buffer: response.body))
      }
    }
  }
}
