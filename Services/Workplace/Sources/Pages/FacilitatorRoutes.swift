import AccessControl
import Hummingbird
import ServiceRuntime

/// The facilitator register, for supervisors and administrators (facilitator-matching lists it
/// for them only); changes for administrators. The register's only change is `POST
/// /facilitators`, which creates or replaces a whole entry by register id, so editing and
/// stopping an entry are that call too.
///
/// - `GET /facilitators?area=`: facilitator-matching `GET /facilitators?area=` (audited there)
///   for the area chosen (the caller's first by default): each entry with its load and the
///   expiry of its vetting and supervision (tagged within 30 days or past).
/// - `POST /facilitators` (CSRF-checked): adds an entry (`POST /facilitators`), refusing a
///   register id the area already lists, so adding never replaces an entry by mistake.
/// - `POST /facilitators/{facilitatorId}` (CSRF-checked): replaces the entry with the form.
/// - `POST /facilitators/{facilitatorId}/deactivation` (CSRF-checked): the entry as listed, with
///   `active` false, so it takes no new cases.
///
/// Each goes back to the register with a banner, or shows the form again with the API's
/// errors beside its fields.
struct FacilitatorRoutes {
  let workplace: Workplace

  static let readers: Set<Role> = [.administrator, .supervisor]

  func add(to router: RouterGroup<BasicRequestContext>) {
    router.get("/facilitators") { request, _ in
      let signedIn = try await workplace.sessions.signedIn(request)
      let banner = request.uri.queryParameters["done"].flatMap { Self.banners[String($0)] }
      return try await page(AreaFilter.chosen(request), signedIn: signedIn, banner: banner)
    }
    router.post("/facilitators") { request, _ in
      let (signedIn, form, area) = try await changeForm(request)
      let action = RegisterForms.entry(editing: nil, areas: signedIn.areas)
      if let id = form.value("/facilitatorId"), try await entry(id, in: area, signedIn) != nil {
        let problem = APIProblem(
          path: "/facilitatorId", code: "repeated",
          message: "The register already has \(id); change it from its row instead")
        return try await page(
          area, signedIn: signedIn,
          refused: (action.id, FormView(typed: form, problems: [problem])),
          status: .conflict)
      }
      return try await send(
        RegisterForms.body(for: action, from: form), area: area, done: "added",
        signedIn: signedIn, refused: (action.id, form))
    }
    router.post("/facilitators/{facilitatorId}") { request, context in
      let (signedIn, form, area) = try await changeForm(request)
      let id = try context.parameters.require("facilitatorId")
      let action = RegisterForms.entry(editing: id, areas: signedIn.areas)
      return try await send(
        RegisterForms.body(for: action, from: form), area: area, done: "changed",
        signedIn: signedIn, refused: (action.id, form))
    }
    router.post("/facilitators/{facilitatorId}/deactivation") { request, context in
      let (signedIn, _, area) = try await changeForm(request)
      let id = try context.parameters.require("facilitatorId")
      guard let listed = try await entry(id, in: area, signedIn) else {
        throw PageRefusal.notFound("The register of \(area) has no facilitator \(id).")
      }
      return try await send(
        RegisterForms.registration(of: listed, active: false), area: area, done: "stopped",
        signedIn: signedIn, refused: ("facilitator-deactivate-\(RegisterForms.slug(id))", nil))
    }
  }

  static let banners = [
    "added": "Facilitator added", "changed": "Facilitator changed",
    "stopped": "The facilitator takes no new cases",
  ]

  /// The signed-in administrator, their CSRF-checked form and the area it was sent from.
  private func changeForm(_ request: Request) async throws -> (SignedIn, FormFields, String) {
    let signedIn = try await workplace.sessions.signedIn(request)
    let form = try await workplace.sessions.form(request, of: signedIn)
    try signedIn.require(RegisterForms.changers, for: "Changing the facilitator register")
    guard let area = form.value("area") ?? signedIn.areas.first else {
      throw PageRefusal.forbidden("Your account names no area, so you cannot change the register.")
    }
    return (signedIn, form, area)
  }

  /// Posts a registration; back to the register, or the refused form again.
  private func send(
    _ body: JSONValue, area: String, done: String, signedIn: SignedIn,
    refused: (id: String, form: FormFields?)
  ) async throws -> Response {
    let answer = try await workplace.api.post(
      .facilitatorMatching, "/facilitators", body: body, token: signedIn.token)
    if answer.succeeded {
      return HTMLPage.redirect(
        to: "/facilitators?area=\(PercentEncoding.component(area))&done=\(done)")
    }
    try workplace.refuseAccess(
      answer, returnTo: "/facilitators", missing: "There is no such facilitator.")
    let problems = RegisterForms.placed(Workplace.problems(of: answer))
    return try await page(
      area, signedIn: signedIn,
      refused: (refused.id, FormView(typed: refused.form, problems: problems)),
      status: .badRequest)
  }

  /// The entry `id` as the register of `area` lists it, if it does.
  private func entry(_ id: String, in area: String, _ signedIn: SignedIn) async throws
    -> JSONValue?
  {
    let listing = try await workplace.list(
      .facilitatorMatching, "/facilitators", query: [("area", area)], key: "facilitators",
      signedIn: signedIn, returnTo: "/facilitators")
    if let problem = listing.problem { throw PageRefusal.forbidden(problem) }
    return listing.items.first { $0["facilitatorId"]?.stringValue == id }
  }

  private func page(
    _ chosen: String?, signedIn: SignedIn, refused: (String, FormView)? = nil,
    banner: String? = nil, status: HTTPResponse.Status = .ok
  ) async throws -> Response {
    try signedIn.require(Self.readers, for: "The facilitator register")
    guard let area = chosen ?? signedIn.areas.first else {
      throw PageRefusal.forbidden("Your account names no area, so there is no register to show.")
    }
    _ = try AreaFilter.areas(chosen: area, offered: signedIn.areas)
    let listing = try await workplace.list(
      .facilitatorMatching, "/facilitators", query: [("area", area)], key: "facilitators",
      signedIn: signedIn, returnTo: "/facilitators")
    let page = FacilitatorPage(
      area: area, listing: listing, signedIn: signedIn, refused: refused, banner: banner)
    return HTMLPage.response(
      workplace.pages.render(
        "facilitators", page.context(), signedIn: signedIn, section: "facilitators"),
      status: status)
  }
}
