import EventContracts
import FacilitatorMatching
import HubConfiguration
import ServiceRuntime
import TestSupport
import Testing

@Suite("facilitator-matching definition")
struct FacilitatorMatchingDefinitionTests {
  static let environment = EnvironmentReader(
    ["RJHUB_JWT_HS256_KEY": "synthetic-test-key-synthetic-test-key-0123"]
      .merging(TestPersonalData.environment) { $1 })

  @Test("the service is named for its broker prefix and owns its own schema")
  func naming() throws {
    let definition = try FacilitatorMatchingService.definition(environment: Self.environment)
    #expect(definition.name == "facilitator-matching")
    #expect(definition.schema == "facilitator_matching")
    #expect(definition.defaultHTTPPort == 8083)
    #expect(definition.migrations.map(\.version) == [50, 51, 100, 101, 102])
    #expect(
      FacilitatorMatchingService.migrations().map(\.version) == [
        1, 2, 3, 50, 51, 100, 101, 102,
      ])
  }

  @Test(
    "it consumes facilitator-matching.requests, bound to rj.events for requests and stage changes")
  func queue() throws {
    let definition = try FacilitatorMatchingService.definition(environment: Self.environment)
    #expect(definition.consumers.map(\.queue.name) == ["facilitator-matching.requests"])
    #expect(FacilitatorMatchingService.requestQueue.name == "facilitator-matching.requests")
    let bindings = FacilitatorMatchingService.requestQueue.bindings
    #expect(bindings.map(\.exchange) == [EventExchange.events, EventExchange.events])
    #expect(
      bindings.map(\.routingKey) == ["facilitators.requested.v1", "case.stage-changed.v1"])
  }

  @Test("it refuses to start without the token key, naming the variable")
  func needsTokenKey() {
    #expect {
      try FacilitatorMatchingService.definition(environment: EnvironmentReader([:]))
    } throws: { error in
      "\(error)".contains("RJHUB_JWT_HS256_KEY")
    }
  }

  @Test("sensitive offence categories come from the environment, compared loosely")
  func sensitiveCategories() {
    let defaults = FacilitatorMatchingSettings(environment: EnvironmentReader([:]))
    #expect(
      defaults.sensitiveOffenceCategories
        == Set(FacilitatorMatchingSettings.defaultSensitiveOffenceCategories)
    )
    #expect(defaults.isSensitive(offenceCategory: "Domestic abuse", bereavedFamily: false))
    #expect(defaults.isSensitive(offenceCategory: " sexual_offence ", bereavedFamily: false))
    #expect(!defaults.isSensitive(offenceCategory: "burglary", bereavedFamily: false))
    // A referral's sensitivity flag makes any offence a sensitive case.
    #expect(
      defaults.isSensitive(
        offenceCategory: "burglary", bereavedFamily: false, sensitivity: ["stalking"]))
    #expect(
      !defaults.isSensitive(offenceCategory: "burglary", bereavedFamily: false, sensitivity: []))
    #expect(defaults.isSensitive(offenceCategory: "burglary", bereavedFamily: true))
    #expect(!defaults.isSensitive(offenceCategory: nil, bereavedFamily: false))

    let configured = FacilitatorMatchingSettings(
      environment: EnvironmentReader(["RJHUB_SENSITIVE_OFFENCE_CATEGORIES": "Arson, ,burglary"]))
    #expect(configured.sensitiveOffenceCategories == ["arson", "burglary"])
    #expect(configured.isSensitive(offenceCategory: "BURGLARY", bereavedFamily: false))
    #expect(!configured.isSensitive(offenceCategory: "stalking", bereavedFamily: false))
    #expect(
      FacilitatorMatchingSettings.documentation.map(\.name) == [
        "RJHUB_SENSITIVE_OFFENCE_CATEGORIES"
      ])
  }
}
