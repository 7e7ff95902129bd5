import AccessControl
import ServiceRuntime

/// The facilitator register's forms over facilitator-matching's `POST /facilitators`, which
/// creates or replaces a whole entry by `facilitatorId` (the register has no other change):
/// adding an entry, replacing one (its register id fixed), and stopping one taking cases (the
/// entry as listed, with `active` false).
enum RegisterForms {
  /// Who changes the register in the workplace (facilitator-matching also lets supervisors).
  static let changers: Set<Role> = [.administrator]

  static let levels = [
    Choice("foundation", "Foundation: co-facilitates, never leads"),
    Choice("intermediate", "Intermediate: may lead"),
    Choice("advanced", "Advanced: may lead higher-harm cases too"),
  ]

  static let kinds = [
    Choice("staff-advisor", "Staff advisor"), Choice("police-officer", "Police officer"),
    Choice("partner-agency-staff", "Partner agency staff"),
    Choice("community-volunteer", "Community volunteer"),
  ]

  /// The sensitive case types facilitator-matching knows (its `CaseType`).
  static let caseTypes = [
    Choice("domestic-abuse", "Domestic abuse"), Choice("sexual-harm", "Sexual harm"),
    Choice("hate-crime", "Hate crime"), Choice("stalking", "Stalking"),
    Choice("child-exploitation", "Child exploitation"),
    Choice("bereaved-family", "Bereaved families"), Choice("youth", "Youth (under 18)"),
  ]

  /// The fields typed as lists separated by commas.
  static let listFields: Set<String> = ["/districts", "/languages", "/culturalKnowledge"]

  /// The form of a new entry (`editing` nil) or of the entry `editing`, offering `areas`.
  static func entry(editing id: String?, areas: [String]) -> ActionForm {
    var fields: [FormField] = []
    if id == nil {
      fields.append(
        FormField(
          placement: .body("/facilitatorId"), label: "Register id", kind: .text,
          hint:
            "Letters, digits, dots, hyphens and underscores, such as FAC-0001. An id already in use is refused: change that entry instead."
        ))
    }
    fields += [
      FormField(placement: .body("/displayName"), label: "Name", kind: .text),
      FormField(
        placement: .body("/email"), label: "Email", kind: .text,
        hint: "Where allocation notices go."),
      FormField(placement: .body("/agency"), label: "Agency", kind: .text),
      FormField(placement: .body("/kind"), label: "Kind", kind: .choice(kinds)),
      FormField(placement: .body("/level"), label: "RJ Council level", kind: .choice(levels)),
      FormField(
        placement: .body("/areas"), label: "Areas covered",
        kind: .several(areas.map { Choice($0, Words.of($0)) })),
      FormField(
        placement: .body("/districts"), label: "Districts covered", kind: .text,
        hint: "Separated by commas. None means the whole of each area.", optional: true),
      FormField(
        placement: .body("/homeDistrict"), label: "Travels from", kind: .text,
        hint: "The district they travel from; their first district when left blank.",
        optional: true),
      FormField(
        placement: .body("/languages"), label: "Languages", kind: .text,
        hint: "Language tags separated by commas, such as en, pl. English when left blank.",
        optional: true),
      FormField(
        placement: .body("/culturalKnowledge"), label: "Cultural knowledge", kind: .text,
        hint: "Codes separated by commas, such as gypsy-roma-traveller.", optional: true),
      FormField(
        placement: .body("/caseTypes"), label: "Trained for", kind: .several(caseTypes),
        optional: true),
      FormField(
        placement: .body("/vettingExpiresOn"), label: "Vetting valid until", kind: .date),
      FormField(
        placement: .body("/lastSupervisionOn"), label: "Last supervision", kind: .date,
        hint: "Supervision is in date for 12 weeks after it."),
      FormField(
        placement: .body("/active"), label: "Takes cases", kind: .yesNo,
        hint: "Yes when left blank.", optional: true),
      FormField(
        placement: .body("/capacity"), label: "Most cases at once", kind: .number,
        hint: "0 to 100 open allocations."),
    ]
    let slug = id.map(slug) ?? ""
    return ActionForm(
      id: id == nil ? "facilitator-add" : "facilitator-edit-\(slug)",
      title: id == nil ? "Add a facilitator" : "Change \(id!)",
      button: id == nil ? "Add the facilitator" : "Save the changes",
      done: id == nil ? "Facilitator added" : "Facilitator changed", service: .facilitatorMatching,
      path: "/facilitators", fields: fields,
      fixed: id.map { ["facilitatorId": .string($0)] } ?? [:], roles: changers)
  }

  /// The registration `form` asks for: the typed fields, with lists split at commas.
  static func body(for action: ActionForm, from form: FormFields) -> JSONValue {
    guard case .object(var members) = FormBody.request(for: action, from: form).body else {
      return .object([:])
    }
    for pointer in listFields {
      let key = String(pointer.dropFirst())
      guard case .string(let text)? = members[key] else { continue }
      let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }
      members[key] = items.isEmpty ? nil : .array(items.map(JSONValue.string))
    }
    return .object(members)
  }

  /// `entry` (a `RegisterEntry`) as its change form's typed fields.
  static func typed(from entry: JSONValue) -> FormFields {
    let list = { (key: String) in (entry[key]?.arrayValue ?? []).compactMap(\.stringValue) }
    let yesNo = { (key: String) in entry[key]?.boolValue.map { $0 ? "yes" : "no" } ?? "" }
    var pairs: [(String, String)] = [
      "displayName", "email", "agency", "kind", "level", "homeDistrict", "vettingExpiresOn",
      "lastSupervisionOn",
    ].map { ("/\($0)", entry[$0]?.stringValue ?? "") }
    pairs += list("areas").map { ("/areas", $0) }
    pairs += list("caseTypes").map { ("/caseTypes", $0) }
    pairs += [
      ("/districts", list("districts").joined(separator: ", ")),
      ("/languages", list("languages").joined(separator: ", ")),
      ("/culturalKnowledge", list("culturalKnowledge").joined(separator: ", ")),
      ("/active", yesNo("active")),
      ("/capacity", entry["capacity"]?.numberValue.map(CorrectionForm.numberText) ?? ""),
    ]
    return FormFields(pairs: pairs)
  }

  /// The registration of `entry` as listed (without what the register adds to it), with
  /// `active` set: the body that stops (or starts) it taking cases.
  static func registration(of entry: JSONValue, active: Bool) -> JSONValue {
    let keys = [
      "facilitatorId", "displayName", "email", "agency", "kind", "level", "areas", "districts",
      "homeDistrict", "languages", "culturalKnowledge", "caseTypes", "capacity",
      "vettingExpiresOn", "lastSupervisionOn",
    ]
    var members: [String: JSONValue] = [:]
    for key in keys { if let value = entry[key] { members[key] = value } }
    members["active"] = .bool(active)
    return .object(members)
  }

  /// The API's problems placed on the form's fields: an item of a list (`/areas/0`) on the
  /// list's field.
  static func placed(_ problems: [APIProblem]) -> [APIProblem] {
    problems.map { problem in
      var problem = problem
      for list in ["/areas", "/districts", "/languages", "/culturalKnowledge", "/caseTypes"]
      where problem.path.hasPrefix(list + "/") {
        problem.path = list
      }
      return problem
    }
  }

  /// A register id as part of an element id.
  static func slug(_ id: String) -> String {
    String(
      id.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "_" })
  }
}
