import AccessControl
import AuditTrail
import PostgresClient

/// Who read or changed the register's personal data (facilitators' names and emails), what
/// and when: entries in the service's append-only, hash-chained audit trail (``AuditLog``),
/// written in the transaction of the read or change. The fields touched are named by path —
/// `facilitators/<id>/email`, `facilitators/area:<area>/email` — never by value.
struct RegisterAccessLog: Sendable {
  /// What was done.
  enum Action: String {
    /// A facilitator was added to the register.
    case register = "register-facilitator"
    /// A facilitator's entry was replaced.
    case update = "update-facilitator"
    /// An area's facilitators were listed (names and emails included).
    case list = "list-facilitators"
    /// A facilitator was released from a case (no personal data read or written).
    case release = "release-allocation"
    /// A supervisor overrode a case's allocation (no personal data read or written).
    case override = "override-allocation"
    /// An agency accepted or declined an offer.
    case answerOffer = "answer-offer"
  }

  /// The personal fields of a register entry.
  static let personalFields = ["displayName", "email"]

  let log: AuditLog

  /// Works on the audit trail in `schema`, chained under `chainKey`.
  init(schema: SchemaName, chainKey: AuditChainKey) {
    log = AuditLog(schema: schema, chainKey: chainKey)
  }

  /// Records that `caller`, acting in one of `roles`, did `action` on facilitator
  /// `facilitatorId` or on the facilitators of `area`. Call it last in the transaction.
  func record(
    _ action: Action, by caller: AccessToken, actingAs roles: Set<Role>,
    facilitatorId: String? = nil, area: String? = nil, in session: PostgresSession
  ) throws {
    let role = caller.actingRole(among: roles)?.rawValue ?? "unknown"
    try log.record(
      AuditEntry(
        subject: caller.subject, role: role, action: action.rawValue,
        fields: facilitatorId.map { Self.fields(facilitatorId: $0) }
          ?? Self.fields(area: area ?? "-")),
      in: session)
  }

  /// Records that `caller`, acting in one of `roles`, did `action` (a release, an override,
  /// an answer to an offer) about facilitator `facilitatorId` on case `caseId`: the entry names
  /// the facilitator's allocations, not personal fields.
  func recordCaseAction(
    _ action: Action = .release, by caller: AccessToken, actingAs roles: Set<Role>,
    facilitatorId: String, caseId: String, in session: PostgresSession
  ) throws {
    try log.record(
      AuditEntry(
        subject: caller.subject, role: caller.actingRole(among: roles)?.rawValue ?? "unknown",
        action: action.rawValue, caseId: caseId,
        fields: [Self.allocationsField(facilitatorId: facilitatorId)]),
      in: session)
  }

  /// The field an entry about facilitator `facilitatorId`'s allocations names.
  static func allocationsField(facilitatorId: String) -> String {
    "\(facilitatorPrefix)\(facilitatorId)/allocations"
  }

  /// The fields an entry about facilitator `facilitatorId` names.
  static func fields(facilitatorId: String) -> [String] {
    personalFields.map { "\(Self.facilitatorPrefix)\(facilitatorId)/\($0)" }
  }

  /// The fields an entry about the listing of `area`'s facilitators names.
  static func fields(area: String) -> [String] {
    personalFields.map { "\(Self.areaPrefix)\(area)/\($0)" }
  }

  static let facilitatorPrefix = "facilitators/"
  static let areaPrefix = "facilitators/area:"

  /// What an entry's fields are about: facilitator ids and listed areas.
  struct Subject {
    var ids: [String] = []
    var areas: [String] = []

    init(fields: [String]) {
      for field in fields {
        guard field.hasPrefix(RegisterAccessLog.facilitatorPrefix),
          let slash = field.lastIndex(of: "/")
        else { continue }
        let record = String(field[..<slash])
        if record.hasPrefix(RegisterAccessLog.areaPrefix) {
          areas.append(String(record.dropFirst(RegisterAccessLog.areaPrefix.count)))
        } else {
          ids.append(String(record.dropFirst(RegisterAccessLog.facilitatorPrefix.count)))
        }
      }
      ids = Array(Set(ids)).sorted()
      areas = Array(Set(areas)).sorted()
    }
  }
}
