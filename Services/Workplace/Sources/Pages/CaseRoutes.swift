import AccessControl
import Hummingbird
import ServiceRuntime

/// A case's page and its actions.
///
/// - `GET /cases/{caseId}`: victim-contact's view of the case, with the caller's token (so a
///   facilitator sees only a case allocated to them, and every view of personal data is
///   audited there), and a form for each action their roles allow.
/// - `POST /cases/{caseId}/actions/{action}` (CSRF-checked): sends the form to the action's
///   route; on success back to the case with a banner, otherwise the case page again with the
///   API's errors beside the fields.
struct CaseRoutes {
  let workplace: Workplace

  func add(to router: RouterGroup<BasicRequestContext>) {
    router.get("/cases/{caseId}") { request, context in
      let signedIn = try await workplace.sessions.signedIn(request)
      let caseId = try context.parameters.require("caseId")
      let done = request.uri.queryParameters["done"].flatMap { CaseActions.named(String($0)) }
      // Just accepted by intake: victim-contact opens the case from intake's event a moment
      // later, so the page waits for it (a few seconds at most) instead of saying "not found".
      let justOpened = request.uri.queryParameters["opened"] == "1"
      return try await page(
        caseId, signedIn: signedIn,
        banner: done?.done ?? (justOpened ? "Referral accepted: the case is open" : nil),
        waitForCase: justOpened)
    }
    router.post("/cases/{caseId}/actions/{action}") { request, context in
      let signedIn = try await workplace.sessions.signedIn(request)
      let form = try await workplace.sessions.form(request, of: signedIn)
      let caseId = try context.parameters.require("caseId")
      guard let action = CaseActions.named(try context.parameters.require("action")) else {
        throw PageRefusal.notFound("There is no such action on a case.")
      }
      try signedIn.require(action.roles, for: action.title)
      let (body, pathValues) = FormBody.request(for: action, from: form)
      guard let path = Self.path(action.path, caseId: caseId, values: pathValues) else {
        return try await page(
          caseId, signedIn: signedIn,
          refused: (
            action.id,
            FormView(
              typed: form,
              problems: action.fields.filter {
                if case .path = $0.placement { return pathValues[$0.name.dropPathPrefix] == nil }
                return false
              }.map {
                APIProblem(
                  path: $0.name, code: "required", message: "Choose \($0.label.lowercased())")
              })
          ))
      }
      let answer =
        action.method == .put
        ? try await workplace.api.put(action.service, path, body: body, token: signedIn.token)
        : try await workplace.api.post(action.service, path, body: body, token: signedIn.token)
      if answer.succeeded {
        return HTMLPage.redirect(
          to: "/cases/\(PercentEncoding.component(caseId))?done=\(action.id)")
      }
      try Self.refuseAccess(answer)
      var problems = answer.problems
      if problems.isEmpty {
        problems = [
          APIProblem(
            path: "", code: "\(answer.status)",
            message: answer.refusal ?? "The service refused this (\(answer.status)).")
        ]
      }
      return try await page(
        caseId, signedIn: signedIn, refused: (action.id, FormView(typed: form, problems: problems)),
        status: answer.status == 409 ? .conflict : .badRequest)
    }
  }

  /// The case page, with `refused` shown in its form.
  func page(
    _ caseId: String, signedIn: SignedIn, refused: (String, FormView)? = nil,
    banner: String? = nil, status: HTTPResponse.Status = .ok, waitForCase: Bool = false
  ) async throws -> Response {
    if signedIn.caller.roles.isDisjoint(with: [.caseWorker, .supervisor, .facilitator]) {
      throw PageRefusal.forbidden(
        "Case pages are for case workers, supervisors and the facilitators of the case. Commissioners see the figures, which hold no personal data."
      )
    }
    let path = "/cases/\(PercentEncoding.component(caseId))"
    var answer = try await workplace.api.get(.victimContact, path, token: signedIn.token)
    var waited = 0
    while waitForCase, answer.status == 404, waited < 50 {
      try await Task.sleep(for: .milliseconds(100))
      waited += 1
      answer = try await workplace.api.get(.victimContact, path, token: signedIn.token)
    }
    try Self.refuseAccess(answer)
    guard answer.succeeded, let view = answer.body else {
      throw PageRefusal.serviceUnavailable("victim-contact")
    }
    let page = CasePage(view: view, signedIn: signedIn, refused: refused, banner: banner)
    return HTMLPage.response(
      workplace.pages.render("case", page.context(), signedIn: signedIn, section: "my-work"),
      status: status)
  }

  /// Turns a service's 401, 403 or 404 into the matching page.
  static func refuseAccess(_ answer: APIAnswer) throws {
    switch answer.status {
    case 401: throw PageRefusal.sessionEnded(returnTo: "%2Fmy-work")
    case 403:
      throw PageRefusal.forbidden(
        answer.refusal.map { "The service refused: \($0)." } ?? "You may not see this.")
    case 404: throw PageRefusal.notFound(answer.refusal ?? "There is no such case.")
    default: return
    }
  }

  /// `template` with `{caseId}` and each `{name}` filled, each segment percent-encoded; nil
  /// when a value is missing.
  static func path(_ template: String, caseId: String, values: [String: String]) -> String? {
    var filled = ""
    var values = values
    values["caseId"] = caseId
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{") {
      filled += rest[..<open]
      guard let close = rest[open...].firstIndex(of: "}") else { return nil }
      let name = String(rest[rest.index(after: open)..<close])
      guard let value = values[name], !value.isEmpty else { return nil }
      filled += value.split(separator: "/").map { PercentEncoding.component(String($0)) }
        .joined(separator: "/")
      rest = rest[rest.index(after: close)...]
    }
    return filled + rest
  }
}

extension String {
  /// A path field's parameter name (`path:participantId` → `participantId`).
  var dropPathPrefix: String { hasPrefix("path:") ? String(dropFirst(5)) : self }
}
