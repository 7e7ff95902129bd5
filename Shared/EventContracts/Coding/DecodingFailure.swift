/// Turns a `DecodingError` into a field path and a value-free explanation, so decoding
/// failures can be logged and reported without leaking personal data.
struct DecodingFailure: Sendable, Equatable {
  /// JSON pointer of the offending field; "" for the whole document.
  var path: String
  /// What is wrong, e.g. "required field is missing".
  var problem: String

  /// Prefix that marks explanations written by this module (safe to pass through verbatim).
  static let ownExplanationPrefix = "expected "

  init(path: String, problem: String) {
    self.path = path
    self.problem = problem
  }

  init(_ error: DecodingError) {
    switch error {
    case .keyNotFound(let key, let context):
      self.init(
        path: JSONPointer.from(context.codingPath + [key]), problem: "required field is missing")
    case .valueNotFound(_, let context):
      self.init(
        path: JSONPointer.from(context.codingPath), problem: "is null but a value is required")
    case .typeMismatch(let type, let context):
      self.init(
        path: JSONPointer.from(context.codingPath),
        problem: "wrong JSON type, expected \(Self.jsonKind(of: type))")
    case .dataCorrupted(let context):
      if context.codingPath.isEmpty {
        self.init(path: "", problem: "not valid JSON")
      } else if context.debugDescription.hasPrefix(Self.ownExplanationPrefix) {
        self.init(path: JSONPointer.from(context.codingPath), problem: context.debugDescription)
      } else {
        self.init(
          path: JSONPointer.from(context.codingPath), problem: "invalid value for its type")
      }
    @unknown default:
      self.init(path: "", problem: "could not be decoded")
    }
  }

  /// "/data/caseId: required field is missing", or "message body: …" for the whole document.
  var reason: String {
    (path.isEmpty ? "message body" : path) + ": " + problem
  }

  /// The JSON name of the kind a Swift type is read from, for error messages.
  static func jsonKind(of type: Any.Type) -> String {
    switch type {
    case is String.Type: return "a string"
    case is Bool.Type: return "true or false"
    case is Int.Type, is Int64.Type, is Int32.Type: return "an integer"
    case is Double.Type, is Float.Type: return "a number"
    case is [Any].Type: return "an array"
    case is [String: Any].Type: return "an object"
    default: return "a value of type \(type)"
    }
  }
}
