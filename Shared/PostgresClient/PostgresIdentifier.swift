/// Validates and quotes SQL identifiers (schema, table and channel names that come from
/// configuration or code, never values), so they can be spliced into SQL safely.
public enum PostgresIdentifier {
  /// Returns `name` double-quoted, after checking it matches `^[a-z_][a-z0-9_]{0,62}$`.
  /// - Throws: `PostgresIdentifierError.invalid` for anything else.
  public static func quoted(_ name: String) throws -> String {
    guard isValid(name) else { throw PostgresIdentifierError.invalid(name) }
    return "\"" + name + "\""
  }

  /// Whether `name` is a lowercase identifier of at most 63 bytes that needs no escaping.
  public static func isValid(_ name: String) -> Bool {
    let bytes = Array(name.utf8)
    guard let first = bytes.first, bytes.count <= 63 else { return false }
    guard isLowerLetter(first) || first == UInt8(ascii: "_") else { return false }
    return bytes.allSatisfy { isLowerLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
  }

  private static func isLowerLetter(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }
}

/// Thrown when a configured schema, table or channel name is not a safe identifier.
public enum PostgresIdentifierError: Error, Sendable, CustomStringConvertible {
  /// The name does not match `^[a-z_][a-z0-9_]{0,62}$`.
  case invalid(String)

  /// Names the rejected identifier (identifiers come from configuration, not personal data).
  public var description: String {
    switch self {
    case .invalid(let name): return "invalid SQL identifier '\(name)'"
    }
  }
}
