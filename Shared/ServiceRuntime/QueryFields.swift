/// The parameters of a request's query string, read one by one as ``RequestFields`` reads a
/// body: each parameter given at most once, every problem collected with its `?name` path
/// instead of stopping at the first, and messages that say what is expected without repeating
/// the value sent (a search may carry personal data).
public struct QueryFields {
  /// Every value given for each parameter name.
  public let values: [String: [String]]
  /// Every problem found so far.
  public var problems: [FieldProblem] = []

  /// The fields of a query's `parameters` (Hummingbird's `request.uri.queryParameters`).
  public init(_ parameters: some Sequence<(key: Substring, value: Substring)>) {
    var values: [String: [String]] = [:]
    for (key, value) in parameters { values[String(key), default: []].append(String(value)) }
    self.values = values
  }

  /// Whether parameter `name` was given at all.
  public func has(_ name: String) -> Bool { values[name] != nil }

  /// Records a problem with parameter `name`.
  public mutating func problem(_ name: String, _ code: String, _ message: String) {
    problems.append(FieldProblem(path: "?\(name)", code: code, message: message))
  }

  /// Parameter `name`; nil when absent (a `required` problem saying `expecting` when
  /// `required`) or given more than once (a `repeated` problem).
  public mutating func string(
    _ name: String, required: Bool = false, expecting: String = "a value"
  ) -> String? {
    guard let given = values[name] else {
      if required { problem(name, "required", expecting) }
      return nil
    }
    guard given.count == 1 else {
      problem(name, "repeated", "give \(name) once")
      return nil
    }
    return given[0]
  }

  /// Parameter `name` read by `parse`; an `invalid-format` problem saying `expecting` when it
  /// does not parse.
  public mutating func parsed<Value>(
    _ name: String, required: Bool = false, expecting: String, _ parse: (String) -> Value?
  ) -> Value? {
    guard let text = string(name, required: required, expecting: expecting) else { return nil }
    guard let value = parse(text) else {
      problem(name, "invalid-format", expecting)
      return nil
    }
    return value
  }

  /// Throws every problem found, if any.
  public func finish() throws(RequestValidationFailure) {
    if !problems.isEmpty { throw RequestValidationFailure(problems: problems) }
  }
}
