import AccessControl
import Foundation
import Hummingbird

/// The person behind a request: their session and what their access token says they may do.
struct SignedIn: Sendable {
  /// The session id from the cookie.
  var id: String
  /// The session.
  var session: WorkplaceSession
  /// Their verified roles, areas, agency and facilitator id.
  var caller: AccessToken

  /// The bearer token sent to the services.
  var token: String { session.accessToken }

  /// The areas they work in, in a stable order.
  var areas: [String] { caller.areas.sorted() }

  /// Refuses with a clear page unless they hold one of `roles`.
  func require(_ roles: Set<Role>, for what: String) throws {
    guard !caller.roles.isDisjoint(with: roles) else {
      let names = Role.allCases.filter(roles.contains).map(\.rawValue).joined(separator: ", ")
      throw PageRefusal.forbidden(
        "\(what) is for: \(names). You are signed in as \(caller.roles.map(\.rawValue).sorted().joined(separator: ", "))."
      )
    }
  }
}

/// Finds the signed-in person of a request and checks the forms they send.
struct SessionGate: Sendable {
  let store: SessionStore
  let gate: AccessGate
  let cookie: SessionCookie
  let publicOrigin: String

  /// The person signed in on `request`; otherwise a refusal that leads to sign-in.
  func signedIn(_ request: Request) async throws -> SignedIn {
    let returnTo = PercentEncoding.component(request.uri.path)
    guard let id = cookie.sessionID(in: request) else {
      throw PageRefusal.signInNeeded(returnTo: returnTo)
    }
    switch try await store.resume(id: id) {
    case .unknown: throw PageRefusal.signInNeeded(returnTo: returnTo)
    case .ended: throw PageRefusal.sessionEnded(returnTo: returnTo)
    case .active(let session):
      guard let caller = try? await gate.verify(token: session.accessToken) else {
        try await store.close(id: id)
        throw PageRefusal.sessionEnded(returnTo: returnTo)
      }
      return SignedIn(id: id, session: session, caller: caller)
    }
  }

  /// The fields of a form `signedIn` posted, once it carries their session's CSRF token and
  /// comes from the workplace itself (`Origin`, when the browser sends it).
  func form(_ request: Request, of signedIn: SignedIn) async throws -> FormFields {
    if let origin = request.headers[.origin], origin != publicOrigin {
      throw PageRefusal.formNotFromWorkplace
    }
    let fields = try await FormFields.read(request)
    guard let sent = fields.value("csrfToken"),
      SessionSecrets.same(sent, signedIn.session.csrfToken)
    else { throw PageRefusal.formNotFromWorkplace }
    return fields
  }
}

/// The fields of an `application/x-www-form-urlencoded` body, in order.
struct FormFields: Sendable {
  /// The largest form read.
  static let maximumSize = 256 * 1024
  var pairs: [(String, String)]

  static func read(_ request: Request) async throws -> FormFields {
    let buffer = try await request.body.collect(upTo: maximumSize)
    return FormFields(pairs: FormEncoding.fields(of: String(buffer: buffer)))
  }

  /// The first value of `name`, trimmed; nil when absent or blank.
  func value(_ name: String) -> String? {
    guard let value = pairs.first(where: { $0.0 == name })?.1 else { return nil }
    let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.isEmpty ? nil : trimmed
  }

  /// Every value of `name` (checkboxes).
  func values(_ name: String) -> [String] {
    pairs.filter { $0.0 == name && !$0.1.isEmpty }.map(\.1)
  }
}
