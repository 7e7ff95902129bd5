import HubAreas
import Mustache

/// The self-referral form's HTML pages, in the patterns of the GOV.UK Design System: one
/// question per label, hints and errors tied to their inputs with `aria-describedby`, an error
/// summary at the top linking to each field, and nothing that needs JavaScript. Every value is
/// escaped by the templates (`{{ }}`).
struct SelfReferralPage: Sendable {
  let library: MustacheLibrary

  /// Parses the templates (constants, so this fails only if one is edited badly).
  init() throws {
    var library = MustacheLibrary()
    for (name, text) in SelfReferralTemplates.all {
      try library.register(MustacheTemplate(string: text), named: name)
    }
    self.library = library
  }

  /// The first page: who is referring.
  func start(errors: [SelfReferralError]) -> String {
    render(
      "start", title: "Ask for restorative justice", errors: errors,
      extra: ["question": view(SelfReferralQuestions.role, answers: nil, errors: errors)])
  }

  /// The details page for `role`, filled with `answers` and showing `errors`.
  func details(
    role: SelfReferralAnswers.Role, areas: [SelfReferralQuestions.Option],
    answers: SelfReferralAnswers?, errors: [SelfReferralError], csrfToken: String,
    reference: String, previous: String?
  ) -> String {
    let sections = SelfReferralQuestions.sections(role: role, areas: areas).map { section in
      [
        "heading": section.heading,
        "questions": section.questions.map { view($0, answers: answers, errors: errors) },
      ] as [String: Any]
    }
    var hidden: [[String: String]] = [
      ["name": "role", "value": role.rawValue], ["name": "csrf", "value": csrfToken],
      ["name": "reference", "value": reference],
    ]
    if let previous { hidden.append(["name": "previous", "value": previous]) }
    return render(
      "details", title: "Tell us about you and the crime", errors: errors,
      extra: ["sections": sections, "hidden": hidden])
  }

  /// The confirmation page with the reference the person can quote and, when configured, how
  /// to reach the area's team.
  func confirmation(reference: String, area: HubArea?) -> String {
    var extra: [String: Any] = ["reference": reference]
    if let area {
      var team: [String: Any] = ["name": area.name]
      if let phone = area.contact.phone { team["phone"] = phone }
      if let email = area.contact.email { team["email"] = email }
      if let address = area.contact.address { team["address"] = address }
      if team.count > 1 { extra["team"] = team }
    }
    return render("confirmation", title: "Referral sent", errors: [], extra: extra)
  }

  /// A page that explains a refusal (an expired form, too many requests) and links back.
  func problem(title: String, explanation: String) -> String {
    render("problem", title: title, errors: [], extra: ["explanation": explanation])
  }

  func render(_ name: String, title: String, errors: [SelfReferralError], extra: [String: Any])
    -> String
  {
    var context: [String: Any] = [
      "title": title, "pageTitle": errors.isEmpty ? title : "Error: \(title)",
      "errors": errors.map { ["field": $0.field, "message": $0.message] },
      "hasErrors": !errors.isEmpty,
    ]
    context.merge(extra) { _, new in new }
    return library.render(context, withTemplate: name) ?? ""
  }

  /// The template values of one question.
  func view(
    _ question: SelfReferralQuestions.Question, answers: SelfReferralAnswers?,
    errors: [SelfReferralError]
  ) -> [String: Any] {
    let name = question.name
    let firstId = {
      switch question.kind {
      case .date: return "\(name)-day"
      default: return name
      }
    }()
    let error = errors.first { $0.field == firstId }?.message
    var describedBy = [String]()
    if question.hint != nil { describedBy.append("\(name)-hint") }
    if error != nil { describedBy.append("\(name)-error") }
    var view: [String: Any] = [
      "name": name, "label": question.label, "optional": question.optional,
      "describedBy": describedBy.joined(separator: " "),
    ]
    if let hint = question.hint { view["hint"] = hint }
    if let error { view["error"] = error }
    let value = answers?[name]
    switch question.kind {
    case .text(let type, let autocomplete, let width):
      view["isText"] = true
      view["type"] = type
      view["width"] = width
      view["value"] = value ?? ""
      if let autocomplete { view["autocomplete"] = autocomplete }
    case .textarea:
      view["isTextarea"] = true
      view["value"] = value ?? ""
    case .date:
      view["isDate"] = true
      view["parts"] = [("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4)].map {
        [
          "id": "\(name)-\($0.0)", "label": $0.1, "width": $0.2,
          "value": answers?["\(name)-\($0.0)"] ?? "",
        ] as [String: Any]
      }
    case .radios(let options):
      view["isRadios"] = true
      view["options"] = options.enumerated().map { index, option in
        var item: [String: Any] = [
          "id": index == 0 ? name : "\(name)-\(option.value)", "value": option.value,
          "label": option.label, "checked": option.value == value,
        ]
        if let hint = option.hint { item["optionHint"] = hint }
        return item
      }
    case .select(let options):
      view["isSelect"] = true
      view["options"] = options.map {
        ["value": $0.value, "label": $0.label, "selected": $0.value == value] as [String: Any]
      }
    case .checkbox(let label):
      view["isCheckbox"] = true
      view["checkboxLabel"] = label
      view["checked"] = value == "yes"
    }
    return view
  }
}
