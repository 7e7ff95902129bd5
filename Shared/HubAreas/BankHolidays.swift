import EventContracts
import Foundation
import HubConfiguration

/// The bank holidays of the UK's three divisions (England and Wales, Scotland, Northern
/// Ireland), read from a file in the format GOV.UK publishes at
/// https://www.gov.uk/bank-holidays.json, so that a deployment updates its calendars by
/// replacing a data file, never by a rebuild.
///
/// The hub carries a copy (`Shared/HubAreas/Resources/bank-holidays.json`, the ``builtIn``
/// holidays); `RJHUB_BANK_HOLIDAYS_FILE` names a newer one. A division's calendar is complete
/// for the years its events span: Victims' Code deadlines are counted in working days, so a
/// missing holiday would make a deadline a day early, and a service refuses to start when an
/// area's holidays end within the next twelve months (``HubAreaDirectory/init(environment:today:)``).
public struct BankHolidays: Sendable, Equatable {
  /// One division's holidays.
  public struct Division: Sendable, Equatable {
    /// Every bank holiday listed, in date order (substitute days as listed, not the day they
    /// replace).
    public let dates: [CalendarDate]
    /// The years the list is complete for: from the first holiday's year to the last's.
    public let coveredYears: ClosedRange<Int>

    /// The last day the list is complete for: 31 December of its last year.
    public var coveredThrough: CalendarDate {
      CalendarDate(year: coveredYears.upperBound, month: 12, day: 31)!
    }
  }

  /// The divisions, by GOV.UK's name: `england-and-wales`, `scotland`, `northern-ireland`.
  public let divisions: [String: Division]

  /// The holidays of `divisions`.
  public init(divisions: [String: Division]) {
    self.divisions = divisions
  }

  /// The variable naming the file.
  public static let variable = "RJHUB_BANK_HOLIDAYS_FILE"

  /// GOV.UK's name of the division every area follows unless its configuration says otherwise.
  public static let englandAndWales = "england-and-wales"

  /// The holidays in the copy the hub carries. It is checked by the tests, so failing to read
  /// it is a defect of the build, not of a deployment.
  public static let builtIn: BankHolidays = {
    do {
      guard let url = Bundle.module.url(forResource: "bank-holidays", withExtension: "json")
      else { throw BankHolidaysFileError(problem: "the built-in file is missing") }
      return try BankHolidays(json: Data(contentsOf: url))
    } catch {
      preconditionFailure("the built-in bank holidays cannot be read: \(error)")
    }
  }()

  /// Reads the holidays from the file `path`, in GOV.UK's format.
  /// - Throws: ``ConfigurationError`` for ``variable`` saying what is wrong with the file.
  public static func load(path: String) throws(ConfigurationError) -> BankHolidays {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw ConfigurationError(
        variable: variable, expected: "a readable bank holidays file in GOV.UK's format",
        reason: .unreadableFile)
    }
    do {
      return try BankHolidays(json: data)
    } catch {
      throw ConfigurationError(
        variable: variable, expected: "GOV.UK's bank holidays format: \(error.problem)",
        reason: .malformed)
    }
  }

  /// Parses GOV.UK's format: `{"<division>": {"division": "<division>", "events": [{"title":
  /// …, "date": "YYYY-MM-DD", "notes": …, "bunting": …}]}}`. Only the dates are used.
  /// - Throws: ``BankHolidaysFileError`` naming the division and event at fault.
  public init(json: Data) throws(BankHolidaysFileError) {
    struct Event: Decodable { var date: String }
    struct Listing: Decodable {
      var division: String?
      var events: [Event]
    }
    let document: [String: Listing]
    do {
      document = try JSONDecoder().decode([String: Listing].self, from: json)
    } catch {
      throw BankHolidaysFileError(
        problem: "an object of divisions, each with an events list of dated holidays")
    }
    var divisions: [String: Division] = [:]
    for (name, listing) in document {
      if let inner = listing.division, inner != name {
        throw BankHolidaysFileError(problem: "\(name).division says \(inner)")
      }
      var dates: [CalendarDate] = []
      for (index, event) in listing.events.enumerated() {
        guard let date = CalendarDate(event.date) else {
          throw BankHolidaysFileError(problem: "\(name).events[\(index)].date is not YYYY-MM-DD")
        }
        dates.append(date)
      }
      dates.sort()
      guard let first = dates.first, let last = dates.last else {
        throw BankHolidaysFileError(problem: "\(name).events is empty")
      }
      divisions[name] = Division(dates: dates, coveredYears: first.year...last.year)
    }
    guard !divisions.isEmpty else { throw BankHolidaysFileError(problem: "no divisions") }
    self.divisions = divisions
  }

  /// Reads the holidays from `environment`: the file ``variable`` names, else ``builtIn``.
  public init(environment: EnvironmentReader) throws(ConfigurationError) {
    if let path = environment.raw(Self.variable) {
      self = try Self.load(path: path)
    } else {
      self = Self.builtIn
    }
  }

  /// The variable the holidays are read from, for `rjhub env` and the README.
  public static let documentation: [SettingDocumentation] = [
    (
      variable, "built-in copy (Shared/HubAreas/Resources/bank-holidays.json)",
      "Bank holidays file in GOV.UK's format (gov.uk/bank-holidays.json); each area names its division."
    )
  ]

  /// The working-day calendar of `division` with `closedDays` added; nil for a division the
  /// file does not list.
  public func calendar(division: String, closedDays: [CalendarDate] = []) -> WorkingDayCalendar? {
    divisions[division].map {
      WorkingDayCalendar(holidays: $0.dates + closedDays, coveredYears: $0.coveredYears)
    }
  }
}

/// What is wrong with a bank holidays file, naming the division and event (never more of its
/// content than that).
public struct BankHolidaysFileError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The problem, e.g. `scotland.events[3].date is not YYYY-MM-DD`.
  public var problem: String

  /// An error describing `problem`.
  public init(problem: String) { self.problem = problem }

  public var description: String { problem }
}
