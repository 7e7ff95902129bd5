import Foundation

/// The fields of a JSON request body, read one by one with every problem collected (with its
/// JSON Pointer) instead of stopping at the first, so a client can fix them all at once.
/// Values are decoded without coercion (``JSONValue``): a `true` is never a number. Messages
/// say what is expected and never repeat the value sent, which may be personal data.
public struct RequestFields {
  /// The object read.
  public let object: [String: JSONValue]
  /// The JSON Pointer of `object` in the body ("" for the body itself).
  public let path: String
  /// Every problem found so far.
  public var problems: [FieldProblem] = []

  /// The longest free text ``text(_:required:)`` accepts, in characters.
  public static let maximumTextLength = 10_000

  /// The fields of `body`, which must be a JSON object.
  /// - Throws: `malformed-json` otherwise.
  public static func parse(_ body: [UInt8]) throws(RequestValidationFailure) -> RequestFields {
    guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(body))
    else {
      throw RequestValidationFailure(problems: [
        FieldProblem(path: "", code: "malformed-json", message: "the body must be a JSON object")
      ])
    }
    return RequestFields(object: object, path: "")
  }

  /// The fields of `object`, found at `path` in the body.
  public init(object: [String: JSONValue], path: String) {
    self.object = object
    self.path = path
  }

  /// Throws every problem found, if any.
  public func finish() throws(RequestValidationFailure) {
    if !problems.isEmpty { throw RequestValidationFailure(problems: problems) }
  }

  /// Records a problem with field `name` (a name or a relative pointer such as `list/2`).
  public mutating func problem(_ name: String, _ code: String, _ message: String) {
    problems.append(FieldProblem(path: "\(path)/\(name)", code: code, message: message))
  }

  /// The value of `name`, or nil for absent or null (with a `required` problem when
  /// `required`, saying `expecting`).
  public mutating func value(_ name: String, required: Bool, expecting: String) -> JSONValue? {
    switch object[name] {
    case nil, .null:
      if required { problem(name, "required", "required: \(expecting)") }
      return nil
    case let value?: return value
    }
  }

  /// Field `name`, one of `Value`'s raw values.
  public mutating func choice<Value: RawRepresentable & CaseIterable>(
    _ name: String, _: Value.Type, required: Bool = true
  ) -> Value? where Value.RawValue == String {
    let allowed = "one of " + Value.allCases.map(\.rawValue).joined(separator: ", ")
    switch value(name, required: required, expecting: allowed) {
    case nil: return nil
    case .string(let text)?:
      if let value = Value(rawValue: text) { return value }
      problem(name, "invalid-value", "must be \(allowed)")
    default:
      problem(name, "invalid-type", "must be a string, \(allowed)")
    }
    return nil
  }

  /// Field `name`, a list of `Value`'s codes, each at most once; empty when absent (a
  /// `required` problem when `required`, and also when the list is empty).
  public mutating func choices<Value: RawRepresentable & CaseIterable & Hashable>(
    _ name: String, _: Value.Type, required: Bool = false
  ) -> [Value] where Value.RawValue == String {
    let allowed = "a list of " + Value.allCases.map(\.rawValue).joined(separator: ", ")
    guard let raw = value(name, required: required, expecting: allowed) else { return [] }
    guard case .array(let list) = raw else {
      problem(name, "invalid-type", "must be \(allowed)")
      return []
    }
    var values: [Value] = []
    for (index, item) in list.enumerated() {
      guard case .string(let text) = item, let value = Value(rawValue: text) else {
        problem("\(name)/\(index)", "invalid-value", "must be \(allowed)")
        continue
      }
      if values.contains(value) {
        problem("\(name)/\(index)", "repeated", "each value at most once")
      } else {
        values.append(value)
      }
    }
    if required && list.isEmpty { problem(name, "required", "at least one: \(allowed)") }
    return values
  }

  /// Required text field `name`, trimmed, not blank, at most `maxLength` characters.
  public mutating func text(_ name: String, maxLength: Int) -> String? {
    switch value(name, required: true, expecting: "a non-empty string") {
    case nil: return nil
    case .string(let raw)?: return checkedText(raw, name: name, maxLength: maxLength)
    default:
      problem(name, "invalid-type", "must be a string")
      return nil
    }
  }

  /// Free text field `name`, trimmed, at most ``maximumTextLength`` characters; blank counts
  /// as absent (a `required` problem when `required`).
  public mutating func text(_ name: String, required: Bool = false) -> String? {
    switch value(name, required: required, expecting: "text") {
    case nil: return nil
    case .string(let raw)?:
      if raw.allSatisfy(\.isWhitespace) && !required { return nil }
      return checkedText(raw, name: name, maxLength: Self.maximumTextLength)
    default:
      problem(name, "invalid-type", "must be a string")
      return nil
    }
  }

  /// Required text field `name` that must match `pattern` (described by `expected`).
  public mutating func formatted(
    _ name: String, pattern: String, maxLength: Int, expected: String
  ) -> String? {
    guard let text = text(name, maxLength: maxLength) else { return nil }
    guard text.range(of: pattern, options: .regularExpression) != nil else {
      problem(name, "invalid-format", "must be \(expected)")
      return nil
    }
    return text
  }

  /// Boolean field `name`; `defaultValue` when absent or null, nil (with a problem) when not
  /// a boolean.
  public mutating func flag(_ name: String, default defaultValue: Bool) -> Bool? {
    switch object[name] {
    case nil, .null: return defaultValue
    case .bool(let value): return value
    default:
      problem(name, "invalid-type", "must be true or false")
      return nil
    }
  }

  /// Whole-number field `name` within `range`.
  public mutating func wholeNumber(
    _ name: String, in range: ClosedRange<Int>, required: Bool = true
  )
    -> Int?
  {
    let expected = "a whole number from \(range.lowerBound) to \(range.upperBound)"
    switch value(name, required: required, expecting: expected) {
    case nil: return nil
    case .number(let number)?:
      guard number.rounded() == number, Double(range.lowerBound) <= number,
        number <= Double(range.upperBound)
      else {
        problem(name, "invalid-value", "must be \(expected)")
        return nil
      }
      return Int(number)
    default:
      problem(name, "invalid-type", "must be \(expected)")
      return nil
    }
  }

  /// Array-of-strings field `name` (required unless `defaultValue` is given), each element
  /// trimmed and checked by `check` (which returns the problem's message, or nil when the
  /// element is fine); duplicates are dropped, first occurrence kept.
  public mutating func strings(
    _ name: String, default defaultValue: [String]? = nil, allowEmpty: Bool,
    maxCount: Int = 50, maxLength: Int, check: (String) -> String? = { _ in nil }
  ) -> [String]? {
    guard case .array(let elements)? = object[name] else {
      switch object[name] {
      case nil, .null:
        if let defaultValue { return defaultValue }
        problem(name, "required", "required: an array of strings")
      default:
        problem(name, "invalid-type", "must be an array of strings")
      }
      return nil
    }
    if elements.isEmpty && !allowEmpty {
      problem(name, "invalid-value", "must list at least one")
      return nil
    }
    if elements.count > maxCount {
      problem(name, "too-long", "must list at most \(maxCount)")
      return nil
    }
    var values: [String] = []
    var valid = true
    for (index, element) in elements.enumerated() {
      let elementName = "\(name)/\(index)"
      guard case .string(let raw) = element else {
        problem(elementName, "invalid-type", "must be a string")
        valid = false
        continue
      }
      guard let text = checkedText(raw, name: elementName, maxLength: maxLength) else {
        valid = false
        continue
      }
      if let message = check(text) {
        problem(elementName, "invalid-format", message)
        valid = false
      } else if !values.contains(text) {
        values.append(text)
      }
    }
    return valid ? values : nil
  }

  /// The objects of list `name`, each read by `read` with its own path; empty when absent.
  public mutating func objects<Item>(
    _ name: String, required: Bool = false, maximum: Int = 50,
    _ read: (inout RequestFields) -> Item?
  ) -> [Item] {
    guard let raw = value(name, required: required, expecting: "a list of objects") else {
      return []
    }
    guard case .array(let list) = raw, list.count <= maximum else {
      problem(name, "invalid-type", "must be a list of at most \(maximum) objects")
      return []
    }
    if required && list.isEmpty { problem(name, "required", "at least one") }
    var items: [Item] = []
    for (index, element) in list.enumerated() {
      guard case .object(let object) = element else {
        problem("\(name)/\(index)", "invalid-type", "must be an object")
        continue
      }
      var fields = RequestFields(object: object, path: "\(path)/\(name)/\(index)")
      let item = read(&fields)
      problems += fields.problems
      if let item, fields.problems.isEmpty { items.append(item) }
    }
    return items
  }

  /// The object `name`, read by `read` with its own path.
  public mutating func object<Item>(
    _ name: String, required: Bool = false, _ read: (inout RequestFields) -> Item?
  ) -> Item? {
    guard let raw = value(name, required: required, expecting: "an object") else { return nil }
    guard case .object(let object) = raw else {
      problem(name, "invalid-type", "must be an object")
      return nil
    }
    var fields = RequestFields(object: object, path: "\(path)/\(name)")
    let item = read(&fields)
    problems += fields.problems
    return fields.problems.isEmpty ? item : nil
  }

  /// `raw` trimmed, if it is not blank and not longer than `maxLength`.
  private mutating func checkedText(_ raw: String, name: String, maxLength: Int) -> String? {
    let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
    if text.isEmpty {
      problem(name, "required", "must not be blank")
      return nil
    }
    if text.count > maxLength {
      problem(name, "too-long", "must be at most \(maxLength) characters")
      return nil
    }
    return text
  }
}
