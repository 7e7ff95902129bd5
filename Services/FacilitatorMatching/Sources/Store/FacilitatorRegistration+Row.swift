import EventContracts
import PostgresClient

/// Text arrays read as one text joined by the unit separator (U+001F), which no register value
/// holds (they are trimmed text without control characters): far cheaper to split than JSON to
/// decode, for the thousands of rows an allocation reads.
enum TextListColumn {
  /// The select expression of `column` (an expression of type `text[]`).
  static func select(_ column: String) -> String {
    "array_to_string(\(column), E'\\x1f')"
  }

  /// Column `column` of `row`, selected by ``select(_:)``.
  static func strings(_ row: PostgresRow, _ column: Int) throws -> [String] {
    try row.decode(column, as: String.self).split(separator: "\u{1F}").map(String.init)
  }
}

extension FacilitatorRegistration {
  /// How many columns ``columns(prefix:)`` lists.
  static let columnCount = 18

  /// The `facilitators` columns a registration is read from, in the order
  /// ``init(row:personalData:)`` decodes them; `prefix` qualifies them (`f.`).
  static func columns(prefix: String = "") -> String {
    let p = prefix
    let list = { (column: String) in TextListColumn.select(p + column) }
    return """
      \(p)facilitator_id, \(p)display_name, \(p)email, \(p)agency, \(p)level,
        \(list("areas")), \(list("districts")), \(list("languages")), \(list("case_types")),
        \(p)active, \(p)capacity, \(p)kind, \(p)home_district, \(list("cultural_knowledge")),
        \(p)vetting_expires_on::text, \(p)last_supervision_on::text, \(list("conflict_marks")),
        \(p)revision
      """
  }

  /// Decodes the first ``columnCount`` columns of `row`, selected by ``columns(prefix:)``,
  /// opening the name and email with `personalData` (left empty without it: allocation reads
  /// the chosen facilitator's only). A level or kind the service does not know reads as the
  /// least senior (so never leads) and as staff.
  init(row: PostgresRow, personalData: RegisterPersonalData?) throws {
    let facilitatorId = try row.decode(0, as: String.self)
    let person =
      try personalData?.opened(
        name: try row.decode(1), email: try row.decode(2), facilitatorId: facilitatorId)
      ?? (name: "", email: "")
    self.init(
      facilitatorId: facilitatorId, displayName: person.name, email: person.email,
      agency: try row.decode(3),
      kind: FacilitatorKind(rawValue: try row.decode(11)) ?? .staffAdvisor,
      level: FacilitatorLevel(registerValue: try row.decode(4)) ?? .foundation,
      areas: try TextListColumn.strings(row, 5), districts: try TextListColumn.strings(row, 6),
      homeDistrict: try row.decode(12, as: String?.self),
      languages: try TextListColumn.strings(row, 7),
      culturalKnowledge: try TextListColumn.strings(row, 13),
      caseTypes: try TextListColumn.strings(row, 8), active: try row.decode(9),
      capacity: try row.decode(10),
      vettingExpiresOn: try row.decode(14, as: String?.self).flatMap(CalendarDate.init),
      lastSupervisionOn: try row.decode(15, as: String?.self).flatMap(CalendarDate.init),
      conflictMarks: try TextListColumn.strings(row, 16))
    revision = try row.decode(17)
  }
}
