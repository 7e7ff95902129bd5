import ServiceRuntime

/// Reading the services' answers without a type per answer: pages take the fields they show.
extension JSONValue {
  /// The member `key` of an object.
  subscript(key: String) -> JSONValue? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  /// The text of a string.
  var stringValue: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  /// The elements of an array.
  var arrayValue: [JSONValue]? {
    if case .array(let elements) = self { return elements }
    return nil
  }

  /// The value of a boolean.
  var boolValue: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  /// The value of a number.
  var numberValue: Double? {
    if case .number(let value) = self { return value }
    return nil
  }

  /// The value as mustache renders it: strings, numbers (whole ones without `.0`), booleans,
  /// arrays and dictionaries; `null` as absent.
  var templateValue: Any? {
    switch self {
    case .null: nil
    case .bool(let value): value
    case .number(let value):
      value.rounded() == value && abs(value) < 1e15 ? Int(value) : value
    case .string(let text): text
    case .array(let elements): elements.compactMap(\.templateValue)
    case .object(let members): members.compactMapValues(\.templateValue)
    }
  }
}
