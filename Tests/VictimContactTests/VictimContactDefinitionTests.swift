import Testing
import VictimContact

@Suite("victim-contact definition")
struct VictimContactDefinitionTests {
  @Test("the service is named for its broker prefix and owns its own schema")
  func naming() throws {
    let definition = try VictimContactService.definition()
    #expect(definition.name == "victim-contact")
    #expect(definition.schema == "victim_contact")
    #expect(definition.defaultHTTPPort == 8082)
  }
}
