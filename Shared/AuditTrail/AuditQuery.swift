import Foundation

/// What a `GET /audit` request asks for: exactly one selector (for example `caseId` or
/// `subject`) with its value, and optionally `before` (a seq, to page back from the oldest
/// entry already seen). Services accept the selectors that make sense for their trail; the HTTP
/// layer reads one from a request (`AuditQuery(parameters:selectors:)` in ServiceAssembly).
public struct AuditQuery: Sendable {
  /// The most entries one answer holds.
  public static let limit = 100

  /// The selector given (one of those the service accepts).
  public let selector: String
  /// Its value.
  public let value: String
  /// Only entries older than this seq, when given.
  public let before: Int64?

  /// A query for the entries whose `selector` is `value`, older than `before` when given.
  public init(selector: String, value: String, before: Int64? = nil) {
    self.selector = selector
    self.value = value
    self.before = before
  }
}

/// The answer of `GET /audit`: entries newest first, fields by name, never values.
public struct AuditListing: Encodable, Sendable {
  /// One audit entry as shown.
  public struct Entry: Encodable, Sendable {
    public var seq: Int64
    public var at: Date
    public var subject: String
    public var role: String
    public var action: String
    public var caseId: String?
    public var fields: [String]
    public var purpose: String?
  }

  /// The entries, newest first.
  public var entries: [Entry]

  /// The listing of `records`, in their order.
  public init(_ records: [AuditRecord]) {
    entries = records.map {
      Entry(
        seq: $0.seq, at: $0.at, subject: $0.entry.subject, role: $0.entry.role,
        action: $0.entry.action, caseId: $0.entry.caseId, fields: $0.entry.fields,
        purpose: $0.entry.purpose)
    }
  }
}
