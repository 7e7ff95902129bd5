import Foundation
import ServiceRuntime

/// Turns the fields a person typed into the JSON an API route takes, and the API's problems
/// back into messages beside the fields.
enum FormBody {
  /// The request body and path parameters of `action` from `form`; a blank field is left out,
  /// so the API says what is required in its own words.
  static func request(for action: ActionForm, from form: FormFields) -> (
    body: JSONValue, path: [String: String]
  ) {
    var body: [String: JSONValue] = action.fixed
    var path: [String: String] = [:]
    for field in action.fields {
      switch field.placement {
      case .path(let name):
        if let value = form.value(field.name) { path[name] = value }
      case .body(let pointer):
        guard let value = json(of: field, from: form) else { continue }
        set(value, at: pointer.split(separator: "/").map(String.init), in: &body)
      }
    }
    return (.object(body), path)
  }

  /// The JSON of one field, or nil when it was left blank.
  static func json(of field: FormField, from form: FormFields) -> JSONValue? {
    if field.kind.isSeveral {
      let values = form.values(field.name)
      return values.isEmpty
        ? (field.optional ? nil : .array([])) : .array(values.map(JSONValue.string))
    }
    guard let text = form.value(field.name) else { return nil }
    switch field.kind {
    case .number: return Double(text).map(JSONValue.number) ?? .string(text)
    case .yesNo: return text == "yes" ? .bool(true) : text == "no" ? .bool(false) : .string(text)
    case .dateTime: return .string(LondonTime.instant(fromLocal: text) ?? text)
    default: return .string(text)
    }
  }

  /// Sets `value` at the pointer's segments `path` in `object`: a numeric segment indexes an
  /// array (`/items/0/kind`), grown up to it with empty members (`{}`, or `null` for a
  /// value), so the API's problem about a skipped member names the fields left blank.
  private static func set(
    _ value: JSONValue, at path: [String], in object: inout [String: JSONValue]
  ) {
    guard let first = path.first else { return }
    object[first] = placed(value, at: path.dropFirst(), in: object[first])
  }

  /// The largest array index a pointer segment may name (a form has a few numbered rows).
  static let maximumIndex = 99

  /// `existing` (nil when absent) with `value` placed at `path` inside it.
  private static func placed(
    _ value: JSONValue, at path: ArraySlice<String>, in existing: JSONValue?
  ) -> JSONValue {
    guard let first = path.first else { return value }
    let rest = path.dropFirst()
    let index = Int(first).flatMap {
      (0...maximumIndex).contains($0) && first == String($0) ? $0 : nil
    }
    func inArray(_ members: [JSONValue], at index: Int) -> JSONValue {
      var members = members
      while members.count <= index { members.append(rest.isEmpty ? .null : .object([:])) }
      members[index] = placed(value, at: rest, in: members[index])
      return .array(members)
    }
    var members: [String: JSONValue] = [:]
    switch existing {
    case .object(let existing)?: members = existing
    case .array(let existing)? where index != nil: return inArray(existing, at: index!)
    default: if let index { return inArray([], at: index) }
    }
    members[first] = placed(value, at: rest, in: members[first])
    return .object(members)
  }
}

extension FormField.Kind {
  /// Whether the field is checkboxes, sent as a JSON array of what was ticked.
  var isSeveral: Bool {
    switch self {
    case .several, .severalRecords: true
    default: false
    }
  }
}

/// Date-times as people type them (London time, `2026-12-07T14:30` from a
/// `datetime-local` field) and as the APIs take them (RFC 3339 instants).
///
/// Everything here is made once (a case page shows a few hundred instants): the calendar and
/// the ISO 8601 styles are values, safe to share between requests.
enum LondonTime {
  static let zone = TimeZone(identifier: "Europe/London")!
  static let calendar: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    return calendar
  }()
  static let instantWithFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
  static let instant = Date.ISO8601FormatStyle()
  static let months = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// The instant of a `datetime-local` value in London, or nil when it is not one.
  static func instant(fromLocal text: String) -> String? {
    let parts = text.split(whereSeparator: { "-T:".contains($0) }).map { Int($0) }
    guard parts.count == 5 || parts.count == 6, parts.allSatisfy({ $0 != nil }),
      text.count >= 16, Array(text)[10] == "T"
    else { return nil }
    let numbers = parts.map { $0! }
    let components = DateComponents(
      year: numbers[0], month: numbers[1], day: numbers[2], hour: numbers[3], minute: numbers[4],
      second: numbers.count == 6 ? numbers[5] : 0)
    guard components.isValidDate(in: calendar), let date = calendar.date(from: components)
    else { return nil }
    return date.formatted(instant)
  }

  /// An instant as people read it: `7 Dec 2026, 14:30` in London.
  static func display(_ text: String) -> String {
    guard
      let date = (try? Date(text, strategy: instantWithFraction))
        ?? (try? Date(text, strategy: instant))
    else { return text }
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    guard let year = parts.year, let month = parts.month, let day = parts.day,
      let hour = parts.hour, let minute = parts.minute
    else { return text }
    return "\(day) \(months[month - 1]) \(year), \(twoDigits(hour)):\(twoDigits(minute))"
  }

  /// Now, as a `datetime-local` value in London (the default of "when" fields).
  static func nowLocal() -> String {
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: Date())
    return
      "\(parts.year ?? 0)-\(twoDigits(parts.month ?? 0))-\(twoDigits(parts.day ?? 0))T\(twoDigits(parts.hour ?? 0)):\(twoDigits(parts.minute ?? 0))"
  }

  private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
