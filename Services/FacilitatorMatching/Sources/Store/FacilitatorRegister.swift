import Foundation
import PostgresClient

/// Reads and writes of the facilitator register, always inside the caller's transaction.
struct FacilitatorRegister: Sendable {
  let s: String

  /// Works on the tables in `schema`.
  init(schema: String) throws {
    s = try PostgresIdentifier.quoted(schema)
  }

  /// The areas facilitator `facilitatorId` covers now, locking their entry until the
  /// transaction ends; nil when they are not registered.
  func lockAreas(of facilitatorId: String, in session: PostgresSession) throws -> [String]? {
    try session.query(
      "SELECT to_json(areas)::text FROM \(s).facilitators WHERE facilitator_id = $1 FOR UPDATE",
      [.text(facilitatorId)]
    ).rows.first.map { try JSONArrayColumn.strings($0, 0) }
  }

  /// Creates or replaces `registration`'s entry at `now`; true when it was created.
  func upsert(_ registration: FacilitatorRegistration, at now: Date, in session: PostgresSession)
    throws -> Bool
  {
    let r = registration
    return try session.query(
      """
      INSERT INTO \(s).facilitators (facilitator_id, agency, level, areas, districts, languages,
        sensitive_trained, active, capacity, registered_at, updated_at, display_name, email)
      VALUES ($1, $2, $3, $4::text[], $5::text[], $6::text[], $7, $8, $9, $10, $10, $11, $12)
      ON CONFLICT (facilitator_id) DO UPDATE SET
        agency = EXCLUDED.agency, level = EXCLUDED.level, areas = EXCLUDED.areas,
        districts = EXCLUDED.districts, languages = EXCLUDED.languages,
        sensitive_trained = EXCLUDED.sensitive_trained, active = EXCLUDED.active,
        capacity = EXCLUDED.capacity, updated_at = EXCLUDED.updated_at,
        display_name = EXCLUDED.display_name, email = EXCLUDED.email
      RETURNING xmax = 0
      """,
      [
        .text(r.facilitatorId), .text(r.agency), .text(r.level.rawValue), .textArray(r.areas),
        .textArray(r.districts), .textArray(r.languages), .bool(r.sensitiveTrained),
        .bool(r.active), .int(Int64(r.capacity)), .timestamp(now), .text(r.displayName),
        .text(r.email),
      ]
    ).rows[0].decode(0, as: Bool.self)
  }

  /// Facilitator `facilitatorId`'s entry with their open allocations; nil when unknown.
  func entry(_ facilitatorId: String, in session: PostgresSession) throws -> RegisterEntry? {
    try session.query(
      Self.entrySelect(s) + " WHERE f.facilitator_id = $1", [.text(facilitatorId)]
    ).rows.first.map(RegisterEntry.init(row:))
  }

  /// Every facilitator covering `area` (active or not), by register id, with their open
  /// allocations.
  func entries(covering area: String, in session: PostgresSession) throws -> [RegisterEntry] {
    try session.query(
      Self.entrySelect(s) + " WHERE $1 = ANY (f.areas) ORDER BY f.facilitator_id", [.text(area)]
    ).rows.map(RegisterEntry.init(row:))
  }

  /// The columns ``RegisterEntry/init(row:)`` reads.
  static func entrySelect(_ s: String) -> String {
    """
    SELECT f.facilitator_id, f.display_name, f.email, f.agency, f.level, to_json(f.areas)::text,
      to_json(f.districts)::text, to_json(f.languages)::text, f.sensitive_trained, f.active,
      f.capacity,
      (SELECT count(*) FROM \(s).allocations a
        WHERE a.facilitator_id = f.facilitator_id AND a.status = 'open'),
      f.registered_at, f.updated_at
    FROM \(s).facilitators f
    """
  }
}

/// A register entry as the API shows it to administrators and supervisors.
struct RegisterEntry: Encodable, Sendable, Equatable {
  /// The register id.
  var facilitatorId: String
  /// Personal data: their name.
  var displayName: String
  /// Personal data: their email.
  var email: String
  /// Their agency.
  var agency: String
  /// Their practitioner level.
  var level: String
  /// Area slugs they cover.
  var areas: [String]
  /// Districts they cover; empty means whole areas.
  var districts: [String]
  /// Languages they speak (BCP 47).
  var languages: [String]
  /// Whether they are trained for sensitive cases.
  var sensitiveTrained: Bool
  /// Whether they take cases.
  var active: Bool
  /// The most open allocations they take.
  var capacity: Int
  /// Allocations still open, counting against `capacity`.
  var openAllocations: Int
  /// When they were first registered.
  var registeredAt: Date
  /// When their entry last changed.
  var updatedAt: Date

  /// Decodes a row of ``FacilitatorRegister/entrySelect(_:)``.
  init(row: PostgresRow) throws {
    facilitatorId = try row.decode(0)
    displayName = try row.decode(1)
    email = try row.decode(2)
    agency = try row.decode(3)
    level = try row.decode(4)
    areas = try JSONArrayColumn.strings(row, 5)
    districts = try JSONArrayColumn.strings(row, 6)
    languages = try JSONArrayColumn.strings(row, 7)
    sensitiveTrained = try row.decode(8)
    active = try row.decode(9)
    capacity = try row.decode(10)
    openAllocations = try row.decode(11)
    registeredAt = try row.decode(12)
    updatedAt = try row.decode(13)
  }
}

/// Text arrays read as JSON (`to_json(column)::text`), since the client decodes text.
enum JSONArrayColumn {
  /// Column `column` of `row`, a JSON array of strings.
  static func strings(_ row: PostgresRow, _ column: Int) throws -> [String] {
    let text = try row.decode(column, as: String.self)
    do {
      return try JSONDecoder().decode([String].self, from: Data(text.utf8))
    } catch {
      throw PostgresError.decoding(
        column: "#\(column)", type: "[String]", reason: "not a JSON array of strings")
    }
  }
}
