import EventContracts
import Foundation
import HubConfiguration

/// The areas a deployment serves, from `RJHUB_AREAS_FILE` (a JSON document, see
/// `docs/areas.md`) or else the built-in ``defaults``; `RJHUB_INTAKE_AREAS`, when set, chooses
/// which of them this deployment serves. An area named there but described nowhere is served
/// with England and Wales's bank holidays, any district and no contact details. Each area's
/// working days come from its division of the bank holidays file (``BankHolidays``).
public struct HubAreaDirectory: Sendable, Equatable {
  /// The areas served, by id.
  public let areas: [String: HubArea]
  /// Each served area's working-day calendar, built once.
  let calendars: [String: WorkingDayCalendar]

  /// A directory of `areas`, their calendars from `holidays` (an area whose division
  /// `holidays` does not list follows England and Wales's: ``init(environment:today:)``
  /// refuses such a configuration).
  public init(_ areas: [HubArea], holidays: BankHolidays = .builtIn) {
    self.areas = Dictionary(areas.map { ($0.id, $0) }) { first, _ in first }
    calendars = self.areas.mapValues { area in
      area.calendar(in: holidays)
        ?? WorkingDayCalendar(
          holidays: WorkingDayCalendar.englandAndWales.holidays.union(
            area.closedDays.compactMap(CalendarDate.init)),
          coveredYears: WorkingDayCalendar.englandAndWales.coveredYears)
    }
  }

  /// A directory serving `ids`, each as `described` says or else ``HubArea/undescribed(_:)``.
  public init(
    serving ids: some Sequence<String>, described: [HubArea], holidays: BankHolidays = .builtIn
  ) {
    let byId = Dictionary(described.map { ($0.id, $0) }) { first, _ in first }
    self.init(ids.map { byId[$0] ?? .undescribed($0) }, holidays: holidays)
  }

  /// The served area ids.
  public var ids: Set<String> { Set(areas.keys) }

  /// The served areas, by name.
  public var sorted: [HubArea] { areas.values.sorted { $0.name < $1.name } }

  /// The area `id`, if served.
  public subscript(_ id: String) -> HubArea? { areas[id] }

  /// The code in `area`'s case numbers (``HubArea/caseNumberCodeInUse``; an area not served here
  /// as if undescribed).
  public func caseNumberCode(for area: String) -> String {
    (areas[area] ?? .undescribed(area)).caseNumberCodeInUse
  }

  /// The working-day calendar of `area`; England and Wales's for an area not served here.
  public func calendar(for area: String) -> WorkingDayCalendar {
    calendars[area] ?? .englandAndWales
  }

  /// Every variable the directory reads, for `rjhub env` and the README.
  public static let documentation: [SettingDocumentation] =
    [
      (
        "RJHUB_AREAS_FILE", "built-in (cambridgeshire, norfolk, suffolk)",
        "JSON file describing the areas: districts, bank holidays, closed days, contact details."
      ),
      (
        "RJHUB_INTAKE_AREAS", "every area described",
        "Comma-separated ids of the areas this deployment serves (lower case)."
      ),
    ] + BankHolidays.documentation

  /// How far ahead every served area's bank holidays must be known at start-up.
  public static let requiredCalendarMonths = 12

