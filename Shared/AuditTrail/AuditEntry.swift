/// One read or change of personal data, as the audit trail records it: who (subject and
/// role), what (action, case and the NAMES of the fields touched) and why (purpose). When is
/// stamped by ``AuditLog/record(_:in:)`` from the database clock.
///
/// It never carries personal data: field names such as `victim.name` yes, their values
/// never. ``validate()`` enforces the shape (tokens without spaces, `@` or free text), so a
/// value passed by mistake is refused instead of stored forever in an append-only table.
public struct AuditEntry: Sendable, Hashable {
  /// The caller's stable identifier (the token's `sub`), never a name or email.
  public var subject: String
  /// The role the caller acted in, for example `case-worker`.
  public var role: String
  /// What was done, for example `case.read` or `contact-attempt.record`.
  public var action: String
  /// The case concerned, when there is one.
  public var caseId: String?
  /// The names of the personal-data fields read or changed, for example `victim.phone`.
  public var fields: [String]
  /// Why, as a purpose code, where the route asks for one (for example `safeguarding`).
  public var purpose: String?

  /// Creates an entry.
  public init(
    subject: String, role: String, action: String, caseId: String? = nil,
    fields: [String] = [], purpose: String? = nil
  ) {
    self.subject = subject
    self.role = role
    self.action = action
    self.caseId = caseId
    self.fields = fields
    self.purpose = purpose
  }

  /// Checks every part has the shape of an identifier or code, never of free text.
  /// - Throws: ``AuditTrailError/invalidEntry(part:reason:)`` naming the part, never its value.
  public func validate() throws {
    try Self.check(subject, part: "subject", rule: .identifier)
    try Self.check(role, part: "role", rule: .token)
    try Self.check(action, part: "action", rule: .token)
    if let caseId { try Self.check(caseId, part: "caseId", rule: .identifier) }
    if let purpose { try Self.check(purpose, part: "purpose", rule: .token) }
    guard fields.count <= 100 else {
      throw AuditTrailError.invalidEntry(part: "fields", reason: "more than 100 field names")
    }
    for field in fields { try Self.check(field, part: "fields", rule: .token) }
  }

  /// What characters a part may hold.
  enum Rule {
    /// Letters, digits and `. _ - : /`, at most 128: field names, roles, actions, purposes.
    case token
    /// Printable ASCII without spaces, at most 256: subjects and case ids from other systems.
    case identifier
  }

  /// Refuses `value` unless it is 1...limit bytes allowed by `rule`; errors name `part` only.
  static func check(_ value: String, part: String, rule: Rule) throws {
    let bytes = value.utf8
    let limit = rule == .token ? 128 : 256
    guard !bytes.isEmpty, bytes.count <= limit else {
      throw AuditTrailError.invalidEntry(part: part, reason: "empty or longer than \(limit)")
    }
    guard bytes.allSatisfy({ isAllowed($0, by: rule) }) else {
      throw AuditTrailError.invalidEntry(
        part: part,
        reason: rule == .token
          ? "only letters, digits and . _ - : / are allowed"
          : "only printable ASCII without spaces or @ is allowed")
    }
  }

  /// Whether `byte` may appear in a part checked by `rule`.
  private static func isAllowed(_ byte: UInt8, by rule: Rule) -> Bool {
    switch rule {
    case .token: return isTokenByte(byte)
    case .identifier: return byte > 0x20 && byte < 0x7f && byte != UInt8(ascii: "@")
    }
  }

  /// Letters, digits and `. _ - : /`.
  private static func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return true
    case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: ":"),
      UInt8(ascii: "/"):
      return true
    default:
      return false
    }
  }
}
