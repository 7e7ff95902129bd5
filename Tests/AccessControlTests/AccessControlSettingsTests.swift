import AccessControl
import Foundation
import HubConfiguration
import Testing

@Suite("Key source configuration")
struct AccessControlSettingsTests {
  @Test("a key shorter than 32 bytes is refused, naming the variable and not the key")
  func shortKey() throws {
    let shortKey = "only-twenty-six-bytes-long"
    let error = try #require(throws: ConfigurationError.self) {
      try AccessGate(environment: EnvironmentReader(["RJHUB_JWT_HS256_KEY": shortKey]))
    }
    #expect(error.variable == "RJHUB_JWT_HS256_KEY")
    #expect(error.reason == .malformed)
    #expect(error.description.contains("RJHUB_JWT_HS256_KEY"))
    #expect(error.description.contains("32 bytes"))
    #expect(!error.description.contains(shortKey))
    #expect(!String(reflecting: error).contains(shortKey))
  }

  @Test("start-up is refused when neither key source is set, naming both variables")
  func noKeySource() throws {
    let error = try #require(throws: ConfigurationError.self) {
      try AccessGate(environment: EnvironmentReader(["RJHUB_JWT_ISSUERS": "rjhub"]))
    }
    #expect(error.reason == .missing)
    #expect(error.description.contains("RJHUB_JWT_HS256_KEY"))
    #expect(error.description.contains("RJHUB_JWT_JWKS_FILE"))
  }

  @Test("minting needs the shared key: requireSharedKey names it when only a JWKS is set")
  func mintingNeedsSharedKey() throws {
    let file = try IdentityProviderKeys.write(IdentityProviderKeys().jwks())
    defer { try? FileManager.default.removeItem(atPath: file) }
    let settings = try AccessControlSettings(
      environment: EnvironmentReader(["RJHUB_JWT_JWKS_FILE": file]))
    #expect(settings.sharedKey == nil)
    let error = try #require(throws: ConfigurationError.self) {
      try settings.requireSharedKey()
    }
    #expect(error.variable == "RJHUB_JWT_HS256_KEY")
  }

  @Test("the key can come from a file named by RJHUB_JWT_HS256_KEY_FILE")
  func keyFromFile() async throws {
    let key = GuardedCaseApp.randomKey()
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("rjhub-jwt-\(UUID().uuidString)")
    try Data((key + "\n").utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let gate = try AccessGate(
      environment: EnvironmentReader(["RJHUB_JWT_HS256_KEY_FILE": file.path]))
    let token = try await TokenIssuer(signingKey: key).issue(
      subject: "cw-5", roles: [.caseWorker], areas: ["norfolk"])
    let answer = try await GuardedCaseApp.get(
      "/areas/norfolk/cases", authorization: "Bearer \(token)", gate: gate)
    #expect(answer.status == .ok)
  }

  @Test("the provisioned test key is accepted by the gate (RJHUB_TEST_JWT_HS256_KEY)")
  func provisionedKey() async throws {
    let environment = ProcessInfo.processInfo.environment
    guard let key = environment["RJHUB_TEST_JWT_HS256_KEY"], !key.isEmpty else {
      Issue.record(
        "RJHUB_TEST_JWT_HS256_KEY is not set: run infra/provision.sh and source .local/test.env")
      return
    }
    let gate = try AccessGate(environment: EnvironmentReader(["RJHUB_JWT_HS256_KEY": key]))
    let token = try await TokenIssuer(signingKey: key).issue(
      subject: "sup-1", roles: [.supervisor], areas: ["norfolk"])
    let answer = try await GuardedCaseApp.get(
      "/areas/norfolk/cases", authorization: "Bearer \(token)", gate: gate)
    #expect(answer.status == .ok)
  }

  @Test("the variables are documented for rjhub env")
  func documented() {
    #expect(
      AccessControlSettings.documentation.map(\.name) == [
        "RJHUB_JWT_HS256_KEY", "RJHUB_JWT_JWKS_FILE", "RJHUB_JWT_ISSUERS",
      ])
    #expect(AccessControlSettings.documentation.last?.default == "rjhub")
  }
}
