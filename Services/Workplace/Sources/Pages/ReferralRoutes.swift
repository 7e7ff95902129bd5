import AccessControl
import Foundation
import Hummingbird
import ServiceRuntime

/// New referrals: intake's review queue, for case workers, supervisors and administrators.
///
/// - `GET /referrals?area=`: for each area the caller serves (or the one chosen; administrators
///   also `unknown`, submissions with no area the hub serves), the rejected submissions (intake
///   `GET /submissions?area=&outcome=rejected`) and the flagged referrals not yet checked
///   (`GET /submissions?area=&flagged=true`), each linking to its page.
/// - `GET /referrals/{submissionId}`: intake `GET /submissions/{id}` (audited there): summary,
///   errors, the body as sent; the correction form of a rejected one, the check of a flagged one.
/// - `POST /referrals/{submissionId}/correction` (CSRF-checked): the JSON rebuilt from the
///   fields (or the JSON typed whole, as `rawBody`) to intake `POST /submissions/{id}/corrections`;
///   accepted or linked: to the case; still rejected: the page again, errors beside the fields.
/// - `POST /referrals/{submissionId}/review` (CSRF-checked): intake `POST /submissions/{id}/review`
///   (`decision`, `duplicateOf`); back with a banner, or the page again with the problems.
struct ReferralRoutes {
  let workplace: Workplace

  static let reviewers: Set<Role> = [.caseWorker, .supervisor, .administrator]

  func add(to router: RouterGroup<BasicRequestContext>) {
    router.get("/referrals") { request, _ in
      let signedIn = try await workplace.sessions.signedIn(request)
      try signedIn.require(Self.reviewers, for: "New referrals")
      let offered =
        signedIn.areas + (signedIn.caller.roles.contains(.administrator) ? ["unknown"] : [])
      let chosen = AreaFilter.chosen(request)
      var sections: [[String: Any]] = []
      for area in try AreaFilter.areas(chosen: chosen, offered: offered) {
        sections.append(try await queue(area, signedIn: signedIn))
      }
      let context: [String: Any] = [
        "pageTitle": "New referrals", "sections": sections, "noAreas": offered.isEmpty,
        "areaFilter": AreaFilter.context(action: "/referrals", offered: offered, chosen: chosen),
      ]
      return HTMLPage.response(
        workplace.pages.render("referrals", context, signedIn: signedIn, section: "referrals"))
    }
    router.get("/referrals/{submissionId}") { request, context in
      let signedIn = try await workplace.sessions.signedIn(request)
      let done = request.uri.queryParameters["done"] == "review" ? "Check recorded" : nil
      return try await page(
        try context.parameters.require("submissionId"), signedIn: signedIn, banner: done)
    }
    router.post("/referrals/{submissionId}/correction") { request, context in
      let signedIn = try await workplace.sessions.signedIn(request)
      let form = try await workplace.sessions.form(request, of: signedIn)
      let id = try context.parameters.require("submissionId")
      try signedIn.require(Self.reviewers, for: "Correcting a referral")
      return try await correct(id, form: form, signedIn: signedIn)
    }
    router.post("/referrals/{submissionId}/review") { request, context in
      let signedIn = try await workplace.sessions.signedIn(request)
      let form = try await workplace.sessions.form(request, of: signedIn)
      let id = try context.parameters.require("submissionId")
      try signedIn.require(Self.reviewers, for: "Checking a flagged referral")
      let action = ReferralPage.reviewForm(
        possibleDuplicates: form.value("/duplicateOf").map { [$0] } ?? [])
      let (body, _) = FormBody.request(for: action, from: form)
      let answer = try await workplace.api.post(
        .intake, "/submissions/\(PercentEncoding.component(id))/review", body: body,
        token: signedIn.token)
      if answer.succeeded {
        return HTMLPage.redirect(to: "/referrals/\(PercentEncoding.component(id))?done=review")
      }
      try workplace.refuseAccess(
        answer, returnTo: "/referrals/\(id)", missing: "There is no such submission.")
      let problems = Workplace.problems(
        of: answer, conflict: "This referral is not flagged, or was checked before.")
      return try await page(
        id, signedIn: signedIn, review: FormView(typed: form, problems: problems),
        status: answer.status == 409 ? .conflict : .badRequest)
    }
  }

