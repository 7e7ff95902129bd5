import Logging

/// Writes JSON text by hand, for log lines: fast, allocation-light and with a stable field order.
enum JSONText {
  /// Appends `text` to `output` as a quoted JSON string, escaping quotes, backslashes and
  /// control characters.
  static func appendString(_ text: String, to output: inout String) {
    output.append("\"")
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output.append("\\\"")
      case "\\": output.append("\\\\")
      case "\n": output.append("\\n")
      case "\r": output.append("\\r")
      case "\t": output.append("\\t")
      case "\u{08}": output.append("\\b")
      case "\u{0C}": output.append("\\f")
      case "\u{00}"..."\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}":
        let hex = String(scalar.value, radix: 16)
        output.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
      default:
        output.unicodeScalars.append(scalar)
      }
    }
    output.append("\"")
  }

  /// Appends a log metadata value as JSON: strings as strings, dictionaries as objects (keys
  /// sorted), arrays as arrays.
  static func appendMetadataValue(_ value: Logger.MetadataValue, to output: inout String) {
    switch value {
    case .string(let text):
      appendString(text, to: &output)
    case .stringConvertible(let convertible):
      appendString(convertible.description, to: &output)
    case .dictionary(let dictionary):
      output.append("{")
      for (index, key) in dictionary.keys.sorted().enumerated() {
        if index > 0 { output.append(",") }
        appendString(key, to: &output)
        output.append(":")
        appendMetadataValue(dictionary[key]!, to: &output)
      }
      output.append("}")
    case .array(let array):
      output.append("[")
      for (index, element) in array.enumerated() {
        if index > 0 { output.append(",") }
        appendMetadataValue(element, to: &output)
      }
      output.append("]")
    }
  }
}
