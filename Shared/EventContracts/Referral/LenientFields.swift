/// Reads the fields of a police submission one by one, recording a `ReferralError`
/// ("invalid-type") for a field of the wrong JSON type instead of failing the whole decode, so
/// intake can answer with every problem at once.
struct LenientFields<Key: CodingKey> {
  private let container: KeyedDecodingContainer<Key>
  /// The problems found so far.
  private(set) var issues: [ReferralError] = []

  init(_ decoder: any Decoder, keyedBy: Key.Type) throws {
    container = try decoder.container(keyedBy: Key.self)
  }

  /// A text field; nil when absent, null or not a string. Text holding control characters
  /// (NUL and the other C0/C1 controls, except tab, line feed and carriage return) is read as
  /// nil and reported ("invalid-format"): no system downstream can keep or show it safely.
  mutating func string(_ key: Key) -> String? {
    guard let text = value(String.self, key, expected: "text") else { return nil }
    guard !text.unicodeScalars.contains(where: Self.isForbiddenControl) else {
      issues.append(
        ReferralError(
          path: JSONPointer.from(container.codingPath + [key]),
          code: ReferralError.Code.invalidFormat,
          message: "must be text without control characters"))
      return nil
    }
    return text
  }

  /// Whether `scalar` is a control character text fields may not hold.
  static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x0A, 0x0D: return false
    case 0x00...0x1F, 0x7F...0x9F: return true
    default: return false
    }
  }

  /// A true/false field; nil when absent, null or not a boolean.
  mutating func bool(_ key: Key) -> Bool? { value(Bool.self, key, expected: "true or false") }

  /// An array of text; nil when absent, null, not an array or holding anything but text.
  mutating func strings(_ key: Key) -> [String]? {
    value([String].self, key, expected: "an array of text")
  }

  /// An array of objects; nil when absent, null, not an array or holding anything but objects.
  mutating func objects<T: Decodable>(_ type: T.Type, _ key: Key) -> [T]? {
    value([T].self, key, expected: "an array of objects")
  }

  /// A nested object; nil when absent, null or not an object.
  mutating func object<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
    value(type, key, expected: "an object")
  }

  private mutating func value<T: Decodable>(_ type: T.Type, _ key: Key, expected: String) -> T? {
    do {
      return try container.decodeIfPresent(type, forKey: key)
    } catch {
      issues.append(
        ReferralError(
          path: JSONPointer.from(container.codingPath + [key]),
          code: ReferralError.Code.invalidType,
          message: "wrong JSON type: expected \(expected)"))
      return nil
    }
  }
}
