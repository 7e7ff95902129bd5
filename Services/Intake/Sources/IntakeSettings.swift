import Foundation
import ServiceRuntime

/// intake's own configuration, read from the environment.
public struct IntakeSettings: Sendable {
  /// `RJHUB_INTAKE_AREAS`: the areas the hub serves; a referral for another area is rejected
  /// with `unknown-area`.
  public var areas: Set<String>

  /// `RJHUB_SELF_REFERRAL_PER_MINUTE`: self-referral form submissions one replica accepts a
  /// minute; more are asked to try again (429).
  public var selfReferralsPerMinute: Int
  /// `RJHUB_PUBLIC_ORIGIN`: the address people reach the self-referral form at; when it is
  /// https the form's cookie is marked `Secure`.
  public var publicOrigin: String

  /// The default areas.
  public static let defaultAreas = ["cambridgeshire", "norfolk", "suffolk"]

  /// intake's variables, for `rjhub env` and the README.
  public static let documentation: [RuntimeConfiguration.VariableDocumentation] = [
    (
      "RJHUB_INTAKE_AREAS", defaultAreas.joined(separator: ","),
      "Comma-separated areas the hub serves (lower case); referrals for others are rejected."
    ),
    (
      "RJHUB_SELF_REFERRAL_PER_MINUTE", "120",
      "Self-referral form submissions one intake replica accepts a minute (more get 429)."
    ),
    (
      "RJHUB_PUBLIC_ORIGIN", "http://localhost:8081",
      "Where the public reaches the self-referral form; https marks its cookie Secure."
    ),
  ]

  /// Reads the settings.
  /// - Throws: ``ConfigurationError`` naming a variable that is set but malformed.
  public init(environment: EnvironmentReader) throws {
    let text = environment.string(
      "RJHUB_INTAKE_AREAS", default: Self.defaultAreas.joined(separator: ","))
    areas = Set(
      text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        .filter { !$0.isEmpty })
    selfReferralsPerMinute = try environment.int(
      "RJHUB_SELF_REFERRAL_PER_MINUTE", default: 120, range: 1...100_000)
    publicOrigin = environment.string("RJHUB_PUBLIC_ORIGIN", default: "http://localhost:8081")
  }

  /// Settings with the given areas, for tests.
  public init(areas: Set<String>) {
    self.areas = areas
    selfReferralsPerMinute = 120
    publicOrigin = "http://localhost:8081"
  }
}
