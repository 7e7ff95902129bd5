import AccessControl
import Hummingbird
import ServiceRuntime

/// Search, for case workers and supervisors.
///
/// - `GET /search?q=&by=`: by case or referral number (`by=case`: victim-contact
///   `GET /cases?q=`, the start of a case id or referral id, in the caller's areas), by crime
///   reference (`by=crime`: intake `GET /submissions?area=&crimeReference=` for each of the
///   caller's areas, matched by keyed hash and audited by intake), or both (`by` absent or
///   `any`). Cases link to their case pages, submissions to their referral pages.
struct SearchRoutes {
  let workplace: Workplace

  /// What a search looks for.
  enum Scope: String, CaseIterable {
    case any, `case`, crime

    var label: String {
      switch self {
      case .any: "Either"
      case .case: "Case or referral number"
      case .crime: "Crime reference"
      }
    }
  }

  func add(to router: RouterGroup<BasicRequestContext>) {
    router.get("/search") { request, _ in
      let signedIn = try await workplace.sessions.signedIn(request)
      try signedIn.require([.caseWorker, .supervisor], for: "Search")
      let query = request.uri.queryParameters
      let q = query["q"].map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
      let scope = query["by"].flatMap { Scope(rawValue: String($0)) } ?? .any
      var context: [String: Any] = [
        "pageTitle": q.isEmpty ? "Search" : "Search: \(q)", "q": q, "searched": !q.isEmpty,
        "scopes": Scope.allCases.map {
          [
            "value": $0.rawValue, "label": $0.label, "checked": $0 == scope,
            "id": "search-by-\($0.rawValue)",
          ]
        },
      ]
      var problems: [String] = []
      if !q.isEmpty, scope != .crime {
        let found = try await workplace.list(
          .victimContact, "/cases", query: [("q", q)], key: "cases", signedIn: signedIn,
          returnTo: "/search")
        if let problem = found.problem { problems.append(problem) }
        context["cases"] = [
          "tableId": "search-cases", "caption": "Cases",
          "rows": found.items.map { SectionRows.caseRow($0, me: signedIn.caller.subject) },
          "empty": "No case or referral number in your areas starts with this.",
        ]
      }
      if !q.isEmpty, scope != .case {
        var rows: [[String: Any]] = []
        for area in signedIn.areas {
          let found = try await workplace.list(
            .intake, "/submissions", query: [("area", area), ("crimeReference", q)],
            key: "submissions", signedIn: signedIn, returnTo: "/search")
          if let problem = found.problem { problems.append("\(Words.of(area)): \(problem)") }
          rows += found.items.map { summary in
            var row = ReferralRoutes.row(summary)
            row["area"] = Words.of(area)
            row["outcome"] = Words.of(summary["outcome"]?.stringValue ?? "")
            return row
          }
        }
        context["submissions"] = rows
        context["searchedCrime"] = true
      }
      if !problems.isEmpty {
        context["error"] = problems.joined(separator: " ")
        context["errors"] = problems.map { ["href": "#search-q", "message": $0] }
      }
      return HTMLPage.response(
        workplace.pages.render("search", context, signedIn: signedIn, section: "search"))
    }
  }
}
