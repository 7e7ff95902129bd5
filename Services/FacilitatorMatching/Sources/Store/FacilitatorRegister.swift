import Foundation
import PostgresClient

/// Reads and writes of the facilitator register, always inside the caller's transaction.
struct FacilitatorRegister: Sendable {
  let s: String
  let personalData: RegisterPersonalData

  /// Works on the tables in `schema`, names and emails sealed with `personalData`.
  init(schema: SchemaName, personalData: RegisterPersonalData) {
    s = schema.sql
    self.personalData = personalData
  }

  /// The areas facilitator `facilitatorId` covers now, locking their entry until the
  /// transaction ends; nil when they are not registered.
  func lockAreas(of facilitatorId: String, in session: PostgresSession) throws -> [String]? {
    try session.query(
      "SELECT to_json(areas)::text FROM \(s).facilitators WHERE facilitator_id = $1 FOR UPDATE",
      [.text(facilitatorId)]
    ).rows.first.map { try JSONArrayColumn.strings($0, 0) }
  }

  /// The areas each of `facilitatorIds` covers now (unknown ids are absent), in one query.
  func areas(of facilitatorIds: [String], in session: PostgresSession) throws -> [String: [String]]
  {
    guard !facilitatorIds.isEmpty else { return [:] }
    var areas: [String: [String]] = [:]
    for row in try session.query(
      """
      SELECT facilitator_id, to_json(areas)::text FROM \(s).facilitators
      WHERE facilitator_id = ANY ($1::text[])
      """, [.textArray(facilitatorIds)]
    ).rows {
      areas[try row.decode(0, as: String.self)] = try JSONArrayColumn.strings(row, 1)
    }
    return areas
  }

  /// Creates or replaces `registration`'s entry at `now` (keeping its conflict marks when
  /// the registration gives none); whether it was created, and its revision now.
  func upsert(_ registration: FacilitatorRegistration, at now: Date, in session: PostgresSession)
    throws -> (created: Bool, revision: Int)
  {
    let r = registration
    let row = try session.query(
      """
      INSERT INTO \(s).facilitators (facilitator_id, agency, level, areas, districts, languages,
        case_types, active, capacity, registered_at, updated_at, display_name, email, kind,
        home_district, cultural_knowledge, vetting_expires_on, last_supervision_on,
        conflict_marks)
      VALUES ($1, $2, $3, $4::text[], $5::text[], $6::text[], $7::text[], $8, $9, $10, $10,
        $11, $12, $13, $14, $15::text[], $16::date, $17::date, coalesce($18::text[], '{}'))
      ON CONFLICT (facilitator_id) DO UPDATE SET
        agency = EXCLUDED.agency, level = EXCLUDED.level, areas = EXCLUDED.areas,
        districts = EXCLUDED.districts, languages = EXCLUDED.languages,
        case_types = EXCLUDED.case_types, active = EXCLUDED.active,
        capacity = EXCLUDED.capacity, updated_at = EXCLUDED.updated_at,
        display_name = EXCLUDED.display_name, email = EXCLUDED.email, kind = EXCLUDED.kind,
        home_district = EXCLUDED.home_district,
        cultural_knowledge = EXCLUDED.cultural_knowledge,
        vetting_expires_on = EXCLUDED.vetting_expires_on,
        last_supervision_on = EXCLUDED.last_supervision_on,
        conflict_marks = coalesce($18::text[], \(s).facilitators.conflict_marks),
        revision = \(s).facilitators.revision + 1
      RETURNING xmax = 0, revision
      """,
      [
        .text(r.facilitatorId), .text(r.agency), .text(r.level.rawValue), .textArray(r.areas),
        .textArray(r.districts), .textArray(r.languages), .textArray(r.caseTypes),
        .bool(r.active), .int(Int64(r.capacity)), .timestamp(now),
      ] + personalData.sealed(name: r.displayName, email: r.email, facilitatorId: r.facilitatorId)
        + [
          .text(r.kind.rawValue), r.homeDistrict.map { .text($0) } ?? .null,
          .textArray(r.culturalKnowledge),
          r.vettingExpiresOn.map { .text($0.description) } ?? .null,
          r.lastSupervisionOn.map { .text($0.description) } ?? .null,
          r.conflictMarks.map { .textArray($0) } ?? .null,
        ]
    ).rows[0]
    return (try row.decode(0, as: Bool.self), try row.decode(1, as: Int.self))
  }

  /// Facilitator `facilitatorId`'s entry with their open allocations; nil when unknown.
  func entry(_ facilitatorId: String, in session: PostgresSession) throws -> RegisterEntry? {
    try session.query(
      Self.entrySelect(s) + " WHERE f.facilitator_id = $1", [.text(facilitatorId)]
    ).rows.first.map { try RegisterEntry(row: $0, personalData: personalData) }
  }

  /// Every facilitator covering `area` (active or not), by register id, with their open
  /// allocations.
  func entries(covering area: String, in session: PostgresSession) throws -> [RegisterEntry] {
    try session.query(
      Self.entrySelect(s) + " WHERE $1 = ANY (f.areas) ORDER BY f.facilitator_id", [.text(area)]
    ).rows.map { try RegisterEntry(row: $0, personalData: personalData) }
  }

  /// The columns ``RegisterEntry/init(row:)`` reads.
  static func entrySelect(_ s: String) -> String {
    """
    SELECT \(FacilitatorRegistration.columns(prefix: "f.")),
      (SELECT count(*) FROM \(s).allocations a
        WHERE a.facilitator_id = f.facilitator_id AND a.status = 'open'),
      f.registered_at, f.updated_at
    FROM \(s).facilitators f
    """
  }
}

/// A register entry as the API shows it to administrators and supervisors: the registration
/// with its current load and history, in one flat JSON object.
struct RegisterEntry: Encodable, Sendable, Equatable {
  /// The facilitator as registered (their name and email are personal data).
  var facilitator: FacilitatorRegistration
  /// Allocations still open, counting against `capacity`.
  var openAllocations: Int
  /// When they were first registered.
  var registeredAt: Date
  /// When their entry last changed.
  var updatedAt: Date

  /// Decodes a row of ``FacilitatorRegister/entrySelect(_:)``, opening personal data with
  /// `personalData`.
  init(row: PostgresRow, personalData: RegisterPersonalData) throws {
    facilitator = try FacilitatorRegistration(row: row, personalData: personalData)
    openAllocations = try row.decode(FacilitatorRegistration.columnCount)
    registeredAt = try row.decode(FacilitatorRegistration.columnCount + 1)
    updatedAt = try row.decode(FacilitatorRegistration.columnCount + 2)
  }

  enum CodingKeys: String, CodingKey {
    case openAllocations, registeredAt, updatedAt
  }

  /// The registration's fields and this entry's, side by side.
  func encode(to encoder: any Encoder) throws {
    try facilitator.encode(to: encoder)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(openAllocations, forKey: .openAllocations)
    try container.encode(registeredAt, forKey: .registeredAt)
    try container.encode(updatedAt, forKey: .updatedAt)
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
