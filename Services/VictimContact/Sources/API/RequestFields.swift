import EventContracts
import Foundation
import ServiceRuntime

/// The fields of a JSON request body, read one by one with every problem collected, so a
/// case worker is told at once everything wrong with what they sent: which field (a JSON
/// Pointer) and what is wrong, never repeating the value (it may be personal data).
struct RequestFields {
  /// The object read.
  let object: [String: Any]
  /// The JSON Pointer of `object` in the body ("" for the body itself).
  let path: String
  /// Problems found so far.
  var problems: [FieldProblem] = []

  /// The longest free text accepted, in characters.
  static let maximumTextLength = 10_000

  /// The body's top-level object.
  /// - Throws: `malformed-json` when the body is not a JSON object.
  init(body: [UInt8]) throws(RequestValidationFailure) {
    guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    else {
      throw RequestValidationFailure(problems: [
        FieldProblem(path: "", code: "malformed-json", message: "the body must be a JSON object")
      ])
    }
    self.init(object: object, path: "")
  }

  init(object: [String: Any], path: String) {
    self.object = object
    self.path = path
  }

  /// Throws every problem found, if any.
  func finish() throws(RequestValidationFailure) {
    if !problems.isEmpty { throw RequestValidationFailure(problems: problems) }
  }

  mutating func problem(_ name: String, _ code: String, _ message: String) {
    problems.append(FieldProblem(path: "\(path)/\(name)", code: code, message: message))
  }

  /// The raw value of `name`, or nil (with a `required` problem when `required`).
  mutating func value(_ name: String, required: Bool, expecting: String) -> Any? {
    switch object[name] {
    case nil, is NSNull:
      if required { problem(name, "required", "required: \(expecting)") }
      return nil
    case let value?: return value
    }
  }

  /// One of `Value`'s codes.
  mutating func choice<Value: RawRepresentable & CaseIterable>(
    _ name: String, _ type: Value.Type, required: Bool = true
  ) -> Value? where Value.RawValue == String {
    let allowed = "one of " + Value.allCases.map(\.rawValue).joined(separator: ", ")
    guard let raw = value(name, required: required, expecting: allowed) else { return nil }
    guard let text = raw as? String else {
      problem(name, "invalid-type", "must be a string, \(allowed)")
      return nil
    }
    guard let value = Value(rawValue: text) else {
      problem(name, "invalid-value", "must be \(allowed)")
      return nil
    }
    return value
  }

