import Foundation
import PostgresClient
import TestSupport
import Testing

@Suite("LISTEN / NOTIFY")
struct NotificationTests {
  @Test("a waiting session receives a notification promptly")
  func deliveredPromptly() async throws {
    let channel = TestServers.uniqueName("chan")
    let logger = TestServers.logger("notify-tests")
    let listener = PostgresConnection(
      configuration: try TestDatabase.configuration(), logger: logger)
    let sender = PostgresConnection(configuration: try TestDatabase.configuration(), logger: logger)
    try await listener.withSession { session in try session.listen(channel) }
    let waiting = Task {
      try await listener.withSession { session in
        try session.waitForNotifications(timeout: .seconds(20))
      }
    }
    try await Task.sleep(for: .milliseconds(300))
    let sentAt = ContinuousClock.now
    let senderPID = try await sender.withSession { session in
      try session.notify(channel, payload: "case-42")
      return try session.query("SELECT pg_backend_pid()").rows[0].decode(0, as: Int32.self)
    }
    let notifications = try await waiting.value
    let latency = sentAt.duration(to: .now)
    #expect(latency < .seconds(2))
    #expect(notifications.count == 1)
    #expect(notifications.first?.channel == channel)
    #expect(notifications.first?.payload == "case-42")
    #expect(notifications.first?.processID == senderPID)
    await listener.close()
    await sender.close()
  }

  @Test("waiting without a notification times out with an empty list")
  func timeout() async throws {
    let channel = TestServers.uniqueName("chan")
    let listener = PostgresConnection(
      configuration: try TestDatabase.configuration(), logger: TestServers.logger("notify-tests"))
    let started = ContinuousClock.now
    let notifications = try await listener.withSession { session in
      try session.listen(channel)
      return try session.waitForNotifications(timeout: .milliseconds(300))
    }
    let elapsed = started.duration(to: .now)
    #expect(notifications.isEmpty)
    #expect(elapsed >= .milliseconds(290))
    #expect(elapsed < .seconds(3))
    await listener.close()
  }

  @Test("a reconnected connection listens again on its channels")
  func relistensAfterReconnect() async throws {
    let channel = TestServers.uniqueName("chan")
    let appName = TestServers.uniqueName("listener")
    let logger = TestServers.logger("notify-tests")
    let listener = PostgresConnection(
      configuration: try TestDatabase.configuration(applicationName: appName), logger: logger)
    let admin = PostgresConnection(configuration: try TestDatabase.configuration(), logger: logger)
    let oldPID = try await listener.withSession { session in
      try session.listen(channel)
      return try session.query("SELECT pg_backend_pid()").rows[0].decode(0, as: Int.self)
    }
    try await BackendKiller.terminate(pid: oldPID, using: admin)
    let newPID = try await listener.withSession { session in
      try session.query("SELECT pg_backend_pid()").rows[0].decode(0, as: Int.self)
    }
    #expect(newPID != oldPID)
    try await admin.withSession { session in try session.notify(channel, payload: "again") }
    let notifications = try await listener.withSession { session in
      try session.waitForNotifications(timeout: .seconds(5))
    }
    #expect(notifications.map(\.payload) == ["again"])
    await listener.close()
    await admin.close()
  }
}

/// Ends server backends the way an operator or failover would, without restarting PostgreSQL.
enum BackendKiller {
  /// Terminates backend `pid` and waits until the server has removed it.
  static func terminate(pid: Int, using admin: PostgresConnection) async throws {
    let terminated = try await admin.withSession { session in
      try session.query("SELECT pg_terminate_backend($1)", [.int(Int64(pid))]).rows[0]
        .decode(0, as: Bool.self)
    }
    #expect(terminated)
    for _ in 0..<100 {
      let gone = try await admin.withSession { session in
        try session.query(
          "SELECT count(*) FROM pg_stat_activity WHERE pid = $1", [.int(Int64(pid))]
        )
        .rows[0].decode(0, as: Int.self) == 0
      }
      if gone { return }
      try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("backend \(pid) did not go away")
  }
}
