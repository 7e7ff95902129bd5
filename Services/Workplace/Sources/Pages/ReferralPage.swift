import AccessControl
import Foundation
import ServiceRuntime

/// The template values of one kept submission's page, from intake's `GET /submissions/{id}`:
/// its summary, its errors, the body as sent, and the form its state calls for: the correction
/// form for a rejected submission, the check for a flagged referral not yet checked.
struct ReferralPage {
  /// `{summary, errors, body}` as intake answered.
  var detail: JSONValue
  var signedIn: SignedIn
  /// A refused correction: the leaves sent (nil for the body as sent), the JSON text of the
  /// other form, and the problems intake found (nil for the submission's own errors).
  var correction: (leaves: [CorrectionForm.Leaf]?, json: String?, problems: [APIProblem]?) = (
    nil, nil, nil
  )
  /// A refused check, as typed with its problems.
  var review: FormView? = nil
  var banner: String? = nil

  var summary: JSONValue { detail["summary"] ?? .null }
  var submissionId: String { summary["submissionId"]?.stringValue ?? "" }
  var target: String { "/referrals/\(PercentEncoding.component(submissionId))" }

  /// The submission's own errors, as problems placed by pointer.
  var recordedErrors: [APIProblem] {
    (detail["errors"]?.arrayValue ?? []).map {
      APIProblem(
        path: $0["path"]?.stringValue ?? "", code: $0["code"]?.stringValue ?? "",
        message: $0["message"]?.stringValue ?? "")
    }
  }

  /// The body as sent, when it is a JSON object.
  var sentObject: JSONValue? {
    guard let text = detail["body"]?.stringValue,
      let json = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)),
      case .object = json
    else { return nil }
    return json
  }

  /// The check form of a flagged referral, offering its possible duplicates.
  static func reviewForm(possibleDuplicates: [String]) -> ActionForm {
    var fields = [
      FormField(
        placement: .body("/decision"), label: "What did you find?",
        kind: .choice([
          Choice("confirmed", "The case stands on its own"),
          Choice("duplicate", "It repeats another case of the same victim"),
        ]))
    ]
    if !possibleDuplicates.isEmpty {
      fields.append(
        FormField(
          placement: .body("/duplicateOf"), label: "The case it repeats",
          kind: .choice(possibleDuplicates.map { Choice($0, $0) }),
          hint: "Only when it repeats another case. Closing one of the two is done on the case.",
          optional: true))
    }
    return ActionForm(
      id: "review", title: "Record the check of this referral", button: "Record the check",
      done: "Check recorded", service: .intake, path: "/submissions/{submissionId}/review",
      fields: fields, roles: [.caseWorker, .supervisor, .administrator])
  }

  func context() -> [String: Any] {
    let outcome = summary["outcome"]?.stringValue ?? ""
    var context: [String: Any] = [
      "pageTitle": "Referral \(submissionId)", "submissionId": submissionId,
      "summary": summaryRows(),
      "recordedErrors": recordedErrors.map {
        [
          "path": $0.path.isEmpty ? "(the whole referral)" : $0.path, "code": $0.code,
          "message": $0.message,
        ]
      },
      "body": detail["body"]?.stringValue ?? "", "hasBody": detail["body"]?.stringValue != nil,
      "csrfToken": signedIn.session.csrfToken,
    ]
    var errors: [[String: String]] = []
    if outcome == "rejected" {
      let leaves = correction.leaves ?? sentObject.map { CorrectionForm.leaves(of: $0) } ?? []
      let view = CorrectionForm.view(leaves, problems: correction.problems ?? recordedErrors)
      context["correction"] = [
        "target": "\(target)/correction", "fields": view.fields,
        "formErrors": view.formErrors, "hasFormErrors": !view.formErrors.isEmpty,
        "json": correction.json ?? detail["body"]?.stringValue ?? "",
        "notObject": sentObject == nil && correction.leaves == nil,
        "showFields": !view.fields.isEmpty,
        "jsonOpen": view.fields.isEmpty || (correction.json != nil && correction.leaves == nil),
      ]
      if correction.problems != nil { errors = view.summary }
    }
    let flags = summary["flags"]?.arrayValue ?? []
    if outcome == "accepted", !flags.isEmpty, summary["review"] == nil {
      let duplicates = (summary["possibleDuplicateOf"]?.arrayValue ?? []).compactMap(\.stringValue)
      let action = Self.reviewForm(possibleDuplicates: duplicates)
      let form = review ?? FormView()
      var values = form.context(
        for: action, target: "\(target)/review", csrfToken: signedIn.session.csrfToken,
        records: CaseRecords(view: .null))
      values["open"] = true
      values["hint"] = nil
      context["review"] = values
      if review != nil { errors = form.summary(for: action) }
    }
    if errors.isEmpty {
      // A form refused because the submission moved on (409) is no longer shown: say why.
      let refusedProblems = (review?.problems ?? []) + (correction.problems ?? [])
      errors = refusedProblems.map { ["message": $0.message] }
    }
    if !errors.isEmpty { context["errors"] = errors }
    if let banner { context["banner"] = banner }
    return context
  }

  private func summaryRows() -> [[String: String]] {
    let link = { (id: String?, prefix: String) -> String? in
      id.map { "\(prefix)\(PercentEncoding.component($0))" }
    }
    let review = summary["review"]
    let rows: [(String, String?, String?)] = [
      ("Submission", submissionId, nil),
      ("Received", summary["receivedAt"]?.stringValue.map(LondonTime.display), nil),
      ("Sent by", summary["sourceSystem"]?.stringValue, nil),
      ("Their reference", summary["referralId"]?.stringValue, nil),
      ("Area", summary["area"]?.stringValue ?? "No area the hub serves", nil),
      ("Outcome", summary["outcome"]?.stringValue.map(Words.of), nil),
      ("Case", summary["caseId"]?.stringValue, link(summary["caseId"]?.stringValue, "/cases/")),
      (
        "Corrects", summary["corrects"]?.stringValue,
        link(summary["corrects"]?.stringValue, "/referrals/")
      ),
      (
        "Corrected by", summary["correctedBy"]?.stringValue,
        link(summary["correctedBy"]?.stringValue, "/referrals/")
      ),
      ("Flags", words(summary["flags"]), nil),
      ("Possible duplicate of", words(summary["possibleDuplicateOf"], plain: true), nil),
      (
        "Checked",
        review.map {
          "\(Words.of($0["decision"]?.stringValue ?? ""))\($0["duplicateOf"]?.stringValue.map { " of \($0)" } ?? ""), \(LondonTime.display($0["reviewedAt"]?.stringValue ?? ""))"
        }, nil
      ),
    ]
    return rows.compactMap { key, value, href in
      guard let value, !value.isEmpty else { return nil }
      var row = [
        "key": key, "value": value,
        "id": "referral-" + key.lowercased().replacingOccurrences(of: " ", with: "-"),
      ]
      if let href { row["href"] = href }
      return row
    }
  }

  private func words(_ list: JSONValue?, plain: Bool = false) -> String? {
    let items = (list?.arrayValue ?? []).compactMap(\.stringValue)
    return items.isEmpty ? nil : items.map { plain ? $0 : Words.of($0) }.joined(separator: ", ")
  }
}
