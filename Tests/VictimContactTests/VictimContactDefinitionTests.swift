import EventContracts
import HubConfiguration
import ServiceRuntime
import TestSupport
import Testing
import VictimContact

@Suite("victim-contact definition")
struct VictimContactDefinitionTests {
  static let environment = EnvironmentReader(
    ["RJHUB_JWT_HS256_KEY": "synthetic-test-key-synthetic-test-key-0123"]
      .merging(TestPersonalData.environment) { $1 })

  @Test("the service is named for its broker prefix and owns its own schema")
  func naming() throws {
    let definition = try VictimContactService.definition(environment: Self.environment)
    #expect(definition.name == "victim-contact")
    #expect(definition.schema == "victim_contact")
    #expect(definition.defaultHTTPPort == 8082)
    #expect(
      definition.migrations.map(\.version) == [
        50, 51, 100, 101, 102, 103, 104, 105, 106, 107, 108,
      ])
  }

  @Test("it consumes victim-contact.cases, bound to rj.events for the eight events it acts on")
  func queue() throws {
    let definition = try VictimContactService.definition(environment: Self.environment)
    #expect(definition.consumers.map(\.queue.name) == ["victim-contact.cases"])
    let bindings = try #require(definition.consumers.first).queue.bindings
    #expect(bindings.allSatisfy { $0.exchange == EventExchange.events })
    #expect(
      Set(bindings.map(\.routingKey)) == [
        "case.opened.v1", "case.contact-details.v1", "case.referral-linked.v1",
        "case.transferred-out.v1", "facilitator.allocated.v1",
        "allocation.unfilled.v1", "notification.sent.v1", "notification.failed.v1",
      ])
  }

  @Test("it refuses to start without the token key, naming the variable")
  func needsTokenKey() {
    #expect {
      try VictimContactService.definition(environment: EnvironmentReader([:]))
    } throws: { error in
      "\(error)".contains("RJHUB_JWT_HS256_KEY")
    }
  }
}
