import Foundation
import HubConfiguration
import JWTKit

/// The public keys of a force's identity provider, read from its JSON Web Key Set file
/// (`RJHUB_JWT_JWKS_FILE`) and checked at start-up.
///
/// Every key must name its `kid` and declare `alg` `RS256` (an RSA key of at least 2048 bits)
/// or `ES256` (an EC P-256 key), and carry no private material. A set that breaks any rule stops
/// the service with an error naming the variable and the position of the faulty key, never its
/// content.
struct PublishedKeySet: Sendable {
  /// The algorithms a published key may declare.
  enum Algorithm: String, Sendable, CaseIterable {
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    case rs256 = "RS256"
    /// ECDSA on P-256 with SHA-256.
    case es256 = "ES256"
  }

  /// One trusted public key: the algorithm it declared and a JWTKit collection holding only it,
  /// so a token is never checked against any other key.
  struct PublishedKey: Sendable {
    /// The algorithm the key declared, the only one tokens under its `kid` may use.
    var algorithm: Algorithm
    /// A JWTKit collection holding only this key.
    var keys: PreparedKeyCollection
  }

  /// The keys by `kid`.
  let keys: [String: PublishedKey]

  /// What the file must hold, for configuration errors.
  static let expectedShape =
    "a JSON Web Key Set ({\"keys\": [...]}) of public RS256 (RSA, at least 2048 bits) or ES256 (EC P-256) keys, each with a distinct kid and its alg, and no private members"

  /// Reads and checks the set in the file at `path`; errors name `variable`.
  init(contentsOf path: String, variable: String) throws(ConfigurationError) {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ConfigurationError(
        variable: variable, expected: "the path of a readable JSON Web Key Set file",
        reason: .unreadableFile)
    }
    try self.init(json: data, variable: variable)
  }

  /// Checks the set in `json`; errors name `variable` and the position of the faulty key.
  init(json: Data, variable: String) throws(ConfigurationError) {
    let document: PublishedKeyDocument
    do {
      document = try JSONDecoder().decode(PublishedKeyDocument.self, from: json)
    } catch {
      throw ConfigurationError(variable: variable, expected: Self.expectedShape, reason: .malformed)
    }
    guard !document.keys.isEmpty else {
      throw ConfigurationError(
        variable: variable, expected: Self.expectedShape + " (the set holds no keys)",
        reason: .malformed)
    }
    var keys: [String: PublishedKey] = [:]
    for (index, entry) in document.keys.enumerated() {
      let fault = ConfigurationError(
        variable: variable, expected: Self.expectedShape + " (key \(index + 1) is not)",
        reason: .malformed)
      guard let kid = entry.kid, !kid.isEmpty, keys[kid] == nil,
        let key = Self.publicKey(entry)
      else { throw fault }
      keys[kid] = key
    }
    self.keys = keys
  }

  /// The trusted key `entry` describes, or `nil` when it breaks a rule.
  private static func publicKey(_ entry: PublishedKeyDocument.Key) -> PublishedKey? {
    guard !entry.hasSecretMaterial, entry.use == nil || entry.use == "sig",
      let algorithm = entry.alg.flatMap(Algorithm.init(rawValue:))
    else { return nil }
    switch algorithm {
    case .rs256:
      guard entry.kty == "RSA", let n = entry.n, let e = entry.e,
        let key = try? JWTKit.Insecure.RSA.PublicKey(modulus: n, exponent: e)
      else { return nil }
      return PublishedKey(
        algorithm: algorithm,
        keys: PreparedKeyCollection { await $0.add(rsa: key, digestAlgorithm: .sha256) })
    case .es256:
      guard entry.kty == "EC", entry.crv == "P-256", let x = entry.x, let y = entry.y,
        let key = try? ES256PublicKey(parameters: (x, y))
      else { return nil }
      return PublishedKey(
        algorithm: algorithm, keys: PreparedKeyCollection { await $0.add(ecdsa: key) })
    }
  }
}

/// A JWTKit key collection filled once on first use (JWTKit's collection is an actor, so keys
/// are added asynchronously while configuration is read synchronously).
final class PreparedKeyCollection: Sendable {
  private let ready: Task<JWTKeyCollection, Never>

  /// A collection that `fill` adds its keys to.
  init(_ fill: @escaping @Sendable (JWTKeyCollection) async -> Void) {
    ready = Task {
      let keys = JWTKeyCollection()
      await fill(keys)
      return keys
    }
  }

  /// The collection, once its keys are in it.
  func collection() async -> JWTKeyCollection {
    await ready.value
  }
}
