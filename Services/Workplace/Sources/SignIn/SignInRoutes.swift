import Foundation
import Hummingbird

/// Signing in and out.
///
/// - `GET /sign-in`: the sign-in page (with "your session has ended" after a timeout).
/// - `GET /auth/start?return=`: records the sign-in (state, nonce, PKCE verifier), sets the
///   sign-in cookie and sends the browser to the provider.
/// - `GET /auth/callback?code=&state=`: checks the state against the cookie, exchanges the
///   code with the verifier, checks the ID token (issuer, audience, nonce, signature) and the
///   access token, opens the session and goes back to the page asked for.
/// - `POST /sign-out` (CSRF-checked): ends the session and clears the cookie.
struct SignInRoutes {
  let workplace: Workplace

  func add(to router: RouterGroup<BasicRequestContext>) {
    router.get("/") { _, _ in HTMLPage.redirect(to: "/my-work") }
    router.get("/sign-in") { request, _ in
      let returnTo = Self.safeReturn(request.uri.queryParameters["return"].map(String.init))
      return HTMLPage.response(
        workplace.pages.render(
          "signIn",
          ["pageTitle": "Sign in", "returnTo": PercentEncoding.component(returnTo)],
          signedIn: nil))
    }
    router.get("/auth/start") { request, _ in
      let returnTo = Self.safeReturn(request.uri.queryParameters["return"].map(String.init))
      let pending = try await workplace.sessions.store.beginSignIn(returnTo: returnTo)
      let location: String
      do {
        location = try await workplace.provider.authorizationURL(
          for: pending, redirectURI: workplace.redirectURI)
      } catch {
        throw PageRefusal.signInFailed(
          "The hub's sign-in service did not answer. Try again in a few minutes.")
      }
      return HTMLPage.redirect(
        to: location, cookies: [workplace.sessions.cookie.signIn(pending.state)])
    }
    router.get("/auth/callback") { request, _ in try await callback(request) }
    router.post("/sign-out") { request, _ in
      let signedIn = try await workplace.sessions.signedIn(request)
      _ = try await workplace.sessions.form(request, of: signedIn)
      try await workplace.sessions.store.close(id: signedIn.id)
      workplace.logger.info("signed out")
      return HTMLPage.redirect(
        to: "/signed-out", cookies: [workplace.sessions.cookie.clearing()])
    }
    router.get("/signed-out") { _, _ in
      HTMLPage.response(
        workplace.pages.render("signedOut", ["pageTitle": "You have signed out"], signedIn: nil))
    }
  }

  private func callback(_ request: Request) async throws -> Response {
    let query = request.uri.queryParameters
    let cookie = workplace.sessions.cookie
    if let error = query["error"] {
      workplace.logger.info("sign-in refused by the provider", metadata: ["error": "\(error)"])
      throw PageRefusal.signInFailed(
        "The sign-in service did not sign you in (\(String(error).prefix(60))).")
    }
    guard let state = query["state"].map(String.init), let code = query["code"].map(String.init),
      let expected = cookie.signInState(in: request), SessionSecrets.same(state, expected),
      let pending = try await workplace.sessions.store.finishSignIn(state: state)
    else {
      throw PageRefusal.signInFailed(
        "This sign-in was not started from this browser, was used already or took too long.")
    }
    let tokens: ProviderTokens
    do {
      tokens = try await workplace.provider.exchange(
        code: code, verifier: pending.codeVerifier, redirectURI: workplace.redirectURI)
    } catch {
      throw PageRefusal.signInFailed("The sign-in service refused to finish this sign-in.")
    }
    let person: SignedInIdentityResult
    do {
      let identity = try await workplace.identity.verify(tokens.idToken, nonce: pending.nonce)
      let caller = try await workplace.sessions.gate.verify(token: tokens.accessToken)
      guard identity.subject == caller.subject else { throw SignInFailure.unusableAnswer }
      person = SignedInIdentityResult(subject: identity.subject, name: identity.name)
    } catch {
      workplace.logger.warning(
        "sign-in tokens refused", metadata: ["reason": "\(String(describing: error))"])
      throw PageRefusal.signInFailed("The sign-in service's answer could not be trusted.")
    }
    let opened = try await workplace.sessions.store.open(
      identity: person.subject, name: person.name, accessToken: tokens.accessToken,
      tokenExpiry: tokens.expiresAt)
    workplace.logger.info("signed in")
    return HTMLPage.redirect(
      to: pending.returnTo, cookies: [cookie.session(opened.id), cookie.clearingSignIn()])
  }

  /// `path` when it is a page of the workplace (starts with one `/`), else `/my-work`: the
  /// return address can never send someone to another site.
  static func safeReturn(_ path: String?) -> String {
    guard let path, path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\"),
      !path.contains("://")
    else { return "/my-work" }
    return path
  }
}

private struct SignedInIdentityResult {
  var subject: String
  var name: String
}
