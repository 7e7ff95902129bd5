import PostgresClient

extension FacilitatorRegistration {
  /// How many columns ``columns(prefix:)`` lists.
  static let columnCount = 11

  /// The `facilitators` columns a registration is read from, in the order
  /// ``init(row:)`` decodes them; `prefix` qualifies them (`f.`).
  static func columns(prefix: String = "") -> String {
    let p = prefix
    return """
      \(p)facilitator_id, \(p)display_name, \(p)email, \(p)agency, \(p)level,
        to_json(\(p)areas)::text, to_json(\(p)districts)::text, to_json(\(p)languages)::text,
        \(p)sensitive_trained, \(p)active, \(p)capacity
      """
  }

  /// Decodes the first ``columnCount`` columns of `row`, selected by ``columns(prefix:)``,
  /// opening the name and email with `personalData`. A level the service does not know reads
  /// as the least senior, so it never leads.
  init(row: PostgresRow, personalData: RegisterPersonalData) throws {
    let facilitatorId = try row.decode(0, as: String.self)
    let person = try personalData.opened(
      name: try row.decode(1), email: try row.decode(2), facilitatorId: facilitatorId)
    self.init(
      facilitatorId: facilitatorId, displayName: person.name, email: person.email,
      agency: try row.decode(3),
      level: FacilitatorLevel(rawValue: try row.decode(4)) ?? .foundation,
      areas: try JSONArrayColumn.strings(row, 5), districts: try JSONArrayColumn.strings(row, 6),
      languages: try JSONArrayColumn.strings(row, 7), sensitiveTrained: try row.decode(8),
      active: try row.decode(9), capacity: try row.decode(10))
  }
}
