import Hummingbird

/// The verified identity of a caller: who they are, what they may do and where.
///
/// Produced only by ``AccessGate/authorize(_:roles:)`` after the bearer token's signature,
/// issuer and expiry have been checked, so a handler holding one can trust every field.
public struct AccessToken: Sendable, Hashable {
  /// The caller's stable identifier from the identity provider (`sub`); never a name or email.
  public let subject: String
  /// The hub roles the caller holds (`roles`); role names the hub does not know are dropped.
  public let roles: Set<Role>
  /// The areas (for example `norfolk`) whose cases the caller may see (`areas`).
  public let areas: Set<String>
  /// The referring agency or force the caller acts for (`agency`), when they act for one.
  public let agency: String?
  /// The facilitator register entry the caller is (`facilitator_id`), for facilitators.
  public let facilitatorId: String?

  init(claims: AccessClaims) {
    subject = claims.subject.value
    roles = Set(claims.roles.compactMap(Role.init(rawValue:)))
    areas = Set(claims.areas)
    agency = claims.agency
    facilitatorId = claims.facilitatorId
  }
}

extension AccessToken {
  /// Refuses with HTTP 403 unless the caller's token names `area`, so a caller sees only the
  /// cases of the areas they serve.
  ///
  /// Call it once the case (and so its area) is known; the message names the area, which is a
  /// place name and not personal data.
  public func requireArea(_ area: String) throws {
    guard areas.contains(area) else {
      throw HTTPError(.forbidden, message: "not authorised for area \(area)")
    }
  }

  /// Refuses with HTTP 403 unless the caller acts for `agency` (the token's `agency` claim),
  /// so a referring agency or police integration sees only the referrals it sent. A caller
  /// whose token names no agency is refused too.
  ///
  /// The message names the agency asked for, an organisation and not personal data.
  public func requireAgency(_ agency: String) throws {
    guard self.agency == agency else {
      throw HTTPError(.forbidden, message: "not authorised for agency \(agency)")
    }
  }

  /// The role the caller acts in on a route that admits `roles`: the first, in name order, of
  /// their roles the route admits (so audit entries name one role, the same one every time);
  /// nil when they hold none.
  public func actingRole(among roles: Set<Role>) -> Role? {
    self.roles.intersection(roles).sorted { $0.rawValue < $1.rawValue }.first
  }
}
