import EventContracts
import PostgresClient

extension FacilitatorRegistration {
  /// How many columns ``columns(prefix:)`` lists.
  static let columnCount = 18

  /// The `facilitators` columns a registration is read from, in the order
  /// ``init(row:personalData:)`` decodes them; `prefix` qualifies them (`f.`).
  static func columns(prefix: String = "") -> String {
    let p = prefix
    return """
      \(p)facilitator_id, \(p)display_name, \(p)email, \(p)agency, \(p)level,
        to_json(\(p)areas)::text, to_json(\(p)districts)::text, to_json(\(p)languages)::text,
        to_json(\(p)case_types)::text, \(p)active, \(p)capacity, \(p)kind, \(p)home_district,
        to_json(\(p)cultural_knowledge)::text, \(p)vetting_expires_on::text,
        \(p)last_supervision_on::text, to_json(\(p)conflict_marks)::text, \(p)revision
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
      areas: try JSONArrayColumn.strings(row, 5), districts: try JSONArrayColumn.strings(row, 6),
      homeDistrict: try row.decode(12, as: String?.self),
      languages: try JSONArrayColumn.strings(row, 7),
      culturalKnowledge: try JSONArrayColumn.strings(row, 13),
      caseTypes: try JSONArrayColumn.strings(row, 8), active: try row.decode(9),
      capacity: try row.decode(10),
      vettingExpiresOn: try row.decode(14, as: String?.self).flatMap(CalendarDate.init),
      lastSupervisionOn: try row.decode(15, as: String?.self).flatMap(CalendarDate.init),
      conflictMarks: try JSONArrayColumn.strings(row, 16))
    revision = try row.decode(17)
  }
}
