import Foundation

/// Binds of optional values: the value, or SQL NULL for nil.
extension PostgresBind {
  /// Text, or NULL for nil.
  public static func optionalText(_ value: String?) -> PostgresBind {
    value.map { .text($0) } ?? .null
  }

  /// A code (a string enum's raw value), or NULL for nil.
  public static func optionalCode<Code: RawRepresentable>(_ value: Code?) -> PostgresBind
  where Code.RawValue == String {
    optionalText(value?.rawValue)
  }

  /// A boolean, or NULL for nil.
  public static func optionalBool(_ value: Bool?) -> PostgresBind {
    value.map { .bool($0) } ?? .null
  }

  /// A whole number, or NULL for nil.
  public static func optionalInt(_ value: Int?) -> PostgresBind {
    value.map { .int(Int64($0)) } ?? .null
  }

  /// An instant, or NULL for nil.
  public static func optionalTimestamp(_ value: Date?) -> PostgresBind {
    value.map { .timestamp($0) } ?? .null
  }
}
