/// One forward-only schema change, written in code and applied once per schema.
public struct Migration: Sendable {
  /// Position in the sequence; unique and positive. Applied in ascending order.
  public var version: Int
  /// A short human-readable name, recorded in `schema_migrations`.
  public var name: String
  /// Static SQL (several statements allowed; no parameters — it is code, never values).
  public var sql: String

  /// Creates a migration.
  public init(version: Int, name: String, sql: String) {
    self.version = version
    self.name = name
    self.sql = sql
  }
}

/// Thrown when the migrations given to a `MigrationRunner` are inconsistent.
public enum MigrationError: Error, Sendable, CustomStringConvertible {
  /// Two migrations share a version number.
  case duplicateVersion(Int)
  /// A version number is zero or negative.
  case invalidVersion(Int)

  /// Names the offending version.
  public var description: String {
    switch self {
    case .duplicateVersion(let version): return "migration version \(version) is duplicated"
    case .invalidVersion(let version): return "migration version \(version) must be positive"
    }
  }
}
