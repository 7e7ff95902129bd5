import AccessControl
import Foundation
import HubConfiguration
import Testing

@Suite("Identity provider key set configuration")
struct IdentityProviderSettingsTests {
  /// A marker placed in faulty files, which must never appear in an error.
  static let marker = "kid-marker-5b2e91"

  /// The error the gate gives at start-up for a key set file holding `content`.
  static func startUpError(_ content: String) throws -> ConfigurationError {
    let file = try IdentityProviderKeys.write(Data(content.utf8))
    defer { try? FileManager.default.removeItem(atPath: file) }
    return try #require(throws: ConfigurationError.self) {
      try AccessGate(environment: EnvironmentReader(["RJHUB_JWT_JWKS_FILE": file]))
    }
  }

  @Test("a file that is not a key set is refused, naming the variable and not the content")
  func notAKeySet() throws {
    let error = try Self.startUpError(#"{"kid": "\#(Self.marker)", "keys": "#)
    #expect(error.variable == "RJHUB_JWT_JWKS_FILE")
    #expect(error.reason == .malformed)
    #expect(error.description.contains("RJHUB_JWT_JWKS_FILE"))
    #expect(!error.description.contains(Self.marker))
  }

  /// One way of spoiling a valid key set, each of which must stop start-up on its own.
  enum Spoiling: String, CaseIterable, Sendable {
    case noKeys, noKid, duplicateKid, noAlg, otherAlg, rsaKeyAsES256, otherCurve, encryptionUse
    case symmetricKey, shortRSAModulus

    /// `document` (a valid set: an RSA key, then an EC key) spoiled this way.
    func apply(to document: [String: Any]) -> [String: Any] {
      var keys = document["keys"] as? [[String: Any]] ?? []
      switch self {
      case .noKeys: keys = []
      case .noKid: keys[0]["kid"] = nil
      case .duplicateKid: keys[1]["kid"] = keys[0]["kid"]
      case .noAlg: keys[0]["alg"] = nil
      case .otherAlg: keys[0]["alg"] = "PS256"
      case .rsaKeyAsES256: keys[0]["alg"] = "ES256"
      case .otherCurve: keys[1]["crv"] = "P-384"
      case .encryptionUse: keys[1]["use"] = "enc"
      case .symmetricKey:
        keys.append([
          "kty": "oct", "kid": "shared", "alg": "HS256", "k": IdentityProviderSettingsTests.marker,
        ])
      case .shortRSAModulus:
        keys[0]["n"] = IdentityProviderKeys.base64URL(Data(repeating: 7, count: 128))
      }
      var spoiled = document
      spoiled["keys"] = keys
      return spoiled
    }
  }

  @Test("the valid key set the spoilings start from is accepted")
  func validSetIsAccepted() throws {
    let file = try IdentityProviderKeys.write(IdentityProviderKeys().jwks())
    defer { try? FileManager.default.removeItem(atPath: file) }
    _ = try AccessGate(environment: EnvironmentReader(["RJHUB_JWT_JWKS_FILE": file]))
  }

  @Test("each spoiling of a valid key set stops start-up", arguments: Spoiling.allCases)
  func spoiledSet(spoiling: Spoiling) throws {
    let document = spoiling.apply(to: try IdentityProviderKeys().jwks())
    let data = try JSONSerialization.data(withJSONObject: document)
    let error = try Self.startUpError(String(decoding: data, as: UTF8.self))
    #expect(error.variable == "RJHUB_JWT_JWKS_FILE")
    #expect(error.reason == .malformed)
    #expect(!error.description.contains(Self.marker))
  }

  @Test("a set carrying a private key is refused, and the private key is not shown")
  func privateKeyMaterial() throws {
    var document = try IdentityProviderKeys().jwks()
    var keys = try #require(document["keys"] as? [[String: Any]])
    keys[1]["d"] = Self.marker
    document["keys"] = keys
    let file = try IdentityProviderKeys.write(document)
    defer { try? FileManager.default.removeItem(atPath: file) }
    let error = try #require(throws: ConfigurationError.self) {
      try AccessGate(environment: EnvironmentReader(["RJHUB_JWT_JWKS_FILE": file]))
    }
    #expect(error.variable == "RJHUB_JWT_JWKS_FILE")
    #expect(error.description.contains("key 2"))
    #expect(!error.description.contains(Self.marker))
  }

  @Test("a key set file that cannot be read is refused, naming the variable")
  func unreadable() throws {
    let error = try #require(throws: ConfigurationError.self) {
      try AccessGate(
        environment: EnvironmentReader([
          "RJHUB_JWT_JWKS_FILE": "/nonexistent/rjhub-\(UUID().uuidString).json"
        ]))
    }
    #expect(error.variable == "RJHUB_JWT_JWKS_FILE")
    #expect(error.reason == .unreadableFile)
  }

  @Test("an empty issuer list is refused, naming RJHUB_JWT_ISSUERS")
  func emptyIssuers() throws {
    let file = try IdentityProviderKeys.write(IdentityProviderKeys().jwks())
    defer { try? FileManager.default.removeItem(atPath: file) }
    let error = try #require(throws: ConfigurationError.self) {
      try AccessControlSettings(
        environment: EnvironmentReader(["RJHUB_JWT_JWKS_FILE": file, "RJHUB_JWT_ISSUERS": " , "]))
    }
    #expect(error.variable == "RJHUB_JWT_ISSUERS")
  }

  @Test("the issuer list is read comma-separated, with spaces trimmed")
  func issuerList() throws {
    let file = try IdentityProviderKeys.write(IdentityProviderKeys().jwks())
    defer { try? FileManager.default.removeItem(atPath: file) }
    let settings = try AccessControlSettings(
      environment: EnvironmentReader([
        "RJHUB_JWT_JWKS_FILE": file, "RJHUB_JWT_ISSUERS": "rjhub, https://idp.example ,",
      ]))
    #expect(settings.trustedIssuers == ["rjhub", "https://idp.example"])
    #expect(settings.jwksFile == file)
  }
}
