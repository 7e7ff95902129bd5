import ArgumentParser

/// `rjhub`: the operator's and integrator's command line for RJ Hub.
@main
struct RJHubCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rjhub",
    abstract: "Operate RJ Hub: shared topology, dead letters, configuration.",
    subcommands: [
      DeadLettersCommand.self, EnvironmentCommand.self, TopologyCommand.self, ReferralsCommand.self,
      TokenCommand.self,
    ])
}
