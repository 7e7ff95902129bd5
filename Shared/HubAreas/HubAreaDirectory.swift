import EventContracts
import Foundation
import ServiceRuntime

/// The areas a deployment serves, from `RJHUB_AREAS_FILE` (a JSON document, see
/// `docs/areas.md`) or else the built-in ``defaults``; `RJHUB_INTAKE_AREAS`, when set, chooses
/// which of them this deployment serves. An area named there but described nowhere is served
/// with England and Wales's bank holidays, any district and no contact details.
public struct HubAreaDirectory: Sendable, Equatable {
  /// The areas served, by id.
  public let areas: [String: HubArea]
  /// Each served area's working-day calendar, built once.
  let calendars: [String: WorkingDayCalendar]

  /// A directory of `areas`.
  public init(_ areas: [HubArea]) {
    self.areas = Dictionary(areas.map { ($0.id, $0) }) { first, _ in first }
    calendars = self.areas.mapValues(\.calendar)
  }

  /// A directory serving `ids`, each as `described` says or else ``HubArea/undescribed(_:)``.
  public init(serving ids: some Sequence<String>, described: [HubArea]) {
    let byId = Dictionary(described.map { ($0.id, $0) }) { first, _ in first }
    self.init(ids.map { byId[$0] ?? .undescribed($0) })
  }

  /// The served area ids.
  public var ids: Set<String> { Set(areas.keys) }

  /// The served areas, by name.
  public var sorted: [HubArea] { areas.values.sorted { $0.name < $1.name } }

  /// The area `id`, if served.
  public subscript(_ id: String) -> HubArea? { areas[id] }

  /// The working-day calendar of `area`; England and Wales's for an area not served here.
  public func calendar(for area: String) -> WorkingDayCalendar {
    calendars[area] ?? .englandAndWales
  }

  /// Every variable the directory reads, for `rjhub env` and the README.
  public static let documentation: [RuntimeConfiguration.VariableDocumentation] = [
    (
      "RJHUB_AREAS_FILE", "built-in (cambridgeshire, norfolk, suffolk)",
      "JSON file describing the areas: districts, bank holidays, closed days, contact details."
    ),
    (
      "RJHUB_INTAKE_AREAS", "every area described",
      "Comma-separated ids of the areas this deployment serves (lower case)."
    ),
  ]

  /// Reads the directory from the environment.
  /// - Throws: ``ConfigurationError`` when the file cannot be read or is malformed.
  public init(environment: EnvironmentReader) throws {
    var described = Self.defaults
    if let path = environment.raw("RJHUB_AREAS_FILE") {
      described = try Self.load(path: path)
    }
    guard let chosen = environment.raw("RJHUB_INTAKE_AREAS") else {
      self.init(described)
      return
    }
    let ids = chosen.split(separator: ",").map {
      $0.trimmingCharacters(in: .whitespaces).lowercased()
    }.filter { !$0.isEmpty }
    self.init(serving: ids, described: described)
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
        } else if !HubArea.knownBankHolidays.contains(area.bankHolidays) {
          "bankHolidays one of \(HubArea.knownBankHolidays.joined(separator: ", "))"
        } else if area.closedDays.contains(where: { CalendarDate($0) == nil }) {
          "closedDays as YYYY-MM-DD dates"
        } else {
          nil
        }
      if let problem {
        throw ConfigurationError(
          variable: "RJHUB_AREAS_FILE", expected: problem, reason: .malformed)
      }
    }
    return document.areas
  }
}
