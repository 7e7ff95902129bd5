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
    var fields = QueryFields(parameters)
    let given = selectors.filter { fields.has($0) }
    if given.count != 1 {
      fields.problem(
        selectors[0], "required", "give exactly one of \(selectors.joined(separator: " and "))")
    }
    let value = given.count == 1 ? fields.string(given[0]) : nil
    let before = fields.parsed(
      "before", expecting: "a positive whole number: the seq of the oldest entry already seen"
    ) { text in Int64(text).flatMap { $0 > 0 ? $0 : nil } }
    try fields.finish()
    guard let selector = given.first, let value else {
      throw RequestValidationFailure(problems: fields.problems)
    }
    self.init(selector: selector, value: value, before: before)
  }
}
