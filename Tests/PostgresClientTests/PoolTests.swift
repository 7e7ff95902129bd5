import Foundation
import PostgresClient
import TestSupport
import Testing

@Suite("Connection pool and reconnects")
struct PoolTests {
  @Test("a pool of 4 serves 50 concurrent tasks on at most 4 backends")
  func fiftyTasks() async throws {
    let pool = PostgresConnectionPool(
      configuration: try TestDatabase.configuration(), size: 4,
      logger: TestServers.logger("pool-tests"))
    let pids = try await withThrowingTaskGroup(of: Int.self) { group in
      for index in 0..<50 {
        group.addTask {
          try await pool.withTransaction { session in
            let row = try session.query(
              "SELECT pg_backend_pid(), $1::int8, pg_sleep(0.01)", [.int(Int64(index))]
            ).rows[0]
            #expect(try row.decode(1, as: Int.self) == index)
            return try row.decode(0, as: Int.self)
          }
        }
      }
      var pids = [Int]()
      for try await pid in group { pids.append(pid) }
      return pids
    }
    #expect(pids.count == 50)
    #expect(Set(pids).count <= 4)
    #expect(await pool.isReachable())
    await pool.close()
    await #expect(throws: PostgresError.self) {
      try await pool.withSession { session in try session.query("SELECT 1") }
    }
  }

  @Test("slow statements do not block Swift's cooperative threads")
  func cooperativePoolStaysFree() async throws {
    let pool = PostgresConnectionPool(
      configuration: try TestDatabase.configuration(), size: 4,
      logger: TestServers.logger("pool-tests"))
    let sleepers = Task {
      try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0..<4 {
          group.addTask { _ = try await pool.withSession { try $0.query("SELECT pg_sleep(1)") } }
        }
        try await group.waitForAll()
      }
    }
    try await Task.sleep(for: .milliseconds(200))
    let started = ContinuousClock.now
    for _ in 0..<10 { try await Task.sleep(for: .milliseconds(10)) }
    #expect(started.duration(to: .now) < .milliseconds(500))
    try await sleepers.value
    await pool.close()
  }

  @Test("an unreachable server reports false from isReachable and connectionFailed otherwise")
  func unreachable() async throws {
    var configuration = try TestDatabase.configuration()
    configuration.port = 1
    configuration.password = "never-shown-7731"
    let pool = PostgresConnectionPool(
      configuration: configuration, size: 1, logger: TestServers.logger("pool-tests"))
    #expect(await pool.isReachable() == false)
    do {
      try await pool.withSession { session in try session.query("SELECT 1") }
      Issue.record("connected to port 1")
    } catch let error as PostgresError {
      guard case .connectionFailed = error else {
        Issue.record("unexpected error \(error)")
        return
      }
      #expect(error.isTransient)
      #expect(!error.description.contains("never-shown-7731"))
    }
    await pool.close()
  }

  @Test("the pool reconnects after its backend is terminated; an in-flight call fails transiently")
  func reconnectAfterTermination() async throws {
    let appName = TestServers.uniqueName("pooltest")
    let logger = TestServers.logger("pool-tests")
    let pool = PostgresConnectionPool(
      configuration: try TestDatabase.configuration(applicationName: appName), size: 1,
      logger: logger)
    let admin = PostgresConnection(configuration: try TestDatabase.configuration(), logger: logger)
    let backendPID: @Sendable (PostgresSession) throws -> Int = { session in
      try session.query("SELECT pg_backend_pid()").rows[0].decode(0, as: Int.self)
    }

    // Killed while idle: the next call reconnects and succeeds.
    let first = try await pool.withSession(backendPID)
    try await BackendKiller.terminate(pid: first, using: admin)
    let second = try await pool.withSession(backendPID)
    #expect(second != first)

    // Killed mid-statement: that call throws connectionLost, the next one succeeds.
    let inFlight = Task {
      try await pool.withSession { session in try session.query("SELECT pg_sleep(30)") }
    }
    var sawActive = false
    for _ in 0..<100 where !sawActive {
      sawActive = try await admin.withSession { session in
        try session.query(
          "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND state = 'active'",
          [.int(Int64(second))]
        ).rows[0].decode(0, as: Int.self) == 1
      }
      if !sawActive { try await Task.sleep(for: .milliseconds(20)) }
    }
    #expect(sawActive)
    try await BackendKiller.terminate(pid: second, using: admin)
    do {
      _ = try await inFlight.value
      Issue.record("the in-flight statement survived its backend")
    } catch let error as PostgresError {
      guard case .connectionLost = error else {
        Issue.record("unexpected error \(error)")
        return
      }
      #expect(error.isTransient)
    }
    let third = try await pool.withSession(backendPID)
    #expect(third != second)
    await pool.close()
    await admin.close()
  }
}
