import Foundation

/// An entry as stored in the audit log: its place in the chain and when it was recorded.
public struct AuditRecord: Sendable, Hashable {
  /// The entry's position in its schema's chain (1, 2, 3, ... without gaps).
  public var seq: Int64
  /// When it was recorded (the database clock, microsecond precision).
  public var at: Date
  /// Who, what and why.
  public var entry: AuditEntry

  /// Creates a record value.
  public init(seq: Int64, at: Date, entry: AuditEntry) {
    self.seq = seq
    self.at = at
    self.entry = entry
  }
}
