import AccessControl
import Foundation
import Hummingbird
import ServiceRuntime

/// One list a section page read from a service: its entries, or why there are none to show.
struct Listing {
  var items: [JSONValue] = []
  /// A sentence for the page when the service refused or found a problem with the query.
  var problem: String? = nil
}

extension Workplace {
  /// `GET path?query` on `service` as `signedIn`, the array `key` of the answer. A 401 ends the
  /// session (back to `returnTo` after sign-in); any other refusal becomes a sentence shown in
  /// that part of the page, so one area's refusal does not hide the others.
  func list(
    _ service: HubAPI.Service, _ path: String, query: [(String, String)], key: String,
    signedIn: SignedIn, returnTo: String
  ) async throws -> Listing {
    let answer = try await api.get(service, path, query: query, token: signedIn.token)
    if answer.status == 401 {
      throw PageRefusal.sessionEnded(returnTo: PercentEncoding.component(returnTo))
    }
    guard answer.succeeded else { return Listing(problem: Self.sentence(answer, service)) }
    return Listing(items: answer.body?[key]?.arrayValue ?? [])
  }

  /// What a refused answer says, for the page.
  static func sentence(_ answer: APIAnswer, _ service: HubAPI.Service) -> String {
    let messages = answer.problems.map(\.message)
    let said =
      messages.isEmpty
      ? (answer.refusal ?? "status \(answer.status)") : messages.joined(separator: "; ")
    return "The \(service.rawValue) service refused this: \(said)."
  }
}

/// The `?area=` filter of the section pages.
enum AreaFilter {
  /// The query's `area`, nil when absent or blank.
  static func chosen(_ request: Request) -> String? {
    guard let value = request.uri.queryParameters["area"].map(String.init),
      !value.trimmingCharacters(in: .whitespaces).isEmpty
    else { return nil }
    return value
  }

  /// The areas to show: `chosen` when it is one of `offered`, otherwise every one of them.
  static func areas(chosen: String?, offered: [String]) throws -> [String] {
    guard let chosen else { return offered }
    guard offered.contains(chosen) else {
      throw PageRefusal.forbidden(
        "You do not work in the area \(chosen). Your areas are: \(offered.joined(separator: ", "))."
      )
    }
    return [chosen]
  }

  /// The filter form's values: a select of `offered` posting back to `action` by GET, with
  /// "All your areas" first when `allowAll`.
  static func context(
    action: String, offered: [String], chosen: String?, allowAll: Bool = true
  ) -> [String: Any] {
    [
      "action": action, "allowAll": allowAll,
      "options": offered.map {
        [
          "value": $0, "label": $0 == "unknown" ? "No area the hub serves" : Words.of($0),
          "selected": $0 == chosen,
        ]
      },
    ]
  }
}

/// The rows of the case and task tables the section pages share.
enum SectionRows {
  /// The workplace address of case `caseId`.
  static func caseHref(_ caseId: String) -> String { "/cases/\(PercentEncoding.component(caseId))" }

  /// A row of victim-contact's case list (`CaseListEntry`: no personal data).
  static func caseRow(_ entry: JSONValue, me: String) -> [String: Any] {
    let caseId = entry["caseId"]?.stringValue ?? ""
    let assigned = entry["assignedTo"]?.stringValue
    let overdue = entry["overdueTasks"]?.numberValue.map { Int($0) } ?? 0
    return [
      "caseId": caseId, "href": caseHref(caseId),
      "stage": Words.of(entry["stage"]?.stringValue ?? ""),
      "referralId": entry["referralId"]?.stringValue ?? "",
      "offence": Words.of(entry["offenceCategory"]?.stringValue ?? ""),
      "district": entry["district"]?.stringValue ?? "",
      "received": entry["receivedAt"]?.stringValue.map(LondonTime.display) ?? "",
      "assignedTo": assigned == me ? "You" : (assigned ?? "Nobody yet"),
      "openTasks": entry["openTasks"]?.numberValue.map { Int($0) } ?? 0,
      "overdueTasks": overdue, "hasOverdue": overdue > 0,
    ].droppingBlanks
  }

  /// Whether a case of the list is still open (not closed).
  static func isOpen(_ entry: JSONValue) -> Bool { entry["stage"]?.stringValue != "closed" }

  /// A row of victim-contact's overdue tasks (`OverdueTask`: no personal data).
  static func taskRow(_ task: JSONValue) -> [String: Any] {
    let caseId = task["caseId"]?.stringValue ?? ""
    var row: [String: Any] = [
      "caseId": caseId, "href": caseHref(caseId),
      "kind": Words.of(task["kind"]?.stringValue ?? ""),
      "dueOn": task["dueOn"]?.stringValue ?? "",
      "assignee": Words.of(task["assignee"]?.stringValue ?? ""),
    ]
    if let escalated = task["escalatedAt"]?.stringValue {
      row["escalatedAt"] = LondonTime.display(escalated)
    }
    return row.droppingBlanks
  }

  /// Overdue tasks, the longest overdue first.
  static func oldestFirst(_ tasks: [JSONValue]) -> [JSONValue] {
    tasks.sorted { ($0["dueOn"]?.stringValue ?? "") < ($1["dueOn"]?.stringValue ?? "") }
  }
}

extension Workplace {
  /// Turns a service's 401, 403 or 404 into the matching page: a 401 ends the session (back to
  /// `returnTo` after signing in again), a 404 says `missing`.
  func refuseAccess(_ answer: APIAnswer, returnTo: String, missing: String) throws {
    switch answer.status {
    case 401: throw PageRefusal.sessionEnded(returnTo: PercentEncoding.component(returnTo))
    case 403:
      throw PageRefusal.forbidden(
        answer.refusal.map { "The service refused: \($0)." } ?? "You may not see this.")
    case 404: throw PageRefusal.notFound(missing)
    default: return
    }
  }

  /// The problems of a refused form: the service's, or one about the whole form saying what
  /// the service answered.
  static func problems(of answer: APIAnswer, conflict: String? = nil) -> [APIProblem] {
    if !answer.problems.isEmpty { return answer.problems }
    let message =
      answer.status == 409 && conflict != nil
      ? conflict! : answer.refusal ?? "The service refused this (\(answer.status))."
    return [APIProblem(path: "", code: "\(answer.status)", message: message)]
  }
}

extension Dictionary where Key == String, Value == Any {
  /// The values without empty strings: mustache renders a section for any string, even an
  /// empty one, so a blank value must be absent to hide its section.
  var droppingBlanks: [String: Any] { filter { ($0.value as? String)?.isEmpty != true } }
}
