import AccessControl
import Testing

@Suite("Roles")
struct RoleTests {
  @Test("role names in tokens are the documented ones")
  func names() {
    #expect(
      Role.allCases.map(\.rawValue) == [
        "referrer", "case-worker", "supervisor", "facilitator", "commissioner", "administrator",
      ])
  }
}
