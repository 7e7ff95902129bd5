import AuditTrail
import ServiceRuntime

extension AuditQuery {
  /// Reads a `GET /audit` request's query `parameters`, accepting exactly one of `selectors`.
  ///
  /// - Throws: `RequestValidationFailure` listing every problem (no selector or several, a
  ///   parameter repeated, `before` not a positive whole number), each naming its parameter.
  public init(
    parameters: some Sequence<(key: Substring, value: Substring)>, selectors: [String]
  ) throws(RequestValidationFailure) {
    var values: [String: [String]] = [:]
    for (key, value) in parameters { values[String(key), default: []].append(String(value)) }
    var problems: [FieldProblem] = []
    let given = selectors.filter { values[$0] != nil }
    if given.count != 1 {
      problems.append(
        FieldProblem(
          path: "?\(selectors[0])", code: "required",
          message: "give exactly one of \(selectors.joined(separator: " and "))"))
    }
    for name in selectors + ["before"] where (values[name]?.count ?? 0) > 1 {
      problems.append(
        FieldProblem(path: "?\(name)", code: "repeated", message: "give \(name) once"))
    }
    var before: Int64?
    if let text = values["before"]?.first {
      if let seq = Int64(text), seq > 0 {
        before = seq
      } else {
        problems.append(
          FieldProblem(
            path: "?before", code: "invalid-format",
            message: "a positive whole number: the seq of the oldest entry already seen"))
      }
    }
    guard problems.isEmpty, let selector = given.first, let value = values[selector]?.first
    else { throw RequestValidationFailure(problems: problems) }
    self.init(selector: selector, value: value, before: before)
  }
}
