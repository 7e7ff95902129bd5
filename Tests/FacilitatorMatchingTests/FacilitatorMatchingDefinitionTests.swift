import FacilitatorMatching
import Testing

@Suite("facilitator-matching definition")
struct FacilitatorMatchingDefinitionTests {
  @Test("the service is named for its broker prefix and owns its own schema")
  func naming() throws {
    let definition = try FacilitatorMatchingService.definition()
    #expect(definition.name == "facilitator-matching")
    #expect(definition.schema == "facilitator_matching")
    #expect(definition.defaultHTTPPort == 8083)
  }
}