  /// A list of `Value`'s codes, each at most once; empty when absent (unless `required`).
  mutating func choices<Value: RawRepresentable & CaseIterable & Hashable>(
    _ name: String, _ type: Value.Type, required: Bool = false
  ) -> [Value] where Value.RawValue == String {
    let allowed = "a list of " + Value.allCases.map(\.rawValue).joined(separator: ", ")
    guard let raw = value(name, required: required, expecting: allowed) else { return [] }
    guard let list = raw as? [Any] else {
      problem(name, "invalid-type", "must be \(allowed)")
      return []
    }
    var values: [Value] = []
    for (index, item) in list.enumerated() {
      guard let text = item as? String, let value = Value(rawValue: text) else {
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

  /// Free text (trimmed; blank counts as absent), at most `maximumTextLength` characters.
  mutating func text(_ name: String, required: Bool = false) -> String? {
    guard let raw = value(name, required: required, expecting: "text") else { return nil }
    guard let text = raw as? String else {
      problem(name, "invalid-type", "must be a string")
      return nil
    }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.isEmpty {
      if required { problem(name, "required", "required: text, not blank") }
      return nil
    }
    if trimmed.count > Self.maximumTextLength {
      problem(name, "too-long", "must be at most \(Self.maximumTextLength) characters")
      return nil
    }
    return trimmed
  }

  /// A list of non-blank identifiers, each at most once.
  mutating func identifiers(_ name: String, required: Bool = false) -> [String] {
    guard let raw = value(name, required: required, expecting: "a list of ids") else { return [] }
    guard let list = raw as? [Any] else {
      problem(name, "invalid-type", "must be a list of ids")
      return []
    }
    var ids: [String] = []
    for (index, item) in list.enumerated() {
      guard let id = item as? String, !id.isEmpty, id.count <= 200 else {
        problem("\(name)/\(index)", "invalid-value", "must be an id (text, 1 to 200 characters)")
        continue
      }
      if ids.contains(id) {
        problem("\(name)/\(index)", "repeated", "each id at most once")
      } else {
        ids.append(id)
      }
    }
    if required && list.isEmpty { problem(name, "required", "at least one id") }
    return ids
  }

  /// A boolean.
  mutating func bool(_ name: String, required: Bool = false) -> Bool? {
    guard let raw = value(name, required: required, expecting: "true or false") else {
      return nil
    }
    guard let number = raw as? NSNumber, Self.isBoolean(number) else {
      problem(name, "invalid-type", "must be true or false")
      return nil
    }
    return number.boolValue
  }

  /// Whether a number JSONSerialization read was `true` or `false` (it gives NSNumber for
  /// both; booleans have the C type `c`).
  static func isBoolean(_ number: NSNumber) -> Bool { String(cString: number.objCType) == "c" }

  /// A whole number from `range`.
  mutating func integer(_ name: String, in range: ClosedRange<Int>, required: Bool = false)
    -> Int?
  {
    let expected = "a whole number from \(range.lowerBound) to \(range.upperBound)"
    guard let raw = value(name, required: required, expecting: expected) else { return nil }
    guard let number = raw as? NSNumber, !Self.isBoolean(number),
      number.doubleValue == number.doubleValue.rounded(), range.contains(number.intValue)
    else {
      problem(name, "invalid-value", "must be \(expected)")
      return nil
    }
    return number.intValue
  }

  /// A calendar date, `YYYY-MM-DD`.
  mutating func date(_ name: String, required: Bool = true) -> CalendarDate? {
    guard let raw = value(name, required: required, expecting: "a date, YYYY-MM-DD") else {
      return nil
    }
    guard let text = raw as? String, let date = CalendarDate(text) else {
      problem(name, "invalid-format", "must be a date, YYYY-MM-DD")
      return nil
    }
    return date
  }

  /// An instant, RFC 3339 with a zone (`2026-12-01T10:00:00Z`).
  mutating func instant(_ name: String, required: Bool = true) -> Date? {
    let expected = "a date and time, RFC 3339 with a zone"
    guard let raw = value(name, required: required, expecting: expected) else { return nil }
    guard let text = raw as? String, let date = RFC3339.parse(text) else {
      problem(name, "invalid-format", "must be \(expected)")
      return nil
    }
    return date
  }

  /// The objects of list `name`, each read by `read` with its own path; empty when absent.
  mutating func objects<Item>(
    _ name: String, required: Bool = false, maximum: Int = 50,
    _ read: (inout RequestFields) -> Item?
  ) -> [Item] {
    guard let raw = value(name, required: required, expecting: "a list of objects") else {
      return []
    }
    guard let list = raw as? [Any], list.count <= maximum else {
      problem(name, "invalid-type", "must be a list of at most \(maximum) objects")
      return []
    }
    if required && list.isEmpty { problem(name, "required", "at least one") }
    var items: [Item] = []
    for (index, element) in list.enumerated() {
      guard let object = element as? [String: Any] else {
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
  mutating func object<Item>(
    _ name: String, required: Bool = false, _ read: (inout RequestFields) -> Item?
  )
    -> Item?
  {
    guard let raw = value(name, required: required, expecting: "an object") else { return nil }
    guard let object = raw as? [String: Any] else {
      problem(name, "invalid-type", "must be an object")
      return nil
    }
    var fields = RequestFields(object: object, path: "\(path)/\(name)")
    let item = read(&fields)
    problems += fields.problems
    return fields.problems.isEmpty ? item : nil
  }
}
