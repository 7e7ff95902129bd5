import EventContracts
import Foundation
import HubAreas
import HubConfiguration
import ServiceRuntime
import TestSupport
import Testing

@testable import FacilitatorMatching

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
    #expect(definition.migrations.map(\.version) == [50, 51, 100, 101, 102, 103])
    #expect(
      FacilitatorMatchingService.migrations().map(\.version) == [
        1, 2, 3, 50, 51, 100, 101, 102, 103,
      ])
  }

  @Test(
    "it consumes facilitator-matching.requests, bound to rj.events for requests and stage changes")
  func queue() throws {
    let definition = try FacilitatorMatchingService.definition(environment: Self.environment)
    #expect(definition.consumers.map(\.queue.name) == ["facilitator-matching.requests"])
    #expect(FacilitatorMatchingService.requestQueue.name == "facilitator-matching.requests")
    let bindings = FacilitatorMatchingService.requestQueue.bindings
    #expect(bindings.map(\.exchange) == Array(repeating: EventExchange.events, count: 3))
    #expect(
      bindings.map(\.routingKey) == [
        "facilitators.requested.v1", "case.stage-changed.v1", "intervention.recorded.v1",
      ])
  }

  @Test("it refuses to start without the token key, naming the variable")
  func needsTokenKey() {
    #expect {
      try FacilitatorMatchingService.definition(environment: EnvironmentReader([:]))
    } throws: { error in
      "\(error)".contains("RJHUB_JWT_HS256_KEY")
    }
  }

  @Test("sensitive offence categories map to case types from the environment, compared loosely")
  func sensitiveCategories() throws {
    let defaults = try FacilitatorMatchingSettings(environment: EnvironmentReader([:]))
    #expect(defaults.sensitiveOffenceCategories["sexual-offence"] == "sexual-harm")
    #expect(defaults.sensitiveOffenceCategories.count == 6)
    #expect(
      defaults.caseTypes(offenceCategory: "Domestic abuse", bereavedFamily: false)
        == ["domestic-abuse"])
    #expect(
      defaults.caseTypes(offenceCategory: " sexual_offence ", bereavedFamily: false)
        == ["sexual-harm"])
    #expect(defaults.caseTypes(offenceCategory: "burglary", bereavedFamily: false).isEmpty)
    // Flags, a bereaved family and a participant under 18 add their types.
    #expect(
      defaults.caseTypes(
        offenceCategory: "burglary", bereavedFamily: true,
        sensitivity: ["stalking", "death-caused-by-crime"], youth: true)
        == ["stalking", "bereaved-family", "youth"])
    #expect(!defaults.isSensitive(offenceCategory: nil, bereavedFamily: false))
    #expect(defaults.offerTimeout == .workingDays(2))
    #expect(defaults.watchInterval == .seconds(30))

    let configured = try FacilitatorMatchingSettings(
      environment: EnvironmentReader([
        "RJHUB_SENSITIVE_OFFENCE_CATEGORIES": "Arson=arson-harm, ,burglary",
        "RJHUB_ALLOCATION_OFFER_TIMEOUT": "3 working days",
        "RJHUB_ALLOCATION_WATCH_INTERVAL": "5s",
      ]))
    #expect(
      configured.sensitiveOffenceCategories == ["arson": "arson-harm", "burglary": "burglary"])
    #expect(
      configured.caseTypes(offenceCategory: "BURGLARY", bereavedFamily: false) == ["burglary"])
    #expect(configured.offerTimeout == .workingDays(3))
    #expect(configured.watchInterval == .seconds(5))
    let fixed = try FacilitatorMatchingSettings(
      environment: EnvironmentReader(["RJHUB_ALLOCATION_OFFER_TIMEOUT": "90s"]))
    #expect(fixed.offerTimeout == .duration(.seconds(90)))
    #expect {
      try FacilitatorMatchingSettings(
        environment: EnvironmentReader(["RJHUB_ALLOCATION_OFFER_TIMEOUT": "soon"]))
    } throws: { "\($0)".contains("RJHUB_ALLOCATION_OFFER_TIMEOUT") }
    #expect(
      FacilitatorMatchingSettings.documentation.map(\.name) == [
        "RJHUB_SENSITIVE_OFFENCE_CATEGORIES", "RJHUB_ALLOCATION_OFFER_TIMEOUT",
        "RJHUB_ALLOCATION_WATCH_INTERVAL", "RJHUB_DISTRICT_CENTRES_FILE",
      ])
  }

  @Test("an offer made on a Friday lapses at the end of the second working day, London time")
  func offerTimeoutOnWorkingDays() throws {
    let desk = AllocationDesk(
      schema: "unused", personalData: RegisterPersonalData(sealer: TestPersonalData.sealer),
      settings: FacilitatorMatchingSettings(), areas: HubAreaDirectory(HubAreaDirectory.defaults))
    // Friday 2026-12-18 15:00 UTC: Monday 21st and Tuesday 22nd are the two working days.
    let friday = try #require(RFC3339.parse("2026-12-18T15:00:00Z"))
    #expect(desk.answerDue(after: friday, area: "norfolk") == RFC3339.parse("2026-12-23T00:00:00Z"))
    // Over Christmas: Wednesday 23rd, then Christmas Day and Boxing Day (observed Monday 28th)
    // are not working days: Thursday 24th and Tuesday 29th.
    let wednesday = try #require(RFC3339.parse("2026-12-23T10:00:00Z"))
    #expect(
      desk.answerDue(after: wednesday, area: "norfolk") == RFC3339.parse("2026-12-30T00:00:00Z"))
    // In summer the day ends at 23:00 UTC.
    let june = try #require(RFC3339.parse("2026-06-01T09:00:00Z"))
    #expect(desk.answerDue(after: june, area: "norfolk") == RFC3339.parse("2026-06-03T23:00:00Z"))
  }
}
