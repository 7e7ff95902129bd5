import HubAreas
import HubConfiguration

/// reporting's own configuration, read from the environment once per process: only the areas
/// (it reads no variable beyond every service's and the areas').
public struct ReportingSettings: Sendable {
  /// The areas the hub serves (``HubAreaDirectory``: `RJHUB_AREAS_FILE`, `RJHUB_INTAKE_AREAS`,
  /// `RJHUB_BANK_HOLIDAYS_FILE`): figures are counted by each area's London day and working
  /// days, and the figures page names the areas.
  public var directory: HubAreaDirectory

  /// Reads the settings.
  /// - Throws: ``ConfigurationError`` naming a variable that is set but malformed.
  public init(environment: EnvironmentReader) throws {
    directory = try HubAreaDirectory(environment: environment)
  }
}
