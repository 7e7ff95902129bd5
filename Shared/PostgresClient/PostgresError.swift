/// Everything that can go wrong when talking to PostgreSQL.
///
/// Messages never carry parameter values or row data: server errors keep only the primary
/// message (`PG_DIAG_MESSAGE_PRIMARY`), never `DETAIL`, because details quote row values,
/// which here are personal data.
public enum PostgresError: Error, Sendable, CustomStringConvertible {
  /// The connection could not be established; libpq's message (it never contains the password).
  case connectionFailed(String)
  /// The connection died while a statement ran; the statement's outcome is unknown.
  case connectionLost(String)
  /// The server rejected a statement.
  case server(sqlState: String, message: String, constraint: String?)
  /// A column could not be decoded into the requested Swift type.
  case decoding(column: String, type: String, reason: String)
  /// The connection or pool was closed by the application.
  case closed

  /// Whether retrying the whole unit of work later may succeed: lost or refused connections,
  /// serialization failures, deadlocks, server shutdowns and "too many connections".
  public var isTransient: Bool {
    switch self {
    case .connectionFailed, .connectionLost:
      return true
    case .server(let sqlState, _, _):
      return sqlState.hasPrefix("08") || Self.transientStates.contains(sqlState)
    case .decoding, .closed:
      return false
    }
  }

  /// The SQLSTATE of a server error (for example `23505` for a unique violation), else nil.
  public var sqlState: String? {
    if case .server(let sqlState, _, _) = self { return sqlState }
    return nil
  }

  /// A log-safe summary: SQLSTATE, constraint and primary message, never row values.
  public var description: String {
    switch self {
    case .connectionFailed(let message):
      return "PostgreSQL connection failed: \(message)"
    case .connectionLost(let message):
      return "PostgreSQL connection lost: \(message)"
    case .server(let sqlState, let message, let constraint):
      let constraintPart = constraint.map { " constraint=\($0)" } ?? ""
      return "PostgreSQL error SQLSTATE \(sqlState)\(constraintPart): \(message)"
    case .decoding(let column, let type, let reason):
      return "cannot decode column '\(column)' as \(type): \(reason)"
    case .closed:
      return "PostgreSQL connection closed"
    }
  }

  private static let transientStates: Set<String> = [
    "40001", "40P01", "57P01", "57P02", "57P03", "53300",
  ]
}
