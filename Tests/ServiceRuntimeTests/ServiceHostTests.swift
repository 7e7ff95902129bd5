import Logging
import ServiceLifecycle
import Synchronization
import Testing

@testable import ServiceRuntime

/// Records what the test services did, in order.
final class EventLog: Sendable {
  private let storage = Mutex<[String]>([])

  func record(_ event: String) { storage.withLock { $0.append(event) } }

  var events: [String] { storage.withLock { $0 } }

  /// Waits (bounded) until `count` events whose name starts with `prefix` were recorded.
  func waitFor(_ count: Int, startingWith prefix: String) async throws {
    for _ in 0..<500 {
      if events.filter({ $0.hasPrefix(prefix) }).count >= count { return }
      try await Task.sleep(for: .milliseconds(10))
    }
    Issue.record("timed out waiting for \(count) '\(prefix)' events: \(events)")
  }
}

/// A service that runs until graceful shutdown and records its start and stop.
struct GracefulService: Service {
  let name: String
  let log: EventLog

  func run() async throws {
    log.record("start \(name)")
    try? await gracefulShutdown()
    // Simulates finishing in-flight work, so a wrong order would show.
    try? await Task.sleep(for: .milliseconds(20))
    log.record("stop \(name)")
  }
}

/// A service that ignores graceful shutdown and stops only when cancelled.
struct StubbornService: Service {
  let log: EventLog

  func run() async throws {
    log.record("start stubborn")
    try? await Task.sleep(for: .seconds(60))
    log.record("stop stubborn cancelled=\(Task.isCancelled)")
  }
}

/// A service that fails once started.
struct FailingService: Service {
  struct Failure: Error, Equatable {}
  let log: EventLog

  func run() async throws {
    log.record("start failing")
    try await Task.sleep(for: .milliseconds(50))
    throw Failure()
  }
}

@Suite("ServiceHost")
struct ServiceHostTests {
  let configuration = RuntimeConfiguration(
    serviceName: "test", httpPort: 0, shutdownGracePeriod: .seconds(10))
  let logger = Logger(label: "rjhub.test.host")

  @Test("graceful shutdown stops the services one by one, in reverse order of the list")
  func reverseOrder() async throws {
    let log = EventLog()
    let group = ServiceHost.makeServiceGroup(
      services: ["database", "broker", "relay", "http"].map { GracefulService(name: $0, log: log) },
      configuration: configuration, logger: logger)
    async let run: Void = group.run()
    try await log.waitFor(4, startingWith: "start")
    await group.triggerGracefulShutdown()
    try await run
    let stops = log.events.filter { $0.hasPrefix("stop") }
    #expect(stops == ["stop http", "stop relay", "stop broker", "stop database"])
  }

  @Test("the first signal shuts down gracefully and run returns normally")
  func firstSignal() async throws {
    let log = EventLog()
    let (signals, continuation) = AsyncStream.makeStream(of: Int32.self)
    let group = ServiceHost.makeServiceGroup(
      services: [GracefulService(name: "a", log: log), GracefulService(name: "b", log: log)],
      configuration: configuration, logger: logger)
    async let run: Void = ServiceHost.run(group: group, signals: signals, logger: logger)
    try await log.waitFor(2, startingWith: "start")
    continuation.yield(15)
    try await run
    #expect(log.events.filter { $0.hasPrefix("stop") } == ["stop b", "stop a"])
    continuation.finish()
  }

  @Test("a second signal during graceful shutdown cancels the services")
  func secondSignal() async throws {
    let log = EventLog()
    let (signals, continuation) = AsyncStream.makeStream(of: Int32.self)
    let group = ServiceHost.makeServiceGroup(
      services: [GracefulService(name: "a", log: log), StubbornService(log: log)],
      configuration: configuration, logger: logger)
    let start = ContinuousClock.now
    let run = Task { try await ServiceHost.run(group: group, signals: signals, logger: logger) }
    try await log.waitFor(2, startingWith: "start")
    continuation.yield(15)
    try await Task.sleep(for: .milliseconds(100))
    #expect(log.events.filter { $0.hasPrefix("stop") }.isEmpty, "stubborn service still runs")
    continuation.yield(2)
    await #expect(throws: ServiceHostError.cancelledBySecondSignal) { try await run.value }
    #expect(log.events.contains("stop stubborn cancelled=true"))
    #expect(ContinuousClock.now - start < .seconds(10))
    continuation.finish()
  }

  @Test("the grace period escalates a stuck shutdown to cancellation")
  func gracePeriod() async throws {
    let log = EventLog()
    var short = configuration
    short.shutdownGracePeriod = .milliseconds(200)
    let group = ServiceHost.makeServiceGroup(
      services: [StubbornService(log: log)], configuration: short, logger: logger)
    async let run: Void = group.run()
    try await log.waitFor(1, startingWith: "start")
    await group.triggerGracefulShutdown()
    _ = try? await run
    #expect(log.events.contains("stop stubborn cancelled=true"))
  }

  @Test("a failing service shuts the others down gracefully and its error is rethrown")
  func failingService() async throws {
    let log = EventLog()
    let group = ServiceHost.makeServiceGroup(
      services: [GracefulService(name: "database", log: log), FailingService(log: log)],
      configuration: configuration, logger: logger)
    await #expect(throws: FailingService.Failure()) { try await group.run() }
    #expect(log.events.contains("stop database"))
  }

  @Test("an HTTP application runs as the last service and stops on graceful shutdown")
  func httpService() async throws {
    let log = EventLog()
    let app = try HTTPServerFactory.makeApplication(
      configuration: configuration, logger: logger)
    let group = ServiceHost.makeServiceGroup(
      services: [GracefulService(name: "database", log: log), app],
      configuration: configuration, logger: logger)
    async let run: Void = group.run()
    try await log.waitFor(1, startingWith: "start")
    try await Task.sleep(for: .milliseconds(100))
    await group.triggerGracefulShutdown()
    try await run
    #expect(log.events == ["start database", "stop database"])
  }
}
