import Foundation
import HubConfiguration
import ServiceRuntime

/// facilitator-matching's own configuration, read from the environment.
public struct FacilitatorMatchingSettings: Sendable, Equatable {
  /// `RJHUB_SENSITIVE_OFFENCE_CATEGORIES`: offence categories whose cases only facilitators
  /// trained for them take, each mapped to its case type (``CaseType``): `category=type`, or
  /// a bare category that is a type of its own. Compared after
  /// ``OffenceCategory/normalised(_:)``.
  public var sensitiveOffenceCategories: [String: String]
  /// `RJHUB_ALLOCATION_OFFER_TIMEOUT`: how long an agency has to answer an offer before it is
  /// offered to the next best facilitator.
  public var offerTimeout: OfferTimeout
  /// `RJHUB_ALLOCATION_WATCH_INTERVAL`: how often lapsed offers and unfilled requests are
  /// looked at.
  public var watchInterval: Duration
  /// `RJHUB_DISTRICT_CENTRES_FILE`: the district centres distances are measured between.
  var distances: DistrictDistances

  /// How long an offer waits for its agency's answer.
  public enum OfferTimeout: Sendable, Equatable {
    /// Until the end of the `n`th working day of the case's area after the offer.
    case workingDays(Int)
    /// A fixed time (for drills and tests).
    case duration(Duration)

    /// Parses `3` or `3 working days` (working days), or a duration such as `90s` or `2h`.
    init?(_ text: String) {
      let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
      let days = trimmed.replacingOccurrences(of: "working days", with: "")
        .replacingOccurrences(of: "working day", with: "").trimmingCharacters(in: .whitespaces)
      if let count = Int(days), (1...30).contains(count) {
        self = .workingDays(count)
      } else if let duration = DurationText.parse(trimmed) {
        self = .duration(duration)
      } else {
        return nil
      }
    }
  }

  /// The default sensitive categories and their case types (RJ Council guidance and the
  /// commissioning papers).
  public static let defaultSensitiveOffenceCategories = [
    "domestic-abuse=domestic-abuse", "sexual-offence=sexual-harm", "stalking=stalking",
    "hate-crime=hate-crime", "child-exploitation=child-exploitation",
    "death-by-crime=bereaved-family",
  ]

  /// The default offer timeout: two working days.
  public static let defaultOfferTimeout = OfferTimeout.workingDays(2)

  /// facilitator-matching's variables, for `rjhub env` and the README.
  public static let documentation: [SettingDocumentation] = [
    (
      "RJHUB_SENSITIVE_OFFENCE_CATEGORIES",
      defaultSensitiveOffenceCategories.joined(separator: ","),
      "Comma-separated offence categories whose cases need facilitators trained for them, each "
        + "category=case-type (a bare category is a case type of its own); bereaved families, "
        + "the referral's sensitivity flags and participants under 18 add their types too."
    ),
    (
      "RJHUB_ALLOCATION_OFFER_TIMEOUT", "2",
      "How long an agency has to accept or decline an offer before it goes to the next best "
        + "facilitator: a number of the case area's working days (the offer lapses at the end "
        + "of that day, London time), or a duration such as 90s or 4h."
    ),
    (
      "RJHUB_ALLOCATION_WATCH_INTERVAL", "30s",
      "How often each replica looks for lapsed offers and for unfilled requests the register "
        + "may now serve."
    ),
    (
      "RJHUB_DISTRICT_CENTRES_FILE", "the built-in centres of the default areas",
      "JSON file {\"area\": {\"District\": [latitude, longitude]}} of district centres that "
        + "district distances are measured between."
    ),
  ]

  /// Reads the settings from `environment`.
  public init(environment: EnvironmentReader) throws {
    let text = environment.string(
      "RJHUB_SENSITIVE_OFFENCE_CATEGORIES",
      default: Self.defaultSensitiveOffenceCategories.joined(separator: ","))
    let timeoutText = environment.raw("RJHUB_ALLOCATION_OFFER_TIMEOUT")
    guard let timeout = timeoutText.map(OfferTimeout.init) ?? Self.defaultOfferTimeout else {
      throw ConfigurationError(
        variable: "RJHUB_ALLOCATION_OFFER_TIMEOUT",
        expected: "working days from 1 to 30, or a duration such as 90s or 4h",
        reason: .malformed)
    }
    var distances = DistrictDistances.defaults
    if let path = environment.raw("RJHUB_DISTRICT_CENTRES_FILE") {
      guard let data = FileManager.default.contents(atPath: path),
        let centres = try? JSONDecoder().decode([String: [String: [Double]]].self, from: data)
      else {
        throw ConfigurationError(
          variable: "RJHUB_DISTRICT_CENTRES_FILE",
          expected: "a readable JSON file {\"area\": {\"District\": [latitude, longitude]}}",
          reason: .malformed)
      }
      distances = DistrictDistances(centres)
    }
    self.init(
      sensitiveOffenceCategories: Self.categories(text.split(separator: ",").map(String.init)),
      offerTimeout: timeout,
      watchInterval: try environment.duration(
        "RJHUB_ALLOCATION_WATCH_INTERVAL", default: .seconds(30)),
      distances: distances)
  }

  /// The defaults of every setting.
  public init() {
    self.init(sensitiveOffenceCategories: Self.categories(Self.defaultSensitiveOffenceCategories))
  }

  /// Settings with the given values (the defaults when not given).
  init(
    sensitiveOffenceCategories: [String: String] = categories(defaultSensitiveOffenceCategories),
    offerTimeout: OfferTimeout = defaultOfferTimeout, watchInterval: Duration = .seconds(30),
    distances: DistrictDistances = .defaults
  ) {
    self.sensitiveOffenceCategories = sensitiveOffenceCategories
    self.offerTimeout = offerTimeout
    self.watchInterval = watchInterval
    self.distances = distances
  }

  /// `category=type` entries (or bare categories) as a map from normalised category to type.
  static func categories(_ entries: [String]) -> [String: String] {
    var map: [String: String] = [:]
    for entry in entries {
      let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
      let category = OffenceCategory.normalised(parts.first ?? "")
      guard !category.isEmpty else { continue }
      let type = parts.count > 1 ? OffenceCategory.normalised(parts[1]) : category
      map[category] = type.isEmpty ? category : type
    }
    return map
  }

  /// The sensitive case types of a case with `offenceCategory`, `sensitivity` flags, a
  /// bereaved family victim or not, and a participant under 18 or not.
  public func caseTypes(
    offenceCategory: String?, bereavedFamily: Bool, sensitivity: [String]? = nil,
    youth: Bool = false
  ) -> Set<String> {
    var types = Set<String>()
    if bereavedFamily { types.insert(CaseType.bereavedFamily) }
    if youth { types.insert(CaseType.youth) }
    for flag in sensitivity ?? [] {
      types.insert(CaseType.bySensitivityFlag[flag] ?? OffenceCategory.normalised(flag))
    }
    if let offenceCategory,
      let type = sensitiveOffenceCategories[OffenceCategory.normalised(offenceCategory)]
    {
      types.insert(type)
    }
    return types
  }

  /// Whether a case is sensitive: it has any sensitive case type.
  public func isSensitive(
    offenceCategory: String?, bereavedFamily: Bool, sensitivity: [String]? = nil
  ) -> Bool {
    !caseTypes(
      offenceCategory: offenceCategory, bereavedFamily: bereavedFamily, sensitivity: sensitivity
    ).isEmpty
  }
}
