import AccessControl
import ServiceRuntime

/// One action of the journey as a form: which API route it posts to, the fields it asks for
/// and how each becomes a member of the request's JSON. The case page renders every action the
/// caller's roles allow; `POST /cases/{caseId}/actions/{id}` sends it, and the API's own
/// validation errors come back beside the fields they name (by JSON pointer).
struct ActionForm: Sendable {
  /// The action's id in URLs and element ids (`contact-attempt`).
  var id: String
  /// The heading of the form (`Record a contact attempt`).
  var title: String
  /// The button's text.
  var button: String
  /// What the success banner says.
  var done: String
  /// The service the form posts to.
  var service: HubAPI.Service = .victimContact
  /// The HTTP method of the route (`PUT` for a replacement such as a participant's details).
  var method: Method = .post
  /// The route, with `{caseId}` and any `{name}` a ``FormField/Placement/path`` field fills.
  var path: String
  /// The fields, in order.
  var fields: [FormField]
  /// Members every request carries whatever is typed.
  var fixed: [String: JSONValue] = [:]
  /// Who may use it (the service checks again).
  var roles: Set<Role> = [.caseWorker, .supervisor]
  /// Whether the form is for a case page (else a page of its own, such as the register).
  var hint: String? = nil
}

/// One field of an action's form.
struct FormField: Sendable {
  /// Where the value goes: the JSON pointer of the body member (`/contact/name`), or a path
  /// parameter of the route.
  enum Placement: Sendable, Equatable {
    case body(String)
    case path(String)
  }

  /// What is asked, and how the answer is typed in JSON.
  enum Kind: Sendable {
    /// One line of text (JSON string).
    case text
    /// Several lines (JSON string).
    case textarea
    /// A date `YYYY-MM-DD` (JSON string).
    case date
    /// A date and time, typed in London time, sent as an RFC 3339 instant.
    case dateTime
    /// A number (JSON number).
    case number
    /// Yes or no (JSON boolean).
    case yesNo
    /// One of fixed codes (JSON string).
    case choice([Choice])
    /// Any of fixed codes (JSON array of strings).
    case several([Choice])
    /// One of the case's own records (a participant, an open task …), listed from the case.
    case caseRecord(CaseRecordList)
    /// Any of the case's own records (the attendees of an intervention), as a JSON array of
    /// their ids, in the order the case lists them.
    case severalRecords(CaseRecordList)
    /// A value of the case itself (its id, its area), sent as a JSON string from a hidden
    /// field: for a route outside `/cases/{caseId}` that names the case in its body.
    case fromCase(CaseValue)
  }

  var placement: Placement
  var label: String
  var kind: Kind
  var hint: String? = nil
  var optional: Bool = false

  /// The form field's `name`: the pointer or `path:<name>`.
  var name: String {
    switch placement {
    case .body(let pointer): pointer
    case .path(let name): "path:\(name)"
    }
  }

  /// The element id within the form of `action`.
  func id(in action: String) -> String {
    let slug = name.replacingOccurrences(of: "path:", with: "").split(separator: "/")
      .joined(separator: "-")
    return "\(action)-\(slug)"
  }
}

/// One code a field offers, with its words.
struct Choice: Sendable {
  var value: String
  var label: String

  init(_ value: String, _ label: String? = nil) {
    self.value = value
    self.label = label ?? Words.of(value)
  }
}

extension ActionForm {
  /// The HTTP method an action's route takes.
  enum Method: String, Sendable {
    case post = "POST"
    case put = "PUT"
  }
}

/// A value of the case a form carries unasked (``FormField/Kind/fromCase(_:)``).
enum CaseValue: Sendable {
  /// The case's id.
  case caseId
  /// The case's area (its police force area).
  case area
}

/// Records of a case a field can pick from.
enum CaseRecordList: Sendable {
  case participants
  case openTasks
  case assessmentsToSignOff
  case plannedInterventions
  case agreementItems
  case facilitators
}

/// Codes in words: `initial-engagement` → `Initial engagement`.
enum Words {
  static func of(_ code: String) -> String {
    let spaced = code.replacingOccurrences(of: "-", with: " ").replacingOccurrences(
      of: "_", with: " ")
    return spaced.prefix(1).uppercased() + spaced.dropFirst()
  }
}
