import Foundation
import HubAreas
import HubConfiguration
import ServiceRuntime

/// intake's own configuration, read from the environment.
public struct IntakeSettings: Sendable {
  /// The areas the hub serves (``HubAreaDirectory``: `RJHUB_AREAS_FILE`,
  /// `RJHUB_INTAKE_AREAS`); a referral for another area is rejected with `unknown-area`, one
  /// naming a district its area does not list with `unknown-district`.
  public var directory: HubAreaDirectory
  /// The served area ids.
  public var areas: Set<String> { directory.ids }

  /// `RJHUB_SELF_REFERRAL_PER_MINUTE`: self-referral form submissions one replica accepts a
  /// minute; more are asked to try again (429).
  public var selfReferralsPerMinute: Int
  /// `RJHUB_PUBLIC_ORIGIN`: the address people reach the self-referral form at; when it is
  /// https the form's cookie is marked `Secure`.
  public var publicOrigin: String

  /// intake's variables, for `rjhub env` and the README.
  public static let documentation: [SettingDocumentation] = [
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
    directory = try HubAreaDirectory(environment: environment)
    selfReferralsPerMinute = try environment.int(
      "RJHUB_SELF_REFERRAL_PER_MINUTE", default: 120, range: 1...100_000)
    publicOrigin = environment.string("RJHUB_PUBLIC_ORIGIN", default: "http://localhost:8081")
  }

  /// Settings given value by value (tools and tests), with the environment's defaults.
  public init(
    directory: HubAreaDirectory, selfReferralsPerMinute: Int = 120,
    publicOrigin: String = "http://localhost:8081"
  ) {
    self.directory = directory
    self.selfReferralsPerMinute = selfReferralsPerMinute
    self.publicOrigin = publicOrigin
  }
}
