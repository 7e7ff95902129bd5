import HubAreas
import Intake

/// The tests' shorthand for a hub serving some areas, described as in
/// ``HubAreaDirectory/defaults`` when they are there.
extension HubAreaDirectory {
  static func serving(_ areas: Set<String>) -> HubAreaDirectory {
    HubAreaDirectory(serving: areas, described: HubAreaDirectory.defaults)
  }
}

extension IntakeSettings {
  /// Settings serving `areas`, otherwise the environment's defaults.
  init(areas: Set<String>) { self.init(directory: .serving(areas)) }
}

extension ReferralValidator {
  /// A validator for `areas`.
  init(areas: Set<String>) { self.init(directory: .serving(areas)) }
}
