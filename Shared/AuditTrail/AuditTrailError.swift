/// What can go wrong when recording or reading the audit trail. Messages name parts and
/// schemas, never entry values.
public enum AuditTrailError: Error, Sendable, CustomStringConvertible {
  /// An entry part does not have the shape of an identifier or code (``AuditEntry/validate()``).
  case invalidEntry(part: String, reason: String)
  /// The schema's one-row chain head is missing: the migrations did not run, or someone
  /// with superuser rights removed it.
  case chainHeadMissing(schema: String)
  /// A query's limit is outside 1...1000.
  case limitOutOfRange(Int)

  /// A log-safe description.
  public var description: String {
    switch self {
    case .invalidEntry(let part, let reason):
      return "audit entry \(part) refused: \(reason)"
    case .chainHeadMissing(let schema):
      return "audit chain head missing in schema \(schema)"
    case .limitOutOfRange(let limit):
      return "audit query limit \(limit) is outside 1...1000"
    }
  }
}
