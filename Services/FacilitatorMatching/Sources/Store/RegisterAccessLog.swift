import Foundation
import PostgresClient

/// The audit trail of the register's personal data: who read or changed it, when, and which
/// entry or area (never the data itself).
struct RegisterAccessLog: Sendable {
  let s: String

  /// What was done.
  enum Action: String {
    /// A facilitator was added to the register.
    case register
    /// A facilitator's entry was replaced.
    case update
    /// An area's facilitators were listed (names and emails included).
    case list
  }

  /// Works on the tables in `schema`.
  init(schema: String) throws {
    s = try PostgresIdentifier.quoted(schema)
  }

  /// Records `action` by `subject` at `now` on `facilitatorId` or `area`.
  func record(
    _ action: Action, subject: String, facilitatorId: String? = nil, area: String? = nil,
    at now: Date, in session: PostgresSession
  ) throws {
    try session.execute(
      """
      INSERT INTO \(s).register_access (accessed_at, subject, action, facilitator_id, area)
      VALUES ($1, $2, $3, $4, $5)
      """,
      [
        .timestamp(now), .text(subject), .text(action.rawValue),
        facilitatorId.map { .text($0) } ?? .null, area.map { .text($0) } ?? .null,
      ])
  }
}
