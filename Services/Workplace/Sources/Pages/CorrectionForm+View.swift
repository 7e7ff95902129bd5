import ServiceRuntime

extension CorrectionForm {
  /// The correction form as the template shows it.
  struct View {
    /// One entry per leaf, in pointer order.
    var fields: [[String: Any]]
    /// Problems about the whole body, or about no field of the form.
    var formErrors: [String]
    /// The error summary's links, each to its field.
    var summary: [[String: String]]
  }

  /// The form's id.
  static let formId = "correction-form"
  /// The id of the problems about no field, shown above the form (the summary links there).
  static let refusalId = "correction-form-refusal"

  /// The fields of `leaves` with `problems` placed beside them by pointer. A problem whose
  /// pointer is no leaf adds an empty input for it (with a type to choose), unless it points at
  /// a group of leaves, when it shows beside the group's first field. A field whose type was
  /// wrong (`invalid-type`) offers its type to change, too.
  static func view(_ leaves: [Leaf], problems: [APIProblem]) -> View {
    var all = leaves
    var added: Set<String> = []
    for problem in problems where problem.path.hasPrefix("/") {
      let path = problem.path
      if all.contains(where: { $0.pointer == path || $0.pointer.hasPrefix(path + "/") }) {
        continue
      }
      all.append(Leaf(pointer: path, type: .string, text: ""))
      added.insert(path)
    }
    all.sort { precedes($0.pointer, $1.pointer) }
    let ids = elementIds(all.map(\.pointer))
    var placed: [String: [APIProblem]] = [:]
    var formErrors: [String] = []
    var summary: [[String: String]] = []
    for problem in problems {
      let target =
        all.first { $0.pointer == problem.path }
        ?? all.first { !problem.path.isEmpty && $0.pointer.hasPrefix(problem.path + "/") }
      guard let target else {
        formErrors.append(problem.message)
        summary.append(["href": "#\(refusalId)", "message": problem.message])
        continue
      }
      let message =
        target.pointer == problem.path ? problem.message : "\(problem.path): \(problem.message)"
      placed[target.pointer, default: []].append(
        APIProblem(path: problem.path, code: problem.code, message: message))
      summary.append(["href": "#\(ids[target.pointer] ?? refusalId)", "message": message])
    }
    let fields = all.map { leaf -> [String: Any] in
      let id = ids[leaf.pointer] ?? formId
      let problems = placed[leaf.pointer] ?? []
      let isContainer = leaf.type == .emptyArray || leaf.type == .emptyObject
      let chooseType =
        !isContainer
        && (added.contains(leaf.pointer) || problems.contains { $0.code == "invalid-type" })
      var field: [String: Any] = [
        "id": id, "name": leaf.pointer, "label": leaf.pointer, "value": leaf.text,
        "typeName": "type:\(leaf.pointer)", "typeId": "\(id)-type", "type": leaf.type.rawValue,
        "chooseType": chooseType, "isContainer": isContainer, "containerWord": leaf.type.label,
        "added": added.contains(leaf.pointer),
        "typeOptions": [LeafType.string, .number, .boolean, .null].map {
          ["value": $0.rawValue, "label": $0.label, "selected": $0 == leaf.type]
        },
      ]
      var describedBy = added.contains(leaf.pointer) ? ["\(id)-hint"] : []
      if !problems.isEmpty {
        field["error"] = problems.map(\.message).joined(separator: "; ")
        describedBy.append("\(id)-error")
      }
      if !describedBy.isEmpty { field["describedBy"] = describedBy.joined(separator: " ") }
      return field
    }
    return View(fields: fields, formErrors: formErrors, summary: summary)
  }

  /// The element id of each pointer's input: `correction-victim-name` for `/victim/name`,
  /// `correction-offences-0-code` for `/offences/0/code`; in a segment, characters other than
  /// letters, digits and `_` become `_`; a repeat is numbered.
  static func elementIds(_ pointers: [String]) -> [String: String] {
    var ids: [String: String] = [:]
    var used: Set<String> = []
    for pointer in pointers where ids[pointer] == nil {
      let base = (["correction"] + segments(of: pointer).map(idPart)).joined(separator: "-")
      var id = base
      var n = 2
      while used.contains(id) {
        id = "\(base)-\(n)"
        n += 1
      }
      used.insert(id)
      ids[pointer] = id
    }
    return ids
  }

  private static func idPart(_ segment: String) -> String {
    String(segment.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? $0 : "_" })
  }
}
