import Notifications
import Testing

@Suite("notifications definition")
struct NotificationsDefinitionTests {
  @Test("the service is named for its broker prefix and owns its own schema")
  func naming() throws {
    let definition = try NotificationsService.definition()
    #expect(definition.name == "notifications")
    #expect(definition.schema == "notifications")
    #expect(definition.defaultHTTPPort == 8084)
  }
}
