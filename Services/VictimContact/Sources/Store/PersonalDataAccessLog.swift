import Foundation
import PostgresClient

/// Who read or changed a case's personal data, and when: the audit trail data protection
/// asks for. It holds the caller's subject id and an action name, never the data itself.
struct PersonalDataAccessLog: Sendable {
  /// What was done with the personal data.
  enum Action: String, Sendable {
    /// Read the case's contact details (and contact notes).
    case readCase = "read-case"
    /// Recorded a contact attempt (with notes).
    case recordContactAttempt = "record-contact-attempt"
  }

  let s: String

  init(schema: String) throws {
    s = try PostgresIdentifier.quoted(schema)
  }

  /// Records that `subject` did `action` on case `caseId`, in the caller's transaction.
  func record(
    _ action: Action, subject: String, caseId: String, at now: Date, in session: PostgresSession
  ) throws {
    try session.execute(
      """
      INSERT INTO \(s).personal_data_access (accessed_at, subject, case_id, action)
      VALUES ($1, $2, $3, $4)
      """, [.timestamp(now), .text(subject), .text(caseId), .text(action.rawValue)])
  }
}