  /// Sends a correction; the case page when intake accepts it, else the form again.
  private func correct(_ id: String, form: FormFields, signedIn: SignedIn) async throws -> Response
  {
    let body: JSONValue
    let leaves: [CorrectionForm.Leaf]
    if let raw = form.pairs.first(where: { $0.0 == "rawBody" })?.1 {
      guard let parsed = try? JSONDecoder().decode(JSONValue.self, from: Data(raw.utf8)),
        case .object = parsed
      else {
        let problem = APIProblem(
          path: "", code: "malformed-json",
          message:
            "The corrected referral is not a JSON object: check its brackets, commas and quotes.")
        return try await page(
          id, signedIn: signedIn, correction: (nil, raw, [problem]), status: .badRequest)
      }
      (body, leaves) = (parsed, CorrectionForm.leaves(of: parsed))
    } else {
      leaves = CorrectionForm.leaves(from: form)
      body = CorrectionForm.body(of: leaves)
    }
    let answer = try await workplace.api.post(
      .intake, "/submissions/\(PercentEncoding.component(id))/corrections", body: body,
      token: signedIn.token)
    if answer.succeeded {
      return HTMLPage.redirect(
        to: answer.body?["caseId"]?.stringValue.map { SectionRows.caseHref($0) + "?opened=1" }
          ?? "/referrals/\(PercentEncoding.component(id))")
    }
    try workplace.refuseAccess(
      answer, returnTo: "/referrals/\(id)", missing: "There is no such submission.")
    let problems = Workplace.problems(
      of: answer,
      conflict: "This submission is no longer rejected, so there is nothing to correct.")
    return try await page(
      id, signedIn: signedIn, correction: (leaves, Self.pretty(body), problems),
      status: answer.status == 409 ? .conflict : .badRequest)
  }

  /// The submission's page, with a refused form shown as it was sent.
  private func page(
    _ id: String, signedIn: SignedIn,
    correction: ([CorrectionForm.Leaf]?, String?, [APIProblem]?) = (nil, nil, nil),
    review: FormView? = nil, banner: String? = nil, status: HTTPResponse.Status = .ok
  ) async throws -> Response {
    try signedIn.require(Self.reviewers, for: "New referrals")
    let answer = try await workplace.api.get(
      .intake, "/submissions/\(PercentEncoding.component(id))", token: signedIn.token)
    try workplace.refuseAccess(
      answer, returnTo: "/referrals/\(id)", missing: "There is no such submission.")
    guard answer.succeeded, let detail = answer.body else {
      throw PageRefusal.serviceUnavailable("intake")
    }
    let page = ReferralPage(
      detail: detail, signedIn: signedIn, correction: correction, review: review, banner: banner)
    return HTMLPage.response(
      workplace.pages.render("referral", page.context(), signedIn: signedIn, section: "referrals"),
      status: status)
  }

  /// One area's rejected and flagged submissions.
  private func queue(_ area: String, signedIn: SignedIn) async throws -> [String: Any] {
    async let rejected = workplace.list(
      .intake, "/submissions", query: [("area", area), ("outcome", "rejected")],
      key: "submissions", signedIn: signedIn, returnTo: "/referrals")
    async let flagged = flaggedList(area, signedIn: signedIn)
    let (rejections, flags) = try await (rejected, flagged)
    return [
      "area": area, "areaName": area == "unknown" ? "No area the hub serves" : Words.of(area),
      "rejected": rejections.items.map(Self.row), "rejectedProblem": rejections.problem ?? "",
      "flagged": flags.items.map(Self.row), "flaggedProblem": flags.problem ?? "",
      "hasFlagged": area != "unknown",
    ].droppingBlanks
  }

  private func flaggedList(_ area: String, signedIn: SignedIn) async throws -> Listing {
    guard area != "unknown" else { return Listing() }
    return try await workplace.list(
      .intake, "/submissions", query: [("area", area), ("flagged", "true")], key: "submissions",
      signedIn: signedIn, returnTo: "/referrals")
  }

  /// A row of the queue (`SubmissionSummary`: no personal data).
  static func row(_ summary: JSONValue) -> [String: Any] {
    let id = summary["submissionId"]?.stringValue ?? ""
    let strings = { (key: String) in (summary[key]?.arrayValue ?? []).compactMap(\.stringValue) }
    return [
      "submissionId": id, "href": "/referrals/\(PercentEncoding.component(id))",
      "received": summary["receivedAt"]?.stringValue.map(LondonTime.display) ?? "",
      "sourceSystem": summary["sourceSystem"]?.stringValue ?? "",
      "referralId": summary["referralId"]?.stringValue ?? "",
      "errorCodes": strings("errorCodes").joined(separator: ", "),
      "corrected": summary["correctedBy"]?.stringValue != nil,
      "flags": strings("flags").map(Words.of).joined(separator: ", "),
      "caseId": summary["caseId"]?.stringValue ?? "",
      "caseHref": summary["caseId"]?.stringValue.map(SectionRows.caseHref) ?? "",
    ].droppingBlanks
  }

  /// `json` as the JSON form shows it: indented, keys sorted.
  static func pretty(_ json: JSONValue) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(json)).map { String(decoding: $0, as: UTF8.self) } ?? ""
  }
}
