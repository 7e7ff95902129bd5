import AMQPClient
import ArgumentParser
import EventContracts

/// `rjhub topology apply`: declares the exchanges the services share (`rj.referrals`, where
/// police systems publish, and `rj.events`, where services publish), with the administrator
/// account. Services may bind to and publish on them but cannot declare or delete them, so
/// they are declared once here. Safe to run again.
struct TopologyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "topology",
    abstract: "Declare the broker exchanges the services share.",
    subcommands: [Apply.self])

  /// The shared exchanges: durable topic exchanges.
  static let shared = AMQPTopology(
    exchanges: [
      ExchangeDeclaration(name: EventExchange.referrals, kind: .topic, durable: true),
      ExchangeDeclaration(name: EventExchange.events, kind: .topic, durable: true),
    ])

  struct Apply: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Declare rj.referrals and rj.events (needs the administrator account).")
    @OptionGroup var broker: BrokerOptions

    func run() async throws {
      let connection = try await broker.connect()
      try await connection.declare(TopologyCommand.shared)
      await connection.close()
      print("declared exchanges \(EventExchange.referrals) and \(EventExchange.events)")
    }
  }
}
