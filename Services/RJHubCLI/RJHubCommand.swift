import ArgumentParser

/// `rjhub`: the operator's and integrator's command line for RJ Hub.
@main
struct RJHubCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rjhub",
    abstract:
      "Operate RJ Hub: topology, referrals, facilitators, tokens, dead letters, data keys, configuration.",
    subcommands: [
      DeadLettersCommand.self, EnvironmentCommand.self, TopologyCommand.self, ReferralsCommand.self,
      TokenCommand.self, FacilitatorsCommand.self, DataCommand.self,
    ])
}
