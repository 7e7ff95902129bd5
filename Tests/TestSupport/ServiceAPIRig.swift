import AMQPClient
import AccessControl
import EventContracts
import Foundation
import Logging

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A service's real process with what an HTTP API test needs around it: tokens signed with
/// the provisioned key, an HTTP client, an administrator broker connection that publishes to
/// `rj.events` as other services' relays would, and (optionally) a queue of the test's own
/// bound to `rj.events` to watch what the service emits.
public struct ServiceAPIRig: Sendable, ScopedTestRig {
  /// One HTTP answer.
  public struct Reply: Sendable {
    /// The status code.
    public var status: Int
    /// The `Content-Type` header ("" when none).
    public var contentType: String
    /// The body.
    public var body: Data
  }

  /// The service's process.
  public let service: ServiceProcess
  /// The administrator broker connection.
  public let admin: AMQPConnection
  /// Signs development tokens with the provisioned key.
  public let issuer: TokenIssuer
  /// The queue that sees what the service emits (nil when nothing is observed).
  public let observerQueue: String?

  /// Starts `rjhub-<service>` with `environment` on top of its account and waits until it is
  /// ready; with `observing`, first binds a fresh queue to `rj.events` for those routing keys.
  public init(service name: String, environment: [String: String], observing: [String] = [])
    async throws
  {
    issuer = TokenIssuer(signingKey: try TestServers.setting(named: "RJHUB_TEST_JWT_HS256_KEY"))
    admin = AMQPConnection(
      configuration: try AMQPConfiguration(
        url: try TestServers.amqpURL(), connectionName: "\(name)-api-test"),
      logger: TestServers.logger("\(name)-api-test"))
    try await admin.connect()
    if observing.isEmpty {
      observerQueue = nil
    } else {
      let queue = TestServers.uniqueName("\(name)-test-observer")
      try await admin.declare(
        AMQPTopology(
          queues: [QueueDeclaration(name: queue)],
          bindings: observing.map {
            QueueBinding(queue: queue, exchange: EventExchange.events, routingKey: $0)
          }))
      observerQueue = queue
    }
    service = try ServiceProcess(service: name, environment: environment)
    try await service.waitUntilReady()
  }

  /// A token for `subject` with `roles` in `areas`, acting for `agency` when given.
  public func token(
    subject: String, roles: Set<Role>, areas: Set<String>, agency: String? = nil,
    facilitatorId: String? = nil
  ) async throws -> String {
    try await issuer.issue(
      subject: subject, roles: roles, areas: areas, agency: agency, facilitatorId: facilitatorId)
  }

  /// An HTTP request to the service, with `token` as its bearer token and `body` as JSON.
  public func http(
    _ method: String, _ path: String, token: String?, body: String? = nil,
    headers: [String: String] = [:]
  ) async throws -> Reply {
    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(service.port)\(path)")!)
    request.httpMethod = method
    if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    if let body {
      request.httpBody = Data(body.utf8)
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    }
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = response as? HTTPURLResponse
    return Reply(
      status: http?.statusCode ?? 0,
      contentType: http?.value(forHTTPHeaderField: "Content-Type") ?? "", body: data)
  }

  /// Publishes `messages` to `rj.events` in order, as their producers' relays would, and
  /// waits for the broker's confirms.
  public func publish(_ messages: [OutgoingMessage]) async throws {
    let outcomes = try await admin.publish(messages.map { $0.routed(to: EventExchange.events) })
    guard outcomes.allSatisfy({ $0 == .confirmed }) else {
      throw HarnessError.notConfirmed("\(outcomes)")
    }
  }

  /// Publishes `events` to `rj.events` in order.
  public func publish<P: EventPayload>(_ events: [EventEnvelope<P>]) async throws {
    try await publish(try events.map { try OutgoingMessage.event($0) })
  }

  /// Takes (and acknowledges) everything waiting on the observer queue now.
  public func takeObserved() async throws -> [Delivery] {
    guard let observerQueue else { return [] }
    var taken: [Delivery] = []
    while let delivery = try await admin.get(queue: observerQueue) {
      await admin.ack(delivery)
      taken.append(delivery)
    }
    return taken
  }

  /// Polls `condition` every 100 ms until it holds, failing after `limit`.
  public func waitUntil(
    _ what: String, within limit: Duration = .seconds(60),
    _ condition: () async throws -> Bool
  ) async throws {
    try await Polling.waitUntil(what, within: limit, every: .milliseconds(100), condition)
  }

  /// `body` as a JSON object.
  public static func json(_ body: Data) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
      throw HarnessError.notJSONObject(String(decoding: body.prefix(500), as: UTF8.self))
    }
    return object
  }

  /// Runs `body` against a started rig and always stops it afterwards, whether `body` returns
  /// or throws: a service left running would go on consuming the real queues and answer other
  /// tests' messages.
  public static func with<T>(
    service name: String, environment: [String: String] = [:], observing: [String] = [],
    _ body: (ServiceAPIRig) async throws -> T
  ) async throws -> T {
    try await withTearDown(
      of: ServiceAPIRig(service: name, environment: environment, observing: observing), body)
  }

  /// Stops the service and tidies up the broker.
  public func tearDown() async {
    await service.stop()
    if let observerQueue { _ = try? await admin.deleteQueue(observerQueue) }
    await admin.close()
  }
}
