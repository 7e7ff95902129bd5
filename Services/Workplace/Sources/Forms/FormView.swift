import ServiceRuntime

/// The template values of an action's form: its fields with what was typed and the errors
/// the API gave, so a refused form comes back as the person left it.
struct FormView {
  /// What was typed, by field name (a refused form), and the problems found.
  var typed: FormFields? = nil
  var problems: [APIProblem] = []

  /// The values `{{> field}}` and the action templates read, for `action` posting to `target`.
  func context(
    for action: ActionForm, target: String, csrfToken: String, records: CaseRecords
  ) -> [String: Any] {
    var unplaced = problems
    let fields: [[String: Any]] = action.fields.map { field in
      let id = field.id(in: action.id)
      let fieldProblems = field.kind.isHidden ? [] : problems.filter { $0.path == field.name }
      if !field.kind.isHidden { unplaced.removeAll { $0.path == field.name } }
      let error = fieldProblems.map(\.message).joined(separator: "; ")
      var describedBy: [String] = []
      if field.hint != nil { describedBy.append("\(id)-hint") }
      if !error.isEmpty { describedBy.append("\(id)-error") }
      var values: [String: Any] = [
        "id": id, "name": field.name, "label": field.label, "optional": field.optional,
        "value": typed?.value(field.name) ?? "",
      ]
      if let hint = field.hint { values["hint"] = hint }
      if !error.isEmpty { values["error"] = error }
      if !describedBy.isEmpty { values["describedBy"] = describedBy.joined(separator: " ") }
      switch field.kind {
      case .text, .number, .date, .dateTime:
        values["isInput"] = true
        values["inputType"] = Self.inputType(field.kind)
        if case .dateTime = field.kind, typed == nil { values["value"] = LondonTime.nowLocal() }
      case .textarea: values["isTextarea"] = true
      case .yesNo:
        values["isSelect"] = true
        values["options"] = options([Choice("yes", "Yes"), Choice("no", "No")], field, id)
      case .choice(let choices):
        values["isSelect"] = true
        values["options"] = options(choices, field, id)
      case .several(let choices):
        values["isCheckboxes"] = true
        values["options"] = options(choices, field, id)
      case .caseRecord(let list):
        values["isSelect"] = true
        values["options"] = options(records.choices(list), field, id)
      case .severalRecords(let list):
        values["isCheckboxes"] = true
        values["options"] = options(records.choices(list), field, id)
      case .fromCase(let value):
        values["isHidden"] = true
        values["value"] = records.value(value)
      }
      return values
    }
    let hasErrors = !problems.isEmpty
    return [
      "id": action.id, "title": action.title, "button": action.button, "target": target,
      "csrfToken": csrfToken, "fields": fields, "open": hasErrors,
      "formErrors": unplaced.map(\.message), "hasFormErrors": !unplaced.isEmpty,
      "hint": action.hint ?? "",
    ]
  }

  /// The error summary's links for the page top: each problem, linking to its field.
  func summary(for action: ActionForm) -> [[String: String]] {
    problems.map { problem in
      if let field = action.fields.first(where: { $0.name == problem.path && !$0.kind.isHidden }) {
        return ["href": "#\(field.id(in: action.id))", "message": problem.message]
      }
      return ["href": "#\(action.id)", "message": problem.message]
    }
  }

  private func options(_ choices: [Choice], _ field: FormField, _ id: String) -> [[String: Any]] {
    let chosen =
      typed.map { typed in
        Set(typed.values(field.name))
      } ?? []
    return choices.map {
      [
        "value": $0.value, "label": $0.label, "selected": chosen.contains($0.value),
        "optionId": "\(id)-\($0.value)",
      ]
    }
  }

  private static func inputType(_ kind: FormField.Kind) -> String {
    switch kind {
    case .number: "number"
    case .date: "date"
    case .dateTime: "datetime-local"
    default: "text"
    }
  }
}

/// The records of a case that forms pick from, read from the case's view.
struct CaseRecords {
  var view: JSONValue

  /// A value of the case itself, empty when the view lacks it.
  func value(_ value: CaseValue) -> String {
    switch value {
    case .caseId: view["caseId"]?.stringValue ?? ""
    case .area: view["area"]?.stringValue ?? ""
    }
  }

  func choices(_ list: CaseRecordList) -> [Choice] {
    let journey = view["journey"]
    switch list {
    case .participants:
      return (journey?["participants"]?.arrayValue ?? []).compactMap { participant in
        guard let id = participant["participantId"]?.stringValue else { return nil }
        let role = participant["role"]?.stringValue.map(Words.of) ?? "Participant"
        let name = participant["contact"]?["name"]?.stringValue
        return Choice(id, name.map { "\(role): \($0)" } ?? "\(role) (\(id))")
      }
    case .openTasks:
      return (view["tasks"]?.arrayValue ?? []).compactMap { task in
        guard task["status"]?.stringValue == "open", let id = task["taskId"]?.stringValue
        else { return nil }
        let kind = Words.of(task["kind"]?.stringValue ?? "task")
        return Choice(id, "\(kind), due \(task["dueOn"]?.stringValue ?? "")")
      }
    case .assessmentsToSignOff:
      return (journey?["suitability"]?.arrayValue ?? []).compactMap { assessment in
        guard assessment["signedOffAt"] == nil,
          let id = assessment["assessmentId"]?.stringValue
        else { return nil }
        return Choice(
          id,
          "\(assessment["participantId"]?.stringValue ?? ""): \(Words.of(assessment["outcome"]?.stringValue ?? ""))"
        )
      }
    case .plannedInterventions:
      return (journey?["interventions"]?.arrayValue ?? []).compactMap { intervention in
        guard intervention["status"]?.stringValue == "planned",
          let id = intervention["interventionId"]?.stringValue
        else { return nil }
        return Choice(
          id,
          "\(Words.of(intervention["kind"]?.stringValue ?? "")) on \(LondonTime.display(intervention["plannedFor"]?.stringValue ?? ""))"
        )
      }
    case .agreementItems:
      return (journey?["agreements"]?.arrayValue ?? []).flatMap { agreement -> [Choice] in
        let agreementId = agreement["agreementId"]?.stringValue ?? ""
        return (agreement["items"]?.arrayValue ?? []).compactMap { item -> Choice? in
          guard let itemId = item["itemId"]?.stringValue else { return nil }
          return Choice(
            "\(agreementId)/items/\(itemId)",
            "\(item["description"]?.stringValue ?? itemId) (\(item["status"]?.stringValue ?? ""))")
        }
      }
    case .facilitators:
      return (view["facilitators"]?.arrayValue ?? []).compactMap { facilitator in
        guard let id = facilitator["facilitatorId"]?.stringValue else { return nil }
        return Choice(id, "\(id) (\(facilitator["role"]?.stringValue ?? ""))")
      }
    }
  }
}

extension FormField.Kind {
  /// Whether the field is a hidden value of the case, not asked (its problems are the form's).
  var isHidden: Bool {
    if case .fromCase = self { return true }
    return false
  }
}
