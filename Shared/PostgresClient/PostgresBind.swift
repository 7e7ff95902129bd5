import Foundation

/// A statement parameter value.
///
/// Every value is sent in PostgreSQL's text format and the server infers the type from the
/// SQL (cast where ambiguous, e.g. `$1::uuid[]`). `bytea` goes as `\x` hex; timestamps as
/// ISO 8601 UTC with microseconds; arrays as array literals with every element quoted and
/// escaped, so no value can change the statement's meaning.
public enum PostgresBind: Sendable, Hashable {
  /// SQL NULL.
  case null
  /// A text value.
  case text(String)
  /// An integer (fits `int2`, `int4`, `int8` or `numeric` columns).
  case int(Int64)
  /// A floating point number (`NaN` and infinities included).
  case double(Double)
  /// A boolean.
  case bool(Bool)
  /// A UUID.
  case uuid(UUID)
  /// A point in time, for `timestamptz` columns.
  case timestamp(Date)
  /// Binary data, for `bytea` columns.
  case bytea([UInt8])
  /// JSON document text, for `json` / `jsonb` columns.
  case json(String)
  /// A `text[]` value.
  case textArray([String])
  /// A `uuid[]` value.
  case uuidArray([UUID])
  /// An `int8[]` value.
  case intArray([Int64])
  /// A `bytea[]` value.
  case byteaArray([[UInt8]])
  /// A `timestamptz[]` value.
  case timestampArray([Date])

  /// The text-format wire value, or nil for NULL.
  var textValue: String? {
    switch self {
    case .null: return nil
    case .text(let value), .json(let value): return value
    case .int(let value): return String(value)
    case .double(let value): return Self.doubleText(value)
    case .bool(let value): return value ? "true" : "false"
    case .uuid(let value): return value.uuidString
    case .timestamp(let value): return PostgresTimestamp.format(value)
    case .bytea(let value): return Self.hexText(value)
    case .textArray(let values): return Self.arrayLiteral(values)
    case .uuidArray(let values): return Self.arrayLiteral(values.lazy.map(\.uuidString))
    case .intArray(let values): return Self.arrayLiteral(values.lazy.map { String($0) })
    case .byteaArray(let values): return Self.arrayLiteral(values.lazy.map(Self.hexText))
    case .timestampArray(let values):
      return Self.arrayLiteral(values.lazy.map(PostgresTimestamp.format))
    }
  }

  private static func doubleText(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
    return "\(value)"
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  private static func hexText(_ bytes: [UInt8]) -> String {
    var out = [UInt8]()
    out.reserveCapacity(2 + bytes.count * 2)
    out.append(UInt8(ascii: "\\"))
    out.append(UInt8(ascii: "x"))
    for byte in bytes {
      out.append(hexDigits[Int(byte >> 4)])
      out.append(hexDigits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// `{"a","b\"c"}`: every element double-quoted, with `\` and `"` backslash-escaped.
  static func arrayLiteral<Elements: Sequence<String>>(_ elements: Elements) -> String {
    var out = [UInt8]()
    out.append(UInt8(ascii: "{"))
    var first = true
    for element in elements {
      if !first { out.append(UInt8(ascii: ",")) }
      first = false
      out.append(UInt8(ascii: "\""))
      for byte in element.utf8 {
        if byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\"") {
          out.append(UInt8(ascii: "\\"))
        }
        out.append(byte)
      }
      out.append(UInt8(ascii: "\""))
    }
    out.append(UInt8(ascii: "}"))
    return String(decoding: out, as: UTF8.self)
  }
}
