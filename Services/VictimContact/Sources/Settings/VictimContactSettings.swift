import HubAreas
import HubConfiguration

/// victim-contact's own configuration, read from the environment once per process.
public struct VictimContactSettings: Sendable {
  /// The areas the hub serves, with their working-day calendars (``HubAreaDirectory``:
  /// `RJHUB_AREAS_FILE`, `RJHUB_INTAKE_AREAS`, `RJHUB_BANK_HOLIDAYS_FILE`).
  public var directory: HubAreaDirectory
  /// `RJHUB_JOURNEY_WATCH_INTERVAL`: how often the deadline watch runs.
  public var journeyWatchInterval: Duration

  /// The default interval of the deadline watch.
  public static let defaultJourneyWatchInterval: Duration = .seconds(60)

  /// victim-contact's variables beyond every service's, for `rjhub env` and the README.
  public static let documentation: [SettingDocumentation] = [
    (
      "RJHUB_JOURNEY_WATCH_INTERVAL", DurationText.format(defaultJourneyWatchInterval),
      "How often the deadline watch escalates overdue tasks to the area's supervisors and asks for due six-month follow-up surveys (a duration: 250ms, 5s, 2m)."
    )
  ]

  /// Reads the settings.
  /// - Throws: ``ConfigurationError`` naming a variable that is set but malformed.
  public init(environment: EnvironmentReader) throws {
    directory = try HubAreaDirectory(environment: environment)
    journeyWatchInterval = try environment.duration(
      "RJHUB_JOURNEY_WATCH_INTERVAL", default: Self.defaultJourneyWatchInterval)
  }
}
