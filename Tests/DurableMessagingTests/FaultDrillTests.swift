import DrillKit
import Foundation
import PostgresClient
import TestSupport
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Exactly-once effects across process crashes, broker restarts and database restarts, with
/// the drill service running as separate processes on the real servers. These restart the
/// shared servers, so they run one at a time.
@Suite("Fault drills", .serialized)
struct FaultDrillTests {
  static let total = 10_000

  /// A drill service with unique names; its effects live in `schema`.
  struct Drill {
    let schema: SchemaName
    var service: String { schema.name }
    var exchange: String { "\(service).events" }
    var arguments: [String] {
      ["--service", service, "--schema", schema.name, "--exchange", exchange]
    }
    let pool: PostgresConnectionPool

    init() throws {
      schema = try TestServers.uniqueSchema("drill")
      pool = PostgresConnectionPool(
        configuration: try PostgresConfiguration(
          url: try TestServers.databaseURL(), applicationName: "fault-drill"),
        size: 2, logger: TestServers.logger("fault-drill"))
    }

    /// Starts a replica whose handler transactions stay open 40 ms, so that a fault lands
    /// inside a batch.
    func serve(_ replica: String, httpPort: Int = 0) throws -> DrillProcess {
      try DrillProcess(
        ["serve", "--batch-delay-ms", "40"] + arguments, name: "\(service)-\(replica)",
        httpPort: httpPort)
    }

    /// Records that a fault came while work was still outstanding; a drill whose fault
    /// lands after the last effect proves nothing, so it fails.
    func expectMidStream(_ fault: String) async throws {
      let done = try await effects().distinct
      #expect(done < FaultDrillTests.total, "the \(fault) came after every effect (\(done))")
    }

    /// Writes `count` events to the outbox, `batch` per transaction with `pauseMs` between.
    func produce(_ count: Int, first: Int = 1, batch: Int = 500, pauseMs: Int = 0) async throws {
      let producer = try DrillProcess(
        [
          "produce", "--count", "\(count)", "--first", "\(first)", "--batch", "\(batch)",
          "--pause-ms", "\(pauseMs)",
        ] + arguments,
        name: "\(service)-produce-\(first)")
      let status = try await producer.waitForExit(seconds: 180)
      guard status == 0 else {
        throw DrillError.failed("produce exited \(String(describing: status)): \(producer.log())")
      }
    }

    func effects() async throws -> (rows: Int, distinct: Int) {
      // The table appears when the first process has migrated.
      do {
        return try await DrillLedger.counts(schema: schema, pool: pool)
      } catch let error as PostgresError
        where error.sqlState == "42P01" || error.sqlState == "3F000"
      {
        return (0, 0)
      }
    }

    func waitForEffects(atLeast count: Int, seconds: Double, _ processes: [DrillProcess])
      async throws
    {
      let deadline = ContinuousClock.now + .seconds(seconds)
      var last = (rows: 0, distinct: 0)
      while ContinuousClock.now < deadline {
        do { last = try await effects() } catch let error as PostgresError where error.isTransient {
        }
        if last.distinct >= count { return }
        try await Task.sleep(for: .milliseconds(100))
      }
      let logs = processes.map { String($0.log().suffix(3000)) }.joined(separator: "\n---\n")
      throw DrillError.failed(
        "only \(last.distinct) of \(count) effects after \(seconds) s; logs:\n\(logs)")
    }

    /// After everything arrived, waits a moment for stragglers and checks exactly-once.
    func expectExactlyOnce(_ count: Int) async throws {
      try await Task.sleep(for: .seconds(1))
      let effects = try await effects()
      #expect(effects.distinct == count, "every message took effect")
      #expect(effects.rows == count, "no message took effect twice")
    }
  }

  @Test("a consumer killed with SIGKILL mid-batch and restarted: every effect exactly once")
  func sigkillMidBatch() async throws {
    let drill = try Drill()
    var first = try drill.serve("a")
    let second = try drill.serve("b")
    try await drill.produce(Self.total)
    try await drill.waitForEffects(atLeast: Self.total / 3, seconds: 120, [first, second])
    first.send(SIGKILL)
    try await drill.expectMidStream("SIGKILL")
    #expect(try await first.waitForExit(seconds: 10) != nil)
    first = try drill.serve("a-restarted")
    try await drill.waitForEffects(atLeast: Self.total, seconds: 180, [first, second])
    try await drill.expectExactlyOnce(Self.total)
    await first.stop()
    await second.stop()
  }

