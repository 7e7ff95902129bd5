import AccessControl
import Foundation
import ServiceRuntime

/// The template values of the facilitator register's page for one area, from
/// facilitator-matching's `GET /facilitators?area=`: one row per entry, with its vetting and
/// supervision expiry tagged, and for administrators the forms that change the register.
struct FacilitatorPage {
  var area: String
  var listing: Listing
  var signedIn: SignedIn
  /// A refused form: its id and what to show in it.
  var refused: (form: String, view: FormView)? = nil
  var banner: String? = nil
  /// Today in London, `YYYY-MM-DD`.
  var today: String = ExpiryTag.londonToday()

  /// The register's fields of the expiry dates, once it holds them (it does not yet).
  static let vettingKey = "vettingExpiresOn"
  static let supervisionKey = "supervisionDueOn"

  var canChange: Bool { !signedIn.caller.roles.isDisjoint(with: RegisterForms.changers) }

  func context() -> [String: Any] {
    let entries = listing.items.sorted {
      ($0["facilitatorId"]?.stringValue ?? "") < ($1["facilitatorId"]?.stringValue ?? "")
    }
    let offered = Array(
      Set(
        signedIn.areas
          + entries.flatMap { ($0["areas"]?.arrayValue ?? []).compactMap(\.stringValue) })
    ).sorted()
    var context: [String: Any] = [
      "pageTitle": "Facilitators", "area": area, "areaName": Words.of(area),
      "areaFilter": AreaFilter.context(
        action: "/facilitators", offered: signedIn.areas, chosen: area, allowAll: false),
      "rows": entries.map { row($0, offered: offered) }, "canChange": canChange,
      "csrfToken": signedIn.session.csrfToken,
      "noExpiryDates": !entries.contains {
        $0[Self.vettingKey] != nil || $0[Self.supervisionKey] != nil
      },
    ]
    if let problem = listing.problem { context["problem"] = problem }
    if canChange {
      context["addForm"] = form(RegisterForms.entry(editing: nil, areas: offered), typed: nil)
    }
    if let refused {
      let action =
        refused.form == "facilitator-add"
        ? RegisterForms.entry(editing: nil, areas: offered)
        : entries.compactMap { $0["facilitatorId"]?.stringValue }
          .map { RegisterForms.entry(editing: $0, areas: offered) }.first { $0.id == refused.form }
      context["errors"] =
        action.map { refused.view.summary(for: $0) }
        ?? refused.view.problems.map { ["href": "#\(refused.form)", "message": $0.message] }
    }
    if let banner { context["banner"] = banner }
    return context
  }

  private func row(_ entry: JSONValue, offered: [String]) -> [String: Any] {
    let id = entry["facilitatorId"]?.stringValue ?? ""
    let list = { (key: String) in (entry[key]?.arrayValue ?? []).compactMap(\.stringValue) }
    let active = entry["active"]?.boolValue ?? true
    let capacity = entry["capacity"]?.numberValue.map(CorrectionForm.numberText) ?? "?"
    let open = entry["openAllocations"]?.numberValue.map(CorrectionForm.numberText) ?? "0"
    var row: [String: Any] = [
      "facilitatorId": id, "slug": RegisterForms.slug(id),
      "displayName": entry["displayName"]?.stringValue ?? "",
      "email": entry["email"]?.stringValue ?? "", "agency": entry["agency"]?.stringValue ?? "",
      "level": Words.of(entry["level"]?.stringValue ?? ""),
      "areas": list("areas").map(Words.of).joined(separator: ", "),
      "districts": list("districts").isEmpty
        ? "The whole of each area" : list("districts").joined(separator: ", "),
      "languages": list("languages").joined(separator: ", "),
      "sensitiveTrained": (entry["caseTypes"]?.arrayValue ?? []).compactMap(\.stringValue)
        .map(Words.of).joined(separator: ", "),
      "active": active, "load": "\(open) of \(capacity)",
      "vetting": ExpiryTag.of(entry[Self.vettingKey]?.stringValue, today: today),
      "supervision": ExpiryTag.of(entry[Self.supervisionKey]?.stringValue, today: today),
      "deactivateTarget": "/facilitators/\(PercentEncoding.component(id))/deactivation",
    ]
    if canChange {
      let action = RegisterForms.entry(editing: id, areas: offered)
      row["editForm"] = form(action, typed: RegisterForms.typed(from: entry))
      row["canDeactivate"] = active
    }
    return row
  }

  private func form(_ action: ActionForm, typed: FormFields?) -> [String: Any] {
    let view = refused?.form == action.id ? refused!.view : FormView(typed: typed)
    let target =
      action.fixed["facilitatorId"]?.stringValue.map {
        "/facilitators/\(PercentEncoding.component($0))"
      }
      ?? "/facilitators"
    var values = view.context(
      for: action, target: target, csrfToken: signedIn.session.csrfToken,
      records: CaseRecords(view: .null))
    values["area"] = area
    values["hint"] = nil
    return values
  }
}

/// How near a facilitator's vetting or supervision is to its end: expired, expiring within
/// 30 days, or good.
enum ExpiryTag {
  /// The days before an expiry that it is flagged.
  static let warningDays = 30

  /// How near an expiry is.
  enum State: Equatable {
    /// Past.
    case expired
    /// Within ``warningDays``.
    case expiringSoon
    /// Further off.
    case current
    /// The register holds no date.
    case notRecorded
  }

  /// The state of an expiry on `date` (`YYYY-MM-DD`), judged on `today`.
  static func state(of date: String?, today: String) -> State {
    guard let date, let end = day(date), let now = day(today) else { return .notRecorded }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let days = calendar.dateComponents([.day], from: now, to: end).day ?? 0
    if days < 0 { return .expired }
    return days <= warningDays ? .expiringSoon : .current
  }

  /// The cell's values: the date, and a tag when it needs attention.
  static func of(_ date: String?, today: String) -> [String: Any] {
    switch state(of: date, today: today) {
    case .notRecorded: ["text": "Not recorded"]
    case .current: ["text": date ?? ""]
    case .expiringSoon: ["text": date ?? "", "tag": "Expires soon", "tagClass": "govuk-tag"]
    case .expired: ["text": date ?? "", "tag": "Expired", "tagClass": "govuk-tag govuk-tag--red"]
    }
  }

  /// Today in London.
  static func londonToday(_ now: Date = Date()) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_GB_POSIX")
    formatter.timeZone = LondonTime.zone
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.string(from: now)
  }

  private static func day(_ text: String) -> Date? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_GB_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.date(from: String(text.prefix(10)))
  }
}
