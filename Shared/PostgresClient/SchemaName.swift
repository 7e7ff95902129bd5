/// A PostgreSQL schema name checked once, when a service definition (or a test) makes it, and
/// then handed to every store that splices it into SQL, so stores need not check it again.
public struct SchemaName: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
  /// The name as configured, for example `intake`.
  public let name: String
  /// The name double-quoted, ready to splice into SQL (`"intake"`).
  public let sql: String

  /// Checks `name` against ``PostgresIdentifier/isValid(_:)``.
  /// - Throws: `PostgresIdentifierError.invalid` when it is not a safe identifier.
  public init(_ name: String) throws(PostgresIdentifierError) {
    guard PostgresIdentifier.isValid(name) else { throw PostgresIdentifierError.invalid(name) }
    self.name = name
    self.sql = "\"" + name + "\""
  }

  /// A schema name written in the source, such as a service's own `"intake"`: a literal that
  /// is not a safe identifier is a programming error and stops the process at once.
  public init(stringLiteral name: StaticString) {
    do { try self.init(name.description) } catch {
      preconditionFailure("\(name) is not a valid schema name")
    }
  }

  /// The name as configured.
  public var description: String { name }
}
