import Hummingbird

/// The workplace's cookies: the session, and the sign-in in progress (which binds the
/// provider's answer to the browser that asked, against login CSRF).
///
/// Both are `HttpOnly` (no script can read them), `SameSite=Lax` (sent when the provider sends
/// the browser back, never with a form posted from another site), `Path=/`, and `Secure` with
/// the `__Host-` prefix whenever the workplace is served over HTTPS or on loopback, which
/// browsers treat as secure.
struct SessionCookie: Sendable {
  /// The session cookie's name.
  let sessionName: String
  /// The sign-in cookie's name.
  let signInName: String
  let secure: Bool

  init(secure: Bool) {
    self.secure = secure
    sessionName = secure ? "__Host-rjhub-session" : "rjhub-session"
    signInName = secure ? "__Host-rjhub-sign-in" : "rjhub-sign-in"
  }

  /// `Set-Cookie` for the session `id` (a browser-session cookie: gone when the browser closes).
  func session(_ id: String) -> String { cookie(sessionName, id) }

  /// `Set-Cookie` for the sign-in in progress, valid ten minutes.
  func signIn(_ state: String) -> String { cookie(signInName, state) + "; Max-Age=600" }

  /// `Set-Cookie` removing the session cookie.
  func clearing() -> String { cookie(sessionName, "") + "; Max-Age=0" }

  /// `Set-Cookie` removing the sign-in cookie.
  func clearingSignIn() -> String { cookie(signInName, "") + "; Max-Age=0" }

  /// The session id the request carries.
  func sessionID(in request: Request) -> String? { value(sessionName, in: request) }

  /// The sign-in state the request carries.
  func signInState(in request: Request) -> String? { value(signInName, in: request) }

  private func cookie(_ name: String, _ value: String) -> String {
    "\(name)=\(value); Path=/; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")
  }

  private func value(_ name: String, in request: Request) -> String? {
    for header in request.headers[values: .cookie] {
      for part in header.split(separator: ";") {
        let pair = part.trimmingCharacters(in: .whitespaces).split(
          separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        if pair.count == 2, pair[0] == name, !pair[1].isEmpty { return String(pair[1]) }
      }
    }
    return nil
  }
}