  @Test("the broker restarted twice while 10,000 messages are in flight: every effect exactly once")
  func brokerRestartedTwice() async throws {
    let drill = try Drill()
    let serve = try drill.serve("a")
    // A stream of about 30 s, longer than the two restarts (about 10 s each) together.
    async let produced: Void = drill.produce(Self.total, batch: 200, pauseMs: 600)
    try await drill.waitForEffects(atLeast: Self.total / 3, seconds: 120, [serve])
    try await drill.expectMidStream("first broker restart")
    try await TestServers.runInfra("rabbitmq.sh", ["restart"])
    try await drill.waitForEffects(atLeast: Self.total / 2, seconds: 180, [serve])
    try await drill.expectMidStream("second broker restart")
    try await TestServers.runInfra("rabbitmq.sh", ["restart"])
    try await produced
    try await drill.waitForEffects(atLeast: Self.total, seconds: 240, [serve])
    try await drill.expectExactlyOnce(Self.total)
    await serve.stop()
  }

  @Test("PostgreSQL restarted mid-stream: every effect exactly once")
  func databaseRestarted() async throws {
    let drill = try Drill()
    let serve = try drill.serve("a")
    try await drill.produce(Self.total)
    try await drill.waitForEffects(atLeast: Self.total / 3, seconds: 120, [serve])
    try await drill.expectMidStream("database restart")
    try await TestServers.runInfra("postgres.sh", ["restart"])
    try await drill.waitForEffects(atLeast: Self.total, seconds: 180, [serve])
    try await drill.expectExactlyOnce(Self.total)
    await serve.stop()
  }

  @Test("SIGTERM: ready before, in-flight work finished, exit 0, and a restart completes the rest")
  func gracefulSigterm() async throws {
    let drill = try Drill()
    let port = Int.random(in: 20_000..<30_000)
    let serve = try drill.serve("a", httpPort: port)
    try await waitForReady(port: port, process: serve)
    let metrics = try await fetch("http://127.0.0.1:\(port)/metrics")
    #expect(metrics.status == 200)
    try await drill.produce(Self.total)
    try await drill.waitForEffects(atLeast: 2000, seconds: 120, [serve])
    let busy = try await fetch("http://127.0.0.1:\(port)/metrics").body
    for name in [
      "rjhub_messages_consumed_total", "rjhub_messages_published_total",
      "rjhub_handler_duration_seconds", "rjhub_outbox_backlog", "rjhub_outbox_oldest_age_seconds",
    ] {
      #expect(busy.contains(name), "/metrics lacks \(name)")
    }
    serve.send(SIGTERM)
    try await drill.expectMidStream("SIGTERM")
    let status = try await serve.waitForExit(seconds: 40)
    #expect(status == 0, "graceful shutdown exits 0; log: \(serve.log().suffix(2000))")
    #expect(serve.log().contains("outbox flushed on shutdown"))
    let restarted = try drill.serve("a-restarted")
    try await drill.waitForEffects(atLeast: Self.total, seconds: 180, [restarted])
    try await drill.expectExactlyOnce(Self.total)
    await restarted.stop()
  }

  func waitForReady(port: Int, process: DrillProcess) async throws {
    let deadline = ContinuousClock.now + .seconds(60)
    while ContinuousClock.now < deadline {
      if let response = try? await fetch("http://127.0.0.1:\(port)/health/ready"),
        response.status == 200
      {
        return
      }
      try await Task.sleep(for: .milliseconds(200))
    }
    throw DrillError.failed("never ready: \(process.log().suffix(2000))")
  }

  func fetch(_ url: String) async throws -> (status: Int, body: String) {
    let (data, response) = try await URLSession.shared.data(from: URL(string: url)!)
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
  }
}

enum DrillError: Error, CustomStringConvertible {
  case failed(String)
  var description: String {
    switch self {
    case .failed(let why): why
    }
  }
}
