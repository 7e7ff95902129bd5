import Intake
import Testing

@Suite("intake definition")
struct IntakeDefinitionTests {
  @Test("the service is named for its broker prefix and owns its own schema")
  func naming() throws {
    let definition = try IntakeService.definition()
    #expect(definition.name == "intake")
    #expect(definition.schema == "intake")
    #expect(definition.defaultHTTPPort == 8081)
  }
}
