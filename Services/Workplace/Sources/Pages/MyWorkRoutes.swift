import AccessControl
import Hummingbird
import ServiceRuntime

/// "My work": the start page of case workers and supervisors.
///
/// - `GET /my-work?area=`: for each area the caller serves (or the one chosen), the overdue
///   tasks (victim-contact `GET /tasks/overdue?area=`, the longest overdue first), "Your
///   cases" (`GET /cases?area=&assignedTo=me`) and the area's open cases (`GET /cases?area=`,
///   with stage and open and overdue task counts), each linking to its case page. A
///   commissioner is sent to the figures; a facilitator, an administrator or a referrer gets a
///   page saying where their work is (victim-contact lists cases for hub staff only).
/// - `GET /my-work/case?caseId=`: goes to the case page of a case number typed in (for
///   facilitators, who reach their allocated cases by number or link).
struct MyWorkRoutes {
  let workplace: Workplace

  func add(to router: RouterGroup<BasicRequestContext>) {
    router.get("/my-work") { request, _ in
      let signedIn = try await workplace.sessions.signedIn(request)
      let roles = signedIn.caller.roles
      guard !roles.isDisjoint(with: [.caseWorker, .supervisor]) else {
        if roles.contains(.facilitator) { return elsewhere(.facilitator, signedIn) }
        if roles.contains(.commissioner) { return HTMLPage.redirect(to: "/figures") }
        return elsewhere(roles.contains(.administrator) ? .administrator : .referrer, signedIn)
      }
      let chosen = AreaFilter.chosen(request)
      let areas = try AreaFilter.areas(chosen: chosen, offered: signedIn.areas)
      var sections: [[String: Any]] = []
      for area in areas { sections.append(try await section(area, signedIn: signedIn)) }
      let context: [String: Any] = [
        "pageTitle": "My work", "sections": sections, "noAreas": areas.isEmpty,
        "areaFilter": AreaFilter.context(
          action: "/my-work", offered: signedIn.areas, chosen: chosen),
      ]
      return HTMLPage.response(
        workplace.pages.render("myWork", context, signedIn: signedIn, section: "my-work"))
    }
    router.get("/my-work/case") { request, _ in
      _ = try await workplace.sessions.signedIn(request)
      guard
        let caseId = request.uri.queryParameters["caseId"].map(String.init)?
          .trimmingCharacters(in: .whitespaces), !caseId.isEmpty
      else { return HTMLPage.redirect(to: "/my-work") }
      return HTMLPage.redirect(to: SectionRows.caseHref(caseId))
    }
  }

  /// One area's part of the page.
  private func section(_ area: String, signedIn: SignedIn) async throws -> [String: Any] {
    let back = "/my-work"
    async let overdue = workplace.list(
      .victimContact, "/tasks/overdue", query: [("area", area)], key: "tasks",
      signedIn: signedIn, returnTo: back)
    async let mine = workplace.list(
      .victimContact, "/cases", query: [("area", area), ("assignedTo", "me")], key: "cases",
      signedIn: signedIn, returnTo: back)
    async let all = workplace.list(
      .victimContact, "/cases", query: [("area", area)], key: "cases", signedIn: signedIn,
      returnTo: back)
    let (tasks, yours, open) = try await (overdue, mine, all)
    let me = signedIn.caller.subject
    return [
      "area": area, "areaName": Words.of(area),
      "tasks": SectionRows.oldestFirst(tasks.items).map(SectionRows.taskRow),
      "tasksProblem": tasks.problem ?? "",
      "yourCases": [
        "tableId": "your-cases-\(area)", "caption": "Your cases",
        "rows": yours.items.filter(SectionRows.isOpen).map { SectionRows.caseRow($0, me: me) },
        "empty": "No open cases are assigned to you in this area.",
        "problem": yours.problem ?? "",
      ].droppingBlanks,
      "areaCases": [
        "tableId": "area-cases-\(area)", "caption": "Open cases in the area",
        "rows": open.items.filter(SectionRows.isOpen).map { SectionRows.caseRow($0, me: me) },
        "empty": "No open cases in this area.", "problem": open.problem ?? "",
        "capped": open.items.count >= 200,
      ].droppingBlanks,
    ].droppingBlanks
  }

  /// Whose work is not listed here.
  enum Elsewhere { case facilitator, administrator, referrer }

  /// The page of someone whose work is reached another way.
  private func elsewhere(_ who: Elsewhere, _ signedIn: SignedIn) -> Response {
    var context: [String: Any] = ["pageTitle": "My work"]
    switch who {
    case .facilitator: context["facilitator"] = true
    case .administrator: context["administrator"] = true
    case .referrer: context["referrer"] = true
    }
    return HTMLPage.response(
      workplace.pages.render("myWorkElsewhere", context, signedIn: signedIn, section: "my-work"))
  }
}
