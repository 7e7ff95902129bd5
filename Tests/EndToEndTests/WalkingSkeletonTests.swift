import Foundation
import TestSupport
import Testing

/// The walking skeleton, end to end: the five services as separate processes against the
/// real PostgreSQL, RabbitMQ and SMTP server, driven only through their public interfaces.
@Suite("Walking skeleton, end to end", .serialized)
struct WalkingSkeletonTests {
  /// A fresh area per run, so runs never see each other's cases or figures.
  static func freshArea() -> String {
    "e2e" + String((0..<6).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement()! })
  }

  /// A fresh area whose default case-number code (its first three letters) differs from
  /// `other`'s, so intake can serve both.
  static func freshArea(numberedApartFrom other: String) -> String {
    while true {
      let area = freshArea()
      if area.filter(\.isLetter).prefix(3) != other.filter(\.isLetter).prefix(3) { return area }
    }
  }

  @Test("200 referrals from a police system reach cases, emails, facilitators and figures")
  func referralsTravelThroughAllFiveServices() async throws {
    let hub = try HubUnderTest(area: Self.freshArea())
    do {
      try await hub.waitUntilReady()
      try await SkeletonJourney(hub: hub).run()
    } catch {
      await hub.stop()
      throw error
    }
    await hub.stop()
  }

  @Test(
    "two replicas of everything, one of each SIGKILLed mid-run, the broker restarted: same figures, no email twice beyond the crash window's bound"
  )
  func survivesKilledReplicasAndBrokerRestart() async throws {
    let hub = try HubUnderTest(area: Self.freshArea(), replicas: 2)
    do {
      try await hub.waitUntilReady()
      // One notifications process is killed: at most one email per delivery loop of it.
      let bound = EmailRepeats.bound(
        killedNotificationsProcesses: 1, sendersPerProcess: HubUnderTest.notificationSenders)
      try await SkeletonJourney(hub: hub).run(emailRepeatsAllowed: bound) { clients in
        try await hub.killAndRestart(replica: 0)
        await clients.disconnect()
        try await TestServers.runInfra("rabbitmq.sh", ["restart"])
        try await hub.waitUntilReady()
        return try await HubClients(hub: hub)
      }
    } catch {
      await hub.stop()
      throw error
    }
    await hub.stop()
  }
}
