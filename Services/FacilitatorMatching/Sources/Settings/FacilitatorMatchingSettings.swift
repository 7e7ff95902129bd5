import Foundation
import HubConfiguration
import ServiceRuntime

/// facilitator-matching's own configuration, read from the environment.
public struct FacilitatorMatchingSettings: Sendable, Equatable {
  /// `RJHUB_SENSITIVE_OFFENCE_CATEGORIES`: offence categories whose cases go only to
  /// facilitators trained for sensitive cases (bereaved families always do). Compared after
  /// ``OffenceCategory/normalised(_:)``.
  public var sensitiveOffenceCategories: Set<String>

  /// The default sensitive categories (RJ Council guidance and the commissioning papers).
  public static let defaultSensitiveOffenceCategories = [
    "domestic-abuse", "sexual-offence", "stalking", "hate-crime", "child-exploitation",
    "death-by-crime",
  ]

  /// facilitator-matching's variables, for `rjhub env` and the README.
  public static let documentation: [SettingDocumentation] = [
    (
      "RJHUB_SENSITIVE_OFFENCE_CATEGORIES",
      defaultSensitiveOffenceCategories.joined(separator: ","),
      "Comma-separated offence categories whose cases only facilitators trained for sensitive "
        + "cases may lead (bereaved families always count as sensitive)."
    )
  ]

  /// Reads the settings from `environment`.
  public init(environment: EnvironmentReader) {
    let text = environment.string(
      "RJHUB_SENSITIVE_OFFENCE_CATEGORIES",
      default: Self.defaultSensitiveOffenceCategories.joined(separator: ","))
    self.init(sensitiveOffenceCategories: Set(text.split(separator: ",").map(String.init)))
  }

  /// Settings with the given sensitive categories (the defaults when not given).
  public init(
    sensitiveOffenceCategories: Set<String> = Set(defaultSensitiveOffenceCategories)
  ) {
    self.sensitiveOffenceCategories = Set(
      sensitiveOffenceCategories.map(OffenceCategory.normalised).filter { !$0.isEmpty })
  }

  /// Whether a case with `offenceCategory` (and a bereaved family victim or not) is sensitive.
  public func isSensitive(
    offenceCategory: String?, bereavedFamily: Bool, sensitivity: [String]? = nil
  ) -> Bool {
    if bereavedFamily || !(sensitivity ?? []).isEmpty { return true }
    guard let offenceCategory else { return false }
    return sensitiveOffenceCategories.contains(OffenceCategory.normalised(offenceCategory))
  }
}
