import Foundation
import HubConfiguration
import JWTKit

/// Checks the ID token an OpenID provider returns at sign-in (OpenID Connect Core 3.1.3.7):
/// signed by a key of the provider's JSON Web Key Set (`RJHUB_JWT_JWKS_FILE`, the same keys the
/// services trust), issued by the expected issuer, meant for this client (`aud`), not expired,
/// and carrying the `nonce` the sign-in started with, so a token from another sign-in cannot be
/// replayed into this one.
public struct IdentityTokenVerifier: Sendable {
  private let keySet: PublishedKeySet
  private let issuer: String
  private let clientID: String

  /// A verifier for ID tokens `issuer` signs for `clientID`, with the keys of the JSON Web Key
  /// Set file in `RJHUB_JWT_JWKS_FILE`.
  ///
  /// - Throws: ``ConfigurationError`` naming `RJHUB_JWT_JWKS_FILE` when it is unset or invalid.
  public init(environment: EnvironmentReader, issuer: String, clientID: String)
    throws(ConfigurationError)
  {
    guard let path = environment.raw(AccessControlSettings.jwksFileVariable) else {
      throw ConfigurationError(
        variable: AccessControlSettings.jwksFileVariable,
        expected: "the identity provider's JSON Web Key Set file, to check sign-in tokens",
        reason: .missing)
    }
    keySet = try PublishedKeySet(
      contentsOf: path, variable: AccessControlSettings.jwksFileVariable)
    self.issuer = issuer
    self.clientID = clientID
  }

  /// The signed-in person `idToken` names, once every check passes.
  /// - Throws: ``IdentityTokenRejection`` saying which check failed (never the token).
  public func verify(_ idToken: String, nonce: String) async throws(IdentityTokenRejection)
    -> SignedInIdentity
  {
    guard idToken.utf8.count <= SignedToken.maximumLength,
      let header = try? DefaultJWTParser().parse(Array(idToken.utf8), as: IdentityClaims.self)
        .header
    else { throw .malformed }
    guard let algorithm = header.alg.flatMap(PublishedKeySet.Algorithm.init(rawValue:)),
      let kid = header.kid, let key = keySet.keys[kid], key.algorithm == algorithm
    else { throw .untrustedKey }
    let claims: IdentityClaims
    do {
      claims = try await key.keys.collection().verify(idToken, as: IdentityClaims.self)
    } catch let error as JWTError where error.errorType == .signatureVerificationFailed {
      throw .untrustedKey
    } catch IdentityTokenRejection.expired {
      throw .expired
    } catch {
      throw .malformed
    }
    guard claims.issuer.value == issuer else { throw .wrongIssuer }
    guard claims.audience.value.contains(clientID) else { throw .wrongAudience }
    guard let sent = claims.nonce, sent == nonce else { throw .wrongNonce }
    return SignedInIdentity(
      subject: claims.subject.value, name: claims.name ?? claims.preferredUsername ?? "")
  }
}

/// Who signed in, as the ID token says.
public struct SignedInIdentity: Sendable, Equatable {
  /// The provider's stable subject identifier.
  public let subject: String
  /// The name to greet them by (`name`, else `preferred_username`).
  public let name: String
}

/// Why an ID token was refused at sign-in.
public enum IdentityTokenRejection: Error, Sendable, Equatable, CustomStringConvertible {
  /// Not a JWT with an ID token's claims.
  case malformed
  /// Not signed by a key of the provider's set, or with an algorithm the key does not declare.
  case untrustedKey
  /// Past its `exp`.
  case expired
  /// Issued by someone other than the configured issuer.
  case wrongIssuer
  /// Not meant for this client.
  case wrongAudience
  /// Its `nonce` is not the one this sign-in started with.
  case wrongNonce

  public var description: String {
    switch self {
    case .malformed: "the ID token is malformed"
    case .untrustedKey: "the ID token is not signed by a trusted key"
    case .expired: "the ID token has expired"
    case .wrongIssuer: "the ID token was not issued by the configured issuer"
    case .wrongAudience: "the ID token is not meant for this client"
    case .wrongNonce: "the ID token does not answer this sign-in (nonce)"
    }
  }
}

/// The claims of an OpenID Connect ID token that sign-in reads.
struct IdentityClaims: JWTPayload {
  var issuer: IssuerClaim
  var subject: SubjectClaim
  var audience: AudienceClaim
  var expiration: ExpirationClaim
  var nonce: String?
  var name: String?
  var preferredUsername: String?

  enum CodingKeys: String, CodingKey {
    case issuer = "iss"
    case subject = "sub"
    case audience = "aud"
    case expiration = "exp"
    case nonce, name
    case preferredUsername = "preferred_username"
  }

  func verify(using algorithm: some JWTAlgorithm) async throws {
    guard Date() < expiration.value else { throw IdentityTokenRejection.expired }
  }
}
