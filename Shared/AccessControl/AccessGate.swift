import HTTPTypes
import HubConfiguration
import Hummingbird

/// The one check in front of every hub API route: who is calling, and may they call this?
///
/// A route names the roles it admits; the gate verifies the caller's bearer token and refuses
/// anyone who holds none of them (deny by default). Failures are HTTP errors ready to return:
/// 401 with `WWW-Authenticate: Bearer` when the token is missing, malformed, wrongly signed or
/// expired, 403 when it is valid but lacks the role. Messages never repeat the token.
///
/// ```swift
/// let gate = try AccessGate(environment: EnvironmentReader())
/// router.get("/cases/{id}") { request, context in
///   let caller = try await gate.authorize(request, roles: [.caseWorker, .supervisor])
///   try caller.requireArea(caseFile.area)
///   ...
/// }
/// ```
public struct AccessGate: Sendable {
  private let verifier: any TokenVerifier

  /// A gate trusting the key sources configured in the environment: the identity provider's
  /// JSON Web Key Set in `RJHUB_JWT_JWKS_FILE` (RS256/ES256, issuers `RJHUB_JWT_ISSUERS`), the
  /// shared HS256 key in `RJHUB_JWT_HS256_KEY` (or `_FILE`), or both, in which case a token is
  /// checked by the source its header's algorithm calls for.
  ///
  /// Throws a ``ConfigurationError`` naming the variables when neither is set, or the faulty
  /// variable when one is malformed (a key shorter than 32 bytes, an unreadable or invalid key
  /// set); never a key.
  public init(environment: EnvironmentReader) throws {
    let settings = try AccessControlSettings(environment: environment)
    var sources: [any TokenVerifier] = []
    if let keySet = settings.publishedKeys {
      sources.append(
        IdentityProviderVerifier(keySet: keySet, trustedIssuers: Set(settings.trustedIssuers)))
    }
    if let sharedKey = settings.sharedKey {
      sources.append(SharedKeyVerifier(signingKey: sharedKey.value))
    }
    verifier = sources.count == 1 ? sources[0] : KeySourceSelector(sources)
  }

  /// A gate trusting tokens signed with `signingKey` (HS256), for tests; the key is not checked
  /// for length here.
  public init(signingKey: String) {
    verifier = SharedKeyVerifier(signingKey: signingKey)
  }

  /// Verifies the request's bearer token and returns the caller if they hold one of `roles`.
  ///
  /// - Throws: `HTTPError` 401 (missing, malformed, wrongly signed or expired token; the message
  ///   says which) or 403 (valid token with none of `roles`; the message names them). An empty
  ///   `roles` admits nobody.
  public func authorize(_ request: Request, roles: Set<Role>) async throws -> AccessToken {
    let token: AccessToken
    do {
      let bearer = try BearerCredentials.token(in: request)
      token = AccessToken(claims: try await verifier.verify(bearer))
    } catch {
      throw Self.unauthorized(error)
    }
    guard !token.roles.isDisjoint(with: roles) else {
      let names = Role.allCases.filter(roles.contains).map(\.rawValue).joined(separator: ", ")
      throw HTTPError(.forbidden, message: "requires one of the roles: \(names)")
    }
    return token
  }

  /// The caller `token` (a bearer token without its `Bearer ` prefix) stands for, once its
  /// signature, expiry and issuer are checked; for a client such as the workplace that holds
  /// a signed-in person's token and must know their roles and areas before calling a service.
  ///
  /// - Throws: `HTTPError` 401 saying what is wrong with the token.
  public func verify(token: String) async throws -> AccessToken {
    do {
      return AccessToken(claims: try await verifier.verify(token))
    } catch {
      throw Self.unauthorized(error)
    }
  }

  /// The 401 for `rejection`, with the challenge RFC 6750 asks for.
  private static func unauthorized(_ rejection: TokenRejection) -> HTTPError {
    let challenge =
      rejection == .missing
      ? "Bearer realm=\"rjhub\"" : "Bearer realm=\"rjhub\", error=\"invalid_token\""
    return HTTPError(
      .unauthorized, headers: [.wwwAuthenticate: challenge], message: rejection.message)
  }
}
