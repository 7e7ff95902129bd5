import Foundation
import ServiceRuntime

/// intake's own configuration, read from the environment.
public struct IntakeSettings: Sendable {
  /// `RJHUB_INTAKE_AREAS`: the areas the hub serves; a referral for another area is rejected
  /// with `unknown-area`.
  public var areas: Set<String>

  /// The default areas.
  public static let defaultAreas = ["cambridgeshire", "norfolk", "suffolk"]

  /// intake's variables, for `rjhub env` and the README.
  public static let documentation: [RuntimeConfiguration.VariableDocumentation] = [
    (
      "RJHUB_INTAKE_AREAS", defaultAreas.joined(separator: ","),
      "Comma-separated areas the hub serves (lower case); referrals for others are rejected."
    )
  ]

  /// Reads the settings.
  public init(environment: EnvironmentReader) {
    let text = environment.string(
      "RJHUB_INTAKE_AREAS", default: Self.defaultAreas.joined(separator: ","))
    areas = Set(
      text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        .filter { !$0.isEmpty })
  }

  /// Settings with the given areas, for tests.
  public init(areas: Set<String>) { self.areas = areas }
}
