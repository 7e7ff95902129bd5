import Foundation
import ServiceRuntime

/// What a `GET /audit` request asks for: exactly one selector (for example `caseId` or
/// `subject`) with its value, and optionally `before` (a seq, to page back from the oldest
/// entry already seen). Services accept the selectors that make sense for their trail.
public struct AuditQuery: Sendable {
  /// The most entries one answer holds.
  public static let limit = 100

  /// The selector given (one of those the service accepts).
  public let selector: String
  /// Its value.
  public let value: String
  /// Only entries older than this seq, when given.
  public let before: Int64?

  /// Reads `parameters`, accepting exactly one of `selectors`.
  ///
  /// - Throws: `RequestValidationFailure` listing every problem (no selector or several, a
  ///   parameter repeated, `before` not a positive whole number), each naming its parameter.
  public init(
    _ parameters: some Sequence<(key: Substring, value: Substring)>, selectors: [String]
  ) throws {
    var values: [String: [String]] = [:]
    for (key, value) in parameters { values[String(key), default: []].append(String(value)) }
    var problems: [FieldProblem] = []
    let given = selectors.filter { values[$0] != nil }
    if given.count != 1 {
      problems.append(
        FieldProblem(
          path: "?\(selectors[0])", code: "required",
          message: "give exactly one of \(selectors.joined(separator: " and "))"))
    }
    for name in selectors + ["before"] where (values[name]?.count ?? 0) > 1 {
      problems.append(
        FieldProblem(path: "?\(name)", code: "repeated", message: "give \(name) once"))
    }
    var before: Int64?
    if let text = values["before"]?.first {
      if let seq = Int64(text), seq > 0 {
        before = seq
      } else {
        problems.append(
          FieldProblem(
            path: "?before", code: "invalid-format",
            message: "a positive whole number: the seq of the oldest entry already seen"))
      }
    }
    guard problems.isEmpty, let selector = given.first, let value = values[selector]?.first
    else { throw RequestValidationFailure(problems: problems) }
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
