import AccessControl
import Hummingbird
import ServiceRuntime

/// The supervisor's page: what waits for a supervisor in each of their areas.
///
/// - `GET /supervisor?area=` (supervisors only): for each area (or the one chosen), the cases in
///   risk assessment, whose assessments wait for sign-off on the case page (victim-contact has
///   no list of assessments across cases, so `GET /cases?area=&stage=risk-assessment`); the
///   escalated overdue tasks (`GET /tasks/overdue?area=`, those with `escalatedAt`); the open
///   complaints (`GET /complaints?area=&open=true`, personal data, audited there), each linking
///   to its case. Matching overrides will show here once facilitator-matching offers them.
struct SupervisorRoutes {
  let workplace: Workplace

  func add(to router: RouterGroup<BasicRequestContext>) {
    router.get("/supervisor") { request, _ in
      let signedIn = try await workplace.sessions.signedIn(request)
      try signedIn.require([.supervisor], for: "The supervisor's page")
      let chosen = AreaFilter.chosen(request)
      var sections: [[String: Any]] = []
      for area in try AreaFilter.areas(chosen: chosen, offered: signedIn.areas) {
        sections.append(try await section(area, signedIn: signedIn))
      }
      let context: [String: Any] = [
        "pageTitle": "Supervisor", "sections": sections, "noAreas": signedIn.areas.isEmpty,
        "areaFilter": AreaFilter.context(
          action: "/supervisor", offered: signedIn.areas, chosen: chosen),
      ]
      return HTMLPage.response(
        workplace.pages.render("supervisor", context, signedIn: signedIn, section: "supervisor"))
    }
  }

  private func section(_ area: String, signedIn: SignedIn) async throws -> [String: Any] {
    let back = "/supervisor"
    async let assessing = workplace.list(
      .victimContact, "/cases", query: [("area", area), ("stage", "risk-assessment")],
      key: "cases", signedIn: signedIn, returnTo: back)
    async let overdue = workplace.list(
      .victimContact, "/tasks/overdue", query: [("area", area)], key: "tasks",
      signedIn: signedIn, returnTo: back)
    async let complaints = workplace.list(
      .victimContact, "/complaints", query: [("area", area), ("open", "true")],
      key: "complaints", signedIn: signedIn, returnTo: back)
    let (cases, tasks, open) = try await (assessing, overdue, complaints)
    let escalated = SectionRows.oldestFirst(tasks.items.filter { $0["escalatedAt"] != nil })
    return [
      "area": area, "areaName": Words.of(area),
      "assessments": [
        "tableId": "sign-off-\(area)", "caption": "Cases in risk assessment",
        "rows": cases.items.map { SectionRows.caseRow($0, me: signedIn.caller.subject) },
        "empty": "No cases are in risk assessment.", "problem": cases.problem ?? "",
      ].droppingBlanks,
      "escalations": escalated.map(SectionRows.taskRow), "escalationsProblem": tasks.problem ?? "",
      "complaints": open.items.map(Self.complaintRow), "complaintsProblem": open.problem ?? "",
    ].droppingBlanks
  }

  /// A row of the open complaints (`CaseComplaint`; its words are personal data).
  static func complaintRow(_ complaint: JSONValue) -> [String: Any] {
    let caseId = complaint["caseId"]?.stringValue ?? ""
    return [
      "complaintId": complaint["complaintId"]?.stringValue ?? "",
      "about": complaint["about"]?.stringValue == "service" ? "The service" : "A case",
      "caseId": caseId, "caseHref": caseId.isEmpty ? "" : SectionRows.caseHref(caseId),
      "received": complaint["receivedAt"]?.stringValue.map(LondonTime.display) ?? "",
      "acknowledged": complaint["acknowledgedAt"]?.stringValue.map(LondonTime.display) ?? "",
      "respondBy": complaint["respondBy"]?.stringValue ?? "",
      "status": Words.of(complaint["status"]?.stringValue ?? ""),
      "overdue": complaint["overdue"]?.boolValue ?? false,
      "summary": complaint["summary"]?.stringValue ?? "",
    ].droppingBlanks
  }
}
