import Reporting
import Testing

@Suite("reporting definition")
struct ReportingDefinitionTests {
  @Test("the service is named for its broker prefix and owns its own schema")
  func naming() throws {
    let definition = try ReportingService.definition()
    #expect(definition.name == "reporting")
    #expect(definition.schema == "reporting")
    #expect(definition.defaultHTTPPort == 8085)
  }
}
