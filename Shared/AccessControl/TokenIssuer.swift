import Foundation
import JWTKit

/// Signs hub access tokens (HS256, issuer `rjhub`) with the shared key.
///
/// Used by `rjhub token` to mint development tokens and by tests. In production a force's or
/// the hub's identity provider issues tokens instead (issue #4); this issuer stays for local
/// work.
public struct TokenIssuer: Sendable {
  private let keys: SharedKeyCollection

  /// An issuer signing with `signingKey`, the same key the ``AccessGate`` verifies with.
  public init(signingKey: String) {
    keys = SharedKeyCollection(signingKey: signingKey)
  }

  /// A signed token for `subject` holding `roles` in `areas`, valid for `lifetime` from now.
  ///
  /// A lifetime of zero or less gives a token that is already expired (tests use this to check
  /// expiry is enforced).
  public func issue(
    subject: String, roles: Set<Role>, areas: Set<String>, agency: String? = nil,
    facilitatorId: String? = nil, lifetime: Duration = .seconds(3600)
  ) async throws -> String {
    // JWT times are whole seconds (NumericDate); fractions confuse some verifiers.
    let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    let seconds =
      Double(lifetime.components.seconds) + Double(lifetime.components.attoseconds) / 1e18
    let claims = AccessClaims(
      subject: subject,
      roles: Role.allCases.filter(roles.contains).map(\.rawValue),
      areas: areas.sorted(), agency: agency, facilitatorId: facilitatorId,
      issuedAt: now, expiresAt: now.addingTimeInterval(seconds))
    return try await keys.collection().sign(claims)
  }
}
