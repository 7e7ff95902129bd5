import AccessControl
import ArgumentParser
import FacilitatorMatching
import Intake
import Notifications
import ServiceAssembly
import ServiceRuntime

/// `rjhub env`: every environment variable a hub service reads, with its default: first
/// those every service reads, then each service's own.
struct EnvironmentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "env", abstract: "List the environment variables the services read.")

  /// The settings, grouped under a heading each.
  static var groups: [(heading: String, variables: [RuntimeConfiguration.VariableDocumentation])] {
    [
      ("every service", HubServiceRunner.documentation),
      ("every service with an HTTP API", AccessControlSettings.documentation),
      ("intake", IntakeSettings.documentation),
      ("facilitator-matching", MatchingSettings.documentation),
      ("notifications", NotificationsSettings.documentation),
    ]
  }

  func run() {
    for group in Self.groups {
      print("# \(group.heading)")
      for variable in group.variables {
        let name = variable.name.padding(toLength: 28, withPad: " ", startingAt: 0)
        let value = variable.default.padding(toLength: 12, withPad: " ", startingAt: 0)
        print("\(name)\(value)\(variable.meaning)")
      }
    }
  }
}