  /// Reads the directory from the environment, its calendars from the bank holidays file.
  /// - Throws: ``ConfigurationError`` when a file cannot be read or is malformed, when an
  ///   area follows a division the bank holidays file does not list, or when a served area's
  ///   holidays end within ``requiredCalendarMonths`` of `today` (the file must be updated:
  ///   deadlines counted past its end would skip weekends only).
  public init(environment: EnvironmentReader, today: CalendarDate = LondonDay.of(Date())) throws {
    let holidays = try BankHolidays(environment: environment)
    var described = Self.defaults
    if let path = environment.raw("RJHUB_AREAS_FILE") {
      described = try Self.load(path: path)
    }
    let served: [HubArea]
    if let chosen = environment.raw("RJHUB_INTAKE_AREAS") {
      let ids = chosen.split(separator: ",").map {
        $0.trimmingCharacters(in: .whitespaces).lowercased()
      }.filter { !$0.isEmpty }
      let byId = Dictionary(described.map { ($0.id, $0) }) { first, _ in first }
      served = ids.map { byId[$0] ?? .undescribed($0) }
    } else {
      served = described
    }
    try Self.requireDistinctCaseNumberCodes(
      served,
      variable: environment.raw("RJHUB_INTAKE_AREAS") == nil
        ? "RJHUB_AREAS_FILE" : "RJHUB_INTAKE_AREAS")
    try Self.requireCalendars(
      of: served, in: holidays, through: today.adding(months: Self.requiredCalendarMonths))
    self.init(served, holidays: holidays)
  }

  /// Refuses `areas` when two of them would number cases with the same code (two areas
  /// named West…, say), naming the code, the areas and `variable`, the setting that chose them.
  static func requireDistinctCaseNumberCodes(
    _ areas: [HubArea], variable: String = "RJHUB_AREAS_FILE"
  ) throws(ConfigurationError) {
    let byCode = Dictionary(grouping: areas, by: \.caseNumberCodeInUse)
    guard let (code, sharing) = byCode.filter({ $0.value.count > 1 }).min(by: { $0.key < $1.key })
    else { return }
    throw ConfigurationError(
      variable: variable,
      expected:
        "areas with a caseNumberCode each (set in RJHUB_AREAS_FILE): \(code) is shared by "
        + sharing.map(\.id).sorted().joined(separator: " and "),
      reason: .malformed)
  }

  /// Refuses `areas` unless `holidays` lists each one's division through `day`.
  static func requireCalendars(
    of areas: [HubArea], in holidays: BankHolidays, through day: CalendarDate
  ) throws(ConfigurationError) {
    for area in areas.sorted(by: { $0.id < $1.id }) {
      guard let division = holidays.divisions[area.bankHolidays] else {
        throw ConfigurationError(
          variable: BankHolidays.variable,
          expected:
            "the bank holidays of \(area.bankHolidays) (area \(area.id)); the file lists "
            + holidays.divisions.keys.sorted().joined(separator: ", "),
          reason: .malformed)
      }
      guard division.coveredThrough >= day else {
        throw ConfigurationError(
          variable: BankHolidays.variable,
          expected:
            "bank holidays of \(area.bankHolidays) (area \(area.id)) through \(day); they end "
            + "\(division.coveredThrough): replace the file with GOV.UK's latest "
            + "(https://www.gov.uk/bank-holidays.json)",
          reason: .outOfDate)
      }
    }
  }

  /// The areas described in the JSON file at `path`: `{"areas": [HubArea…]}`.
  public static func load(path: String) throws(ConfigurationError) -> [HubArea] {
    struct Document: Decodable { var areas: [HubArea] }
    let document: Document
    do {
      document = try JSONDecoder().decode(
        Document.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
      throw ConfigurationError(
        variable: "RJHUB_AREAS_FILE", expected: "a readable JSON areas document (docs/areas.md)",
        reason: .malformed)
    }
    for area in document.areas {
      let problem: String? =
        if !HubArea.isValidId(area.id) {
          "area ids of 2 to 63 lower-case letters, digits or hyphens"
        } else if !HubArea.isValidId(area.bankHolidays) {
          "bankHolidays naming a division of the bank holidays file, e.g. england-and-wales"
        } else if area.closedDays.contains(where: { CalendarDate($0) == nil }) {
          "closedDays as YYYY-MM-DD dates"
        } else if let code = area.caseNumberCode, !HubArea.isValidCaseNumberCode(code) {
          "caseNumberCode of 2 to 5 capital letters"
        } else {
          nil
        }
      if let problem {
        throw ConfigurationError(
          variable: "RJHUB_AREAS_FILE", expected: problem, reason: .malformed)
      }
    }
    try requireDistinctCaseNumberCodes(document.areas)
    return document.areas
  }
}
