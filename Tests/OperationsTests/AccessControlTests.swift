import AMQPClient
import Foundation
import Logging
import PostgresClient
import TestSupport
import Testing

/// What `infra/provision.sh` promises: each service's database role and broker user reach
/// only that service's own schema and queues (and the exchanges it publishes to), and the
/// operator account only dead letters.
@Suite("Provisioned access control", .serialized)
struct AccessControlTests {
  let logger = TestServers.logger("access-control-test")

  func pool(_ account: String) throws -> PostgresConnectionPool {
    let url = try #require(try TestServers.serviceEnvironment(account)["RJHUB_DATABASE_URL"])
    return PostgresConnectionPool(
      configuration: try PostgresConfiguration(url: url, applicationName: "access-test"),
      size: 1, logger: logger)
  }

  func broker(_ account: String) async throws -> AMQPConnection {
    let url = try #require(try TestServers.serviceEnvironment(account)["RJHUB_AMQP_URL"])
    let connection = AMQPConnection(
      configuration: try AMQPConfiguration(url: url, connectionName: "access-test-\(account)"),
      logger: logger)
    try await connection.connect()
    return connection
  }

  @Test("a service's role owns its schema and cannot read or write another service's")
  func databaseIsolation() async throws {
    let table = TestServers.uniqueName("access_probe")
    let victimContact = try pool("victim-contact")
    let intake = try pool("intake")
    try await victimContact.withSession { session in
      try session.execute("CREATE TABLE victim_contact.\(table) (note text)")
      try session.execute("INSERT INTO victim_contact.\(table) VALUES ('synthetic')")
    }
    let read = await #expect(throws: PostgresError.self) {
      try await intake.withSession { session in
        _ = try session.query("SELECT note FROM victim_contact.\(table)")
      }
    }
    #expect(read?.sqlState == "42501", "permission denied, not some other failure")
    let create = await #expect(throws: PostgresError.self) {
      try await intake.withSession { session in
        try session.execute("CREATE TABLE victim_contact.\(table)_intruder (note text)")
      }
    }
    #expect(create?.sqlState == "42501")
    let own = try await intake.withSession { session in
      try session.execute("CREATE TABLE intake.\(table) (note text)")
      try session.execute("DROP TABLE intake.\(table)")
      return true
    }
    #expect(own)
    try await victimContact.withSession { try $0.execute("DROP TABLE victim_contact.\(table)") }
    await intake.close()
    await victimContact.close()
  }

  @Test("a service's broker user declares and reads only its own queues")
  func brokerIsolation() async throws {
    let admin = AMQPConnection(
      configuration: try AMQPConfiguration(
        url: try TestServers.amqpURL(), connectionName: "access-test-admin"),
      logger: logger)
    try await admin.connect()
    let othersQueue = "victim-contact.\(TestServers.uniqueName("probe"))"
    try await admin.declare(AMQPTopology(queues: [QueueDeclaration(name: othersQueue)]))

    let intake = try await broker("intake")
    let ownQueue = "intake.\(TestServers.uniqueName("probe"))"
    try await intake.declare(AMQPTopology(queues: [QueueDeclaration(name: ownQueue)]))
    #expect(try await intake.get(queue: ownQueue) == nil)

    await expectAccessRefused { _ = try await intake.get(queue: othersQueue) }
    await expectAccessRefused {
      try await intake.declare(
        AMQPTopology(queues: [QueueDeclaration(name: "victim-contact.\(UUID().uuidString)")]))
    }
    // The police publisher may write referrals but not forge hub events.
    let police = try await broker("police-publisher")
    let forged = OutgoingMessage(
      exchange: "rj.events", routingKey: "case.opened.v1", body: Array("{}".utf8),
      properties: AMQPMessageProperties(), mandatory: false)
    await expectAccessRefused { _ = try await police.publish([forged]) }
    // The operator reads dead letters but cannot touch a service's work queue.
    let operatorAccount = try await broker("operator")
    await expectAccessRefused { _ = try await operatorAccount.get(queue: ownQueue) }

    try await admin.deleteQueue(othersQueue)
    try await admin.deleteQueue(ownQueue)
    for connection in [admin, intake, police, operatorAccount] { await connection.close() }
  }

  @Test("the police publisher writes only to rj.referrals; a service only to rj.events")
  func publishingIsolation() async throws {
    func message(_ exchange: String, _ routingKey: String) -> OutgoingMessage {
      OutgoingMessage(
        exchange: exchange, routingKey: routingKey, body: Array("{}".utf8),
        properties: AMQPMessageProperties(), mandatory: false)
    }
    // The police publisher: not straight into a service's queue, not another exchange.
    for forged in [message("", "intake.referrals"), message("amq.topic", "referral.submitted.v1")] {
      let police = try await broker("police-publisher")
      await expectAccessRefused { _ = try await police.publish([forged]) }
      await police.close()
    }
    // A service other than intake: cannot forge a police referral, cannot write into another
    // service's queue through the default exchange, cannot bind its queue to rj.referrals.
    let ownQueue = "victim-contact.\(TestServers.uniqueName("probe"))"
    for forged in [
      message("rj.referrals", "referral.submitted.v1"), message("", "intake.referrals"),
    ] {
      let victimContact = try await broker("victim-contact")
      await expectAccessRefused { _ = try await victimContact.publish([forged]) }
      await victimContact.close()
    }
    let victimContact = try await broker("victim-contact")
    try await victimContact.declare(AMQPTopology(queues: [QueueDeclaration(name: ownQueue)]))
    await expectAccessRefused {
      try await victimContact.declare(
        AMQPTopology(
          bindings: [
            QueueBinding(
              queue: ownQueue, exchange: "rj.referrals", routingKey: "referral.submitted.v1")
          ]))
    }
    await victimContact.close()
    // What each may do still works: the police publisher to rj.referrals, a service to
    // rj.events (both confirmed by the broker).
    let police = try await broker("police-publisher")
    let referral = message("rj.referrals", "access.probe.v1")
    #expect(try await police.publish([referral]) == [.confirmed])
    await police.close()
    let service = try await broker("victim-contact")
    #expect(try await service.publish([message("rj.events", "access.probe.v1")]) == [.confirmed])
    try await service.deleteQueue(ownQueue)
    await service.close()
  }

  func expectAccessRefused(
    _ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation
  ) async {
    do {
      try await body()
      Issue.record("expected ACCESS_REFUSED", sourceLocation: sourceLocation)
    } catch let AMQPError.channelClosed(code, text) {
      #expect(code == 403, "\(text)", sourceLocation: sourceLocation)
    } catch {
      Issue.record("expected ACCESS_REFUSED, got \(error)", sourceLocation: sourceLocation)
    }
  }

  @Test("provisioning again changes nothing and keeps every account working")
  func provisioningTwice() async throws {
    try await TestServers.runInfra("provision.sh", [])
    try await expectAccountsWork(broker: "operator")
  }

  /// Intake's database role logs in with its provisioned password, and `broker`'s account
  /// connects to the broker with its own.
  func expectAccountsWork(
    broker account: String, sourceLocation: SourceLocation = #_sourceLocation
  ) async throws {
    let intake = try pool("intake")
    let user = try await intake.withSession { session in
      try session.query("SELECT current_user::text").rows[0].decode(0, as: String.self)
    }
    #expect(user == "rjhub_intake", sourceLocation: sourceLocation)
    await intake.close()
    let connection = try await broker(account)
    #expect(connection.isConnected, sourceLocation: sourceLocation)
    await connection.close()
  }
}
