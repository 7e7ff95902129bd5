import Foundation

/// A Swift type that can be read from a column in PostgreSQL's text output format.
public protocol PostgresDecodable: Sendable {
  /// Decodes a non-NULL column value from its text form.
  /// - Throws: `PostgresError.decoding` (the row fills in the column name); the reason must
  ///   not quote the value.
  static func decode(postgresText: String) throws -> Self

  /// The value for SQL NULL, or nil when the type cannot represent NULL (the default).
  /// `Optional` answers `.some(nil)`, which is how NULL decodes as nil without any text.
  static var postgresNullValue: Self? { get }
}

extension PostgresDecodable {
  /// Types other than `Optional` cannot hold NULL.
  public static var postgresNullValue: Self? { nil }

  static func failure(_ reason: String) -> PostgresError {
    .decoding(column: "", type: String(describing: Self.self), reason: reason)
  }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
  /// Decodes the wrapped type.
  public static func decode(postgresText: String) throws -> Wrapped? {
    try Wrapped.decode(postgresText: postgresText)
  }

  /// NULL decodes as nil.
  public static var postgresNullValue: Wrapped?? { .some(nil) }
}

extension String: PostgresDecodable {
  /// Any column's text, as is.
  public static func decode(postgresText: String) throws -> String { postgresText }
}

extension Int: PostgresDecodable {
  /// `int2`, `int4` or `int8` text.
  public static func decode(postgresText: String) throws -> Int {
    guard let value = Int(postgresText) else { throw failure("not an integer") }
    return value
  }
}

extension Int64: PostgresDecodable {
  /// `int2`, `int4` or `int8` text.
  public static func decode(postgresText: String) throws -> Int64 {
    guard let value = Int64(postgresText) else { throw failure("not a 64-bit integer") }
    return value
  }
}

extension Int32: PostgresDecodable {
  /// `int2` or `int4` text.
  public static func decode(postgresText: String) throws -> Int32 {
    guard let value = Int32(postgresText) else { throw failure("not a 32-bit integer") }
    return value
  }
}

extension Bool: PostgresDecodable {
  /// `boolean` text (`t` / `f`).
  public static func decode(postgresText: String) throws -> Bool {
    switch postgresText {
    case "t", "true": return true
    case "f", "false": return false
    default: throw failure("not a boolean")
    }
  }
}

extension Double: PostgresDecodable {
  /// `float4`, `float8` or `numeric` text, including `NaN` and `±Infinity`.
  public static func decode(postgresText: String) throws -> Double {
    guard let value = Double(postgresText) else { throw failure("not a number") }
    return value
  }
}

extension UUID: PostgresDecodable {
  /// `uuid` text.
  public static func decode(postgresText: String) throws -> UUID {
    guard let value = UUID(uuidString: postgresText) else { throw failure("not a UUID") }
    return value
  }
}

extension Date: PostgresDecodable {
  /// `timestamptz` (or `timestamp`, read as UTC) text, with or without fraction and offset.
  public static func decode(postgresText: String) throws -> Date {
    guard let value = PostgresTimestamp.parse(postgresText) else {
      throw failure("not a timestamp")
    }
    return value
  }
}

extension Array: PostgresDecodable where Element == UInt8 {
  /// `bytea` in hex output format (`\x0102...`).
  public static func decode(postgresText: String) throws -> [UInt8] {
    let text = Array(postgresText.utf8)
    guard text.count >= 2, text[0] == UInt8(ascii: "\\"), text[1] == UInt8(ascii: "x"),
      text.count % 2 == 0
    else { throw failure("not bytea hex output") }
    var bytes = [UInt8]()
    bytes.reserveCapacity((text.count - 2) / 2)
    var index = 2
    while index < text.count {
      guard let high = hexValue(text[index]), let low = hexValue(text[index + 1]) else {
        throw failure("not bytea hex output")
      }
      bytes.append(high << 4 | low)
      index += 2
    }
    return bytes
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return nil
    }
  }
}
