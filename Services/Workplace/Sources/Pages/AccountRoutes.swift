import Hummingbird

/// `GET /account`: who is signed in, in which roles and areas, and how long the session lasts
/// unused; with the sign-out button. Calls no service.
struct AccountRoutes {
  let workplace: Workplace

  func add(to router: RouterGroup<BasicRequestContext>) {
    router.get("/account") { request, _ in
      let signedIn = try await workplace.sessions.signedIn(request)
      let idle = workplace.settings.idleTimeout.components.seconds / 60
      let context: [String: Any] = [
        "pageTitle": "Your account", "name": signedIn.session.displayName,
        "roles": signedIn.caller.roles.map { Words.of($0.rawValue) }.sorted(),
        "areas": signedIn.areas, "idleMinutes": idle,
        "agency": signedIn.caller.agency ?? "",
      ]
      return HTMLPage.response(workplace.pages.render("account", context, signedIn: signedIn))
    }
  }
}
