import AccessControl
import AuditTrail
import PostgresClient

/// Who read or changed a case's personal data, what, and when: entries in the service's
/// append-only, hash-chained audit trail (``AuditLog``), written in the transaction of the
/// read or change itself. Entries name the fields, never their values.
struct PersonalDataAccessLog: Sendable {
  /// What was done with the personal data.
  enum Action: String, Sendable {
    /// Read the case's contact details and contact notes.
    case readCase = "read-case"
    /// Recorded a contact attempt.
    case recordContactAttempt = "record-contact-attempt"
  }

  /// The personal fields a case worker's view of a case shows.
  static let caseFields = [
    "victim.name", "victim.email", "victim.phone", "victim.address", "referrer.name",
    "referrer.email", "referrer.phone", "referrer.address", "contact-attempts.notes",
  ]

  let log: AuditLog

  /// Works on the audit trail in `schema`, chained under `chainKey`.
  init(schema: String, chainKey: AuditChainKey) throws {
    log = try AuditLog(schema: schema, chainKey: chainKey)
  }

  /// Records that `caller`, acting in one of `roles`, did `action` on `fields` of case
  /// `caseId`. Call it last in the transaction: appends to the chain take turns until commit.
  func record(
    _ action: Action, by caller: AccessToken, actingAs roles: Set<Role>, caseId: String,
    fields: [String], in session: PostgresSession
  ) throws {
    let role = caller.actingRole(among: roles)?.rawValue ?? "unknown"
    try log.record(
      AuditEntry(
        subject: caller.subject, role: role, action: action.rawValue, caseId: caseId,
        fields: fields),
      in: session)
  }
}
