import AMQPClient
import AccessControl
import EventContracts
import Foundation
import TestSupport

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// How an end-to-end test talks to the hub: as a police system over AMQP, as staff over
/// HTTP with tokens, and as an observer of the events on `rj.events`.
struct HubClients {
  let hub: HubUnderTest
  let police: AMQPConnection
  let observer: AMQPConnection
  let issuer: TokenIssuer
  let replyQueue: String
  let observerQueue: String
  let logger = TestServers.logger("e2e")

  init(hub: HubUnderTest) async throws {
    self.hub = hub
    guard let policeURL = try TestServers.serviceEnvironment("police-publisher")["RJHUB_AMQP_URL"]
    else { throw HubTestError.timedOut("a provisioned police-publisher account") }
    police = AMQPConnection(
      configuration: try AMQPConfiguration(url: policeURL, connectionName: "e2e-police"),
      logger: logger)
    try await police.connect()
    replyQueue = "police.e2e-\(hub.area)"
    try await police.declare(AMQPTopology(queues: [QueueDeclaration(name: replyQueue)]))
    observer = AMQPConnection(
      configuration: try AMQPConfiguration(
        url: try TestServers.amqpURL(), connectionName: "e2e-observer"),
      logger: logger)
    try await observer.connect()
    let observed = "e2e-observer.\(hub.area)"
    observerQueue = observed
    try await observer.declare(
      AMQPTopology(
        queues: [QueueDeclaration(name: observed)],
        bindings: [
          FacilitatorAllocated.routingKey, AllocationUnfilled.routingKey,
          NotificationSent.routingKey,
          NotificationFailed.routingKey, CaseOpened.routingKey,
        ].map { QueueBinding(queue: observed, exchange: EventExchange.events, routingKey: $0) }))
    issuer = TokenIssuer(signingKey: try TestServers.setting(named: "RJHUB_TEST_JWT_HS256_KEY"))
  }

  /// Publishes submissions exactly as a police system does, answers to ``replyQueue``; the
  /// correlation id of each, in order.
  @discardableResult
  func submit(_ bodies: [[UInt8]]) async throws -> [String] {
    let correlations = bodies.map { _ in UUID().uuidString.lowercased() }
    let messages = zip(bodies, correlations).map { body, correlation in
      var properties = AMQPMessageProperties()
      properties.messageId = UUID().uuidString.lowercased()
      properties.contentType = "application/json"
      properties.correlationId = correlation
      properties.replyTo = replyQueue
      properties.persistent = true
      return OutgoingMessage(
        exchange: EventExchange.referrals, routingKey: ReferralSubmission.routingKey, body: body,
        properties: properties)
    }
    for window in stride(from: 0, to: messages.count, by: 100) {
      let outcomes = try await police.publish(
        Array(messages[window..<min(window + 100, messages.count)]))
      guard outcomes.allSatisfy({ $0 == .confirmed }) else {
        throw HubTestError.timedOut("confirms for referrals: \(outcomes)")
      }
    }
    return correlations
  }

  /// Takes messages from `queue` on `connection` until `done` says enough, acking each.
  static func drain(
    _ connection: AMQPConnection, queue: String, seconds: Double,
    until done: @escaping @Sendable ([Delivery]) -> Bool
  ) async throws -> [Delivery] {
    var taken: [Delivery] = []
    let deadline = ContinuousClock.now + .seconds(seconds)
    while !done(taken) {
      if let delivery = try await connection.get(queue: queue) {
        taken.append(delivery)
        await connection.ack(delivery)
      } else {
        guard ContinuousClock.now < deadline else { return taken }
        try await Task.sleep(for: .milliseconds(100))
      }
    }
    return taken
  }

  /// A token for `role` in the hub's area.
  func token(_ role: Role, subject: String = "e2e-user") async throws -> String {
    try await issuer.issue(subject: subject, roles: [role], areas: [hub.area])
  }

  /// An HTTP request to `service`'s first replica; the status and body.
  func http(
    _ method: String, _ service: String, _ path: String, token: String, json: Any? = nil
  ) async throws -> (status: Int, body: Data) {
    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(hub.port(service))\(path)")!)
    request.httpMethod = method
    request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
    if let json {
      request.httpBody = try JSONSerialization.data(withJSONObject: json)
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    }
    let (data, response) = try await URLSession.shared.data(for: request)
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
  }

  /// Closes the connections and deletes the test's queues.
  func close() async {
    _ = try? await police.deleteQueue(replyQueue)
    _ = try? await observer.deleteQueue(observerQueue)
    await disconnect()
  }

  /// Closes the connections, keeping the queues (to connect again after a broker restart).
  func disconnect() async {
    await police.close()
    await observer.close()
  }
}
