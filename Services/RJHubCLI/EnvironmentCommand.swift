import AccessControl
import ArgumentParser
import FacilitatorMatching
import HubAreas
import HubConfiguration
import Intake
import Notifications
import PersonalData
import ServiceAssembly
import ServiceRuntime
import VictimContact
import Workplace

/// `rjhub env`: every environment variable a hub service reads, with its default: first
/// those every service reads, then each service's own.
struct EnvironmentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "env", abstract: "List the environment variables the services read.")

  /// The settings, grouped under a heading each.
  static var groups: [(heading: String, variables: [SettingDocumentation])] {
    [
      ("every service", HubServiceRunner.documentation),
      ("every service with an HTTP API", AccessControlSettings.documentation),
      ("every service holding personal data (all but reporting)", PersonalDataKeys.documentation),
      (
        "victim-contact and facilitator-matching: conflicts of interest",
        ConflictOfInterestMarks.documentation
      ),
      (
        "intake, victim-contact, facilitator-matching, notifications and reporting: the areas",
        HubAreaDirectory.documentation
      ),
      ("intake", IntakeSettings.documentation),
      ("victim-contact", VictimContactSettings.documentation),
      ("facilitator-matching", FacilitatorMatchingSettings.documentation),
      ("notifications", NotificationsSettings.documentation),
      (
        "workplace (the staff's web app; also RJHUB_HTTP_*, RJHUB_LOG_*, the access-control and data-key variables above)",
        WorkplaceSettings.documentation
      ),
    ]
  }

  /// Each variable as `NAME  default: value` with its meaning indented beneath, so that long
  /// defaults (area and category lists) are never cut short.
  func run() {
    for group in Self.groups {
      print("# \(group.heading)")
      for variable in group.variables {
        print("\(variable.name)  default: \(variable.default)")
        print("    \(variable.meaning)")
      }
    }
  }
}
