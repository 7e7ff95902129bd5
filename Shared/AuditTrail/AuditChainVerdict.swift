/// What ``AuditVerifier`` found: an intact chain, or the first seq where it breaks.
public enum AuditChainVerdict: Sendable, Hashable, CustomStringConvertible {
  /// Every row from seq 1 to `lastSeq` is present, unchanged and in order, and the chain
  /// head agrees with the last one (`lastSeq` is 0 for an empty log).
  case intact(lastSeq: Int64)
  /// The chain is broken at `seq`, for the reason `fault`.
  case broken(seq: Int64, fault: AuditChainFault)

  /// The first broken seq, or nil when the chain is intact.
  public var brokenSeq: Int64? {
    if case .broken(let seq, _) = self { return seq }
    return nil
  }

  /// For logs and operators: the verdict, the seq and the fault, never row contents.
  public var description: String {
    switch self {
    case .intact(let lastSeq): return "audit chain intact up to seq \(lastSeq)"
    case .broken(let seq, let fault): return "audit chain broken at seq \(seq): \(fault.rawValue)"
    }
  }
}

/// How a chain can be broken.
public enum AuditChainFault: String, Sendable, Hashable {
  /// The row's contents (seq, time, who, what, why) no longer hash to its stored hash:
  /// a field was changed.
  case rowAltered = "row altered"
  /// The row's `previous_hash` is not the stored hash of the row before it: rows were
  /// renumbered or moved, or the row before was changed and given a recomputed hash.
  case linkBroken = "link to the previous row broken"
  /// No row has this seq although later ones (or the chain head) say it existed: deleted.
  case rowMissing = "row missing"
  /// A row exists beyond the seq the chain head records: inserted outside ``AuditLog``.
  case unexpectedRow = "row beyond the chain head"
  /// The chain head's hash is not the last row's hash.
  case headAltered = "chain head altered"
  /// The one-row chain head is gone.
  case headMissing = "chain head missing"
}
