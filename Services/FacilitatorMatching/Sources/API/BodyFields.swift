import Foundation
import ServiceRuntime

/// Reads the fields of a JSON object body one by one, collecting every problem (with its
/// JSON Pointer) instead of stopping at the first, so a client can fix them all at once.
struct BodyFields {
  let object: [String: JSONValue]
  /// Every problem found so far.
  var problems: [FieldProblem] = []

  /// The fields of `body`, which must be a JSON object; a `malformed-json` problem otherwise.
  static func parse(_ body: [UInt8]) throws(RequestValidationFailure) -> BodyFields {
    guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(body))
    else {
      throw RequestValidationFailure(problems: [
        FieldProblem(path: "", code: "malformed-json", message: "the body must be a JSON object")
      ])
    }
    return BodyFields(object: object)
  }

  /// Records a problem with field `path`.
  mutating func report(_ path: String, _ code: String, _ message: String) {
    problems.append(FieldProblem(path: path, code: code, message: message))
  }

  /// Required text field `name`, trimmed, not blank, at most `maxLength` characters.
  mutating func text(_ name: String, maxLength: Int) -> String? {
    switch object[name] {
    case nil, .null:
      report("/\(name)", "required", "required: a non-empty string")
      return nil
    case .string(let raw):
      return checkedText(raw, path: "/\(name)", maxLength: maxLength)
    default:
      report("/\(name)", "invalid-type", "must be a string")
      return nil
    }
  }

  /// Required text field `name` that must match `pattern` (described by `expected`).
  mutating func formatted(_ name: String, pattern: String, maxLength: Int, expected: String)
    -> String?
  {
    guard let text = text(name, maxLength: maxLength) else { return nil }
    guard text.range(of: pattern, options: .regularExpression) != nil else {
      report("/\(name)", "invalid-format", "must be \(expected)")
      return nil
    }
    return text
  }

  /// Required field `name`, one of `Value`'s raw values.
  mutating func choice<Value: RawRepresentable & CaseIterable>(_ name: String, _: Value.Type)
    -> Value? where Value.RawValue == String
  {
    let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
    switch object[name] {
    case nil, .null:
      report("/\(name)", "required", "required: one of \(allowed)")
    case .string(let text):
      if let value = Value(rawValue: text) { return value }
      report("/\(name)", "invalid-value", "must be one of \(allowed)")
    default:
      report("/\(name)", "invalid-type", "must be a string, one of \(allowed)")
    }
    return nil
  }

  /// Optional boolean field `name`; `defaultValue` when absent or null.
  mutating func flag(_ name: String, default defaultValue: Bool) -> Bool? {
    switch object[name] {
    case nil, .null: return defaultValue
    case .bool(let value): return value
    default:
      report("/\(name)", "invalid-type", "must be true or false")
      return nil
    }
  }

  /// Required whole-number field `name` within `range`.
  mutating func wholeNumber(_ name: String, in range: ClosedRange<Int>) -> Int? {
    let expected = "a whole number from \(range.lowerBound) to \(range.upperBound)"
    switch object[name] {
    case nil, .null:
      report("/\(name)", "required", "required: \(expected)")
    case .number(let value):
      guard value.rounded() == value, Double(range.lowerBound) <= value,
        value <= Double(range.upperBound)
      else {
        report("/\(name)", "invalid-value", "must be \(expected)")
        return nil
      }
      return Int(value)
    default:
      report("/\(name)", "invalid-type", "must be \(expected)")
    }
    return nil
  }

  /// Array-of-strings field `name` (required unless `defaultValue` is given), each element
  /// trimmed and checked by `check` (which returns the problem's message, or nil when the
  /// element is fine); duplicates are dropped, first occurrence kept.
  mutating func strings(
    _ name: String, default defaultValue: [String]? = nil, allowEmpty: Bool,
    maxCount: Int = 50, maxLength: Int, check: (String) -> String? = { _ in nil }
  ) -> [String]? {
    let path = "/\(name)"
    guard case .array(let elements)? = object[name] else {
      switch object[name] {
      case nil, .null:
        if let defaultValue { return defaultValue }
        report(path, "required", "required: an array of strings")
      default:
        report(path, "invalid-type", "must be an array of strings")
      }
      return nil
    }
    if elements.isEmpty && !allowEmpty {
      report(path, "invalid-value", "must list at least one")
      return nil
    }
    if elements.count > maxCount {
      report(path, "too-long", "must list at most \(maxCount)")
      return nil
    }
    var values: [String] = []
    var valid = true
    for (index, element) in elements.enumerated() {
      let elementPath = "\(path)/\(index)"
      guard case .string(let raw) = element else {
        report(elementPath, "invalid-type", "must be a string")
        valid = false
        continue
      }
      guard let text = checkedText(raw, path: elementPath, maxLength: maxLength) else {
        valid = false
        continue
      }
      if let problem = check(text) {
        report(elementPath, "invalid-format", problem)
        valid = false
      } else if !values.contains(text) {
        values.append(text)
      }
    }
    return valid ? values : nil
  }

  /// `raw` trimmed, if it is not blank and not longer than `maxLength`.
  private mutating func checkedText(_ raw: String, path: String, maxLength: Int) -> String? {
    let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
    if text.isEmpty {
      report(path, "required", "must not be blank")
      return nil
    }
    if text.count > maxLength {
      report(path, "too-long", "must be at most \(maxLength) characters")
      return nil
    }
    return text
  }
}
