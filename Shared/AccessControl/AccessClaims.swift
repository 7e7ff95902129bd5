import Foundation
import JWTKit

/// The claims of an RJ Hub access token, as they appear in the JWT payload.
///
/// `sub`, `exp`, `iat` and `iss` are registered claims; `roles`, `areas`, `agency` and
/// `facilitator_id` are the hub's own. Missing `roles` or `areas` decode as empty, which admits
/// nothing (deny by default).
struct AccessClaims: JWTPayload, Equatable {
  /// The issuer of tokens signed with the hub's shared key, and the default trusted issuer of
  /// identity-provider tokens.
  static let hubIssuer = "rjhub"

  var issuer: IssuerClaim
  var subject: SubjectClaim
  var expiration: ExpirationClaim
  var issuedAt: IssuedAtClaim
  var roles: [String]
  var areas: [String]
  var agency: String?
  var facilitatorId: String?

  enum CodingKeys: String, CodingKey {
    case issuer = "iss"
    case subject = "sub"
    case expiration = "exp"
    case issuedAt = "iat"
    case roles
    case areas
    case agency
    case facilitatorId = "facilitator_id"
  }

  init(
    subject: String, roles: [String], areas: [String], agency: String?, facilitatorId: String?,
    issuedAt: Date, expiresAt: Date
  ) {
    self.issuer = IssuerClaim(value: Self.hubIssuer)
    self.subject = SubjectClaim(value: subject)
    self.expiration = ExpirationClaim(value: expiresAt)
    self.issuedAt = IssuedAtClaim(value: issuedAt)
    self.roles = roles
    self.areas = areas
    self.agency = agency
    self.facilitatorId = facilitatorId
  }

  init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    issuer = try container.decode(IssuerClaim.self, forKey: .issuer)
    subject = try container.decode(SubjectClaim.self, forKey: .subject)
    expiration = try container.decode(ExpirationClaim.self, forKey: .expiration)
    issuedAt = try container.decode(IssuedAtClaim.self, forKey: .issuedAt)
    roles = try container.decodeIfPresent([String].self, forKey: .roles) ?? []
    areas = try container.decodeIfPresent([String].self, forKey: .areas) ?? []
    agency = try container.decodeIfPresent(String.self, forKey: .agency)
    facilitatorId = try container.decodeIfPresent(String.self, forKey: .facilitatorId)
  }

  /// Called by JWTKit after the signature is verified: rejects expired tokens. The issuer is
  /// checked afterwards by the verifier, because each key source trusts its own issuers.
  func verify(using algorithm: some JWTAlgorithm) async throws {
    guard Date() < expiration.value else { throw TokenRejection.expired }
  }
}
