import AMQPClient
import ArgumentParser
import DurableMessaging
import EventContracts
import FacilitatorMatching
import Intake
import Notifications
import Reporting
import VictimContact

/// `rjhub topology apply`: declares the exchanges the services share (`rj.referrals`, where
/// police systems publish, `rj.events`, where services publish, and `rj.transfers`, where
/// intake sends transferred cases' referrals to other hubs), with the administrator
/// account, and every service's queues with their bindings, retry and dead-letter queues.
/// Services may bind to and publish on the exchanges but cannot declare or delete them, so
/// they are declared once here; declaring the queues too means an event published before
/// its consumer first starts is kept, not unroutable. Safe to run again.
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
      ExchangeDeclaration(name: EventExchange.transfers, kind: .topic, durable: true),
    ])

  /// Every queue a service consumes, as the services themselves declare them.
  static let serviceQueues: [ServiceQueue] = [
    IntakeService.referralQueue, IntakeService.caseStageQueue, VictimContactService.caseQueue,
    FacilitatorMatchingService.requestQueue, NotificationsService.requestQueue,
    ReportingService.eventQueue,
  ]

  struct Apply: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Declare the shared exchanges and every service queue (administrator account).")
    @OptionGroup var broker: BrokerOptions

    func run() async throws {
      let connection = try await broker.connect()
      try await connection.declare(TopologyCommand.shared)
      for queue in TopologyCommand.serviceQueues {
        try await connection.declare(queue.topology)
      }
      await connection.close()
      print(
        "declared exchanges \(EventExchange.referrals), \(EventExchange.events) and \(EventExchange.transfers)"
      )
      print("declared queues \(TopologyCommand.serviceQueues.map(\.name).joined(separator: ", "))")
    }
  }
}
