import EventContracts
import Foundation
import ServiceRuntime

/// What the case-work routes read beyond ``RequestFields``' basics: ids, dates and instants.
extension RequestFields {
  /// A list of non-blank identifiers, each at most once.
  mutating func identifiers(_ name: String, required: Bool = false) -> [String] {
    strings(name, default: required ? nil : [], allowEmpty: !required, maxLength: 200) ?? []
  }

  /// A calendar date, `YYYY-MM-DD`.
  mutating func date(_ name: String, required: Bool = true) -> CalendarDate? {
    guard let raw = value(name, required: required, expecting: "a date, YYYY-MM-DD") else {
      return nil
    }
    guard case .string(let text) = raw, let date = CalendarDate(text) else {
      problem(name, "invalid-format", "must be a date, YYYY-MM-DD")
      return nil
    }
    return date
  }

  /// An instant, RFC 3339 with a zone (`2026-12-01T10:00:00Z`).
  mutating func instant(_ name: String, required: Bool = true) -> Date? {
    let expected = "a date and time, RFC 3339 with a zone"
    guard let raw = value(name, required: required, expecting: expected) else { return nil }
    guard case .string(let text) = raw, let date = RFC3339.parse(text) else {
      problem(name, "invalid-format", "must be \(expected)")
      return nil
    }
    return date
  }

  /// A boolean, nil when absent.
  mutating func bool(_ name: String) -> Bool? {
    object[name] == nil || object[name] == .null ? nil : flag(name, default: false)
  }

  /// A whole number from `range`, nil when absent (unless `required`).
  mutating func integer(_ name: String, in range: ClosedRange<Int>, required: Bool = false)
    -> Int?
  {
    wholeNumber(name, in: range, required: required)
  }
}
