import AccessControl
import Hummingbird
import ServiceRuntime

/// The figures, for commissioners, supervisors and administrators.
///
/// - `GET /figures?area=&from=&to=`: reporting's printable `GET /figures.html` for the area
///   (the caller's first by default) and period (London dates, both included, given together;
///   the current month when neither is), fetched with the caller's token (the browser cannot
///   send it) and shown inside the workplace. Reporting's problems with the query show beside
///   the fields. The figures hold no personal data.
struct FiguresRoutes {
  let workplace: Workplace

  static let readers: Set<Role> = [.commissioner, .supervisor, .administrator]

  func add(to router: RouterGroup<BasicRequestContext>) {
    router.get("/figures") { request, _ in
      let signedIn = try await workplace.sessions.signedIn(request)
      try signedIn.require(Self.readers, for: "The figures")
      let query = request.uri.queryParameters
      let value = { (name: String) -> String? in
        query[Substring(name)].map { String($0).trimmingCharacters(in: .whitespaces) }
          .flatMap { $0.isEmpty ? nil : $0 }
      }
      let (from, to) = (value("from"), value("to"))
      var context: [String: Any] = [
        "pageTitle": "Figures", "from": from ?? "", "to": to ?? "",
        "noAreas": signedIn.areas.isEmpty,
      ]
      guard let area = value("area") ?? signedIn.areas.first else {
        return HTMLPage.response(
          workplace.pages.render("figures", context, signedIn: signedIn, section: "figures"))
      }
      _ = try AreaFilter.areas(chosen: area, offered: signedIn.areas)
      context["areas"] = signedIn.areas.map {
        ["value": $0, "label": Words.of($0), "selected": $0 == area]
      }
      context["areaName"] = Words.of(area)
      var parameters = [("area", area)]
      if let from { parameters.append(("from", from)) }
      if let to { parameters.append(("to", to)) }
      let (answer, html) = try await workplace.api.getPage(
        .reporting, "/figures.html", query: parameters, token: signedIn.token)
      try workplace.refuseAccess(
        answer, returnTo: "/figures", missing: "There are no such figures.")
      var status = HTTPResponse.Status.ok
      if answer.succeeded, let html {
        context["figures"] = Self.content(of: html)
      } else {
        status = answer.status == 400 ? .badRequest : .badGateway
        let problems = Workplace.problems(of: answer)
        var errors: [[String: String]] = []
        for problem in problems {
          let field = ["?area": "area", "?from": "from", "?to": "to"][problem.path]
          if let field { context["\(field)Error"] = problem.message }
          errors.append(["href": "#figures-\(field ?? "area")", "message": problem.message])
        }
        context["errors"] = errors
      }
      return HTMLPage.response(
        workplace.pages.render("figures", context, signedIn: signedIn, section: "figures"),
        status: status)
    }
  }

  /// What reporting's page shows inside its `<main>` (its head and inline styles dropped: the
  /// workplace's own stylesheet styles it), tables as the workplace's.
  static func content(of html: String) -> String {
    var inner = Substring(html)
    if let start = html.range(of: "<main>"),
      let end = html.range(of: "</main>", options: .backwards),
      start.upperBound <= end.lowerBound
    {
      inner = html[start.upperBound..<end.lowerBound]
    } else if let start = html.range(of: "<body>"),
      let end = html.range(of: "</body>", options: .backwards), start.upperBound <= end.lowerBound
    {
      inner = html[start.upperBound..<end.lowerBound]
    }
    return String(inner)
      .replacingOccurrences(of: "<table ", with: "<table class=\"govuk-table\" ")
      .replacingOccurrences(of: "<h1>", with: "<h2 class=\"govuk-heading-m\">")
      .replacingOccurrences(of: "</h1>", with: "</h2>")
      .replacingOccurrences(of: "<p>", with: "<p class=\"govuk-body\">")
  }
}
