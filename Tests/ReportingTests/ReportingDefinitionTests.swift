import DurableMessaging
import EventContracts
import Reporting
import Testing

@Suite("reporting definition")
struct ReportingDefinitionTests {
  @Test("the service is named for its broker prefix and owns its own schema")
  func naming() throws {
    let definition = try ReportingService.definition(
      environment: .init([
        "RJHUB_JWT_HS256_KEY": String(repeating: "k", count: 48)
      ]))
    #expect(definition.name == "reporting")
    #expect(definition.schema == "reporting")
    #expect(definition.defaultHTTPPort == 8085)
    #expect(definition.consumers.map(\.queue) == [ReportingService.eventQueue])
    #expect(definition.migrations.map(\.version) == [100, 101, 102, 103, 104, 105])
  }

  @Test("reporting.events takes the nineteen counted events from rj.events and nothing else")
  func bindings() {
    let queue = ReportingService.eventQueue
    #expect(queue.name == "reporting.events")
    #expect(queue.bindings.allSatisfy { $0.exchange == EventExchange.events })
    #expect(
      Set(queue.bindings.map(\.routingKey))
        == [
          "referral.accepted.v1", "referral.rejected.v1", "case.opened.v1",
          "case.stage-changed.v1", "contact.task-scheduled.v1", "contact.task-closed.v1",
          "contact.recorded.v1",
          "facilitator.allocated.v1", "allocation.unfilled.v1", "allocation.ended.v1",
          "allocation.offered.v1", "allocation.declined.v1", "facilitator.registered.v1",
          "notification.sent.v1",
          "notification.failed.v1", "consent.withdrawn.v1", "intervention.recorded.v1",
          "survey.answered.v1", "complaint.recorded.v1",
        ])
    #expect(queue.bindings.count == 19)
  }

  @Test("reporting never binds the events that carry names and contact details")
  func noPersonalData() {
    let keys = ReportingService.eventQueue.bindings.map(\.routingKey)
    for personal in [
      CaseContactDetails.routingKey, CaseReferralLinked.routingKey,
      NotificationRequested.routingKey,
    ] {
      #expect(!keys.contains(personal), "\(personal)")
    }
    // No wildcard could let them in either.
    #expect(keys.allSatisfy { !$0.contains("#") && !$0.contains("*") })
  }
}
