import ArgumentParser
import ServiceAssembly

/// `rjhub env`: every environment variable a hub service reads, with its default.
struct EnvironmentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "env", abstract: "List the environment variables every service reads.")

  func run() {
    for variable in HubServiceRunner.documentation {
      let name = variable.name.padding(toLength: 28, withPad: " ", startingAt: 0)
      let value = variable.default.padding(toLength: 12, withPad: " ", startingAt: 0)
      print("\(name)\(value)\(variable.meaning)")
    }
  }
}
