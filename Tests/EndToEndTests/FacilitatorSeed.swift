import Foundation

/// The facilitators an end-to-end run registers in its area through facilitator-matching's
/// API, as an administrator would: enough capacity for every agreeing case.
enum FacilitatorSeed {
  /// Registers three practitioners covering `area`, capacity 10 each.
  static func register(in area: String, through clients: HubClients) async throws {
    let token = try await clients.token(.administrator)
    for number in 1...3 {
      let body: [String: Any] = [
        "facilitatorId": "FAC-\(area.uppercased())-\(number)",
        "displayName": "Facilitator \(number)",
        "email": "facilitator.\(area).\(number)@example.org",
        "agency": "E2E RJ Service", "level": "practitioner", "areas": [area],
        "languages": ["en"], "sensitiveTrained": number == 1, "active": true, "capacity": 10,
      ]
      let (status, reply) = try await clients.http(
        "POST", "facilitator-matching", "/facilitators", token: token, json: body)
      guard (200..<300).contains(status) else {
        throw HubTestError.http(status, String(decoding: reply, as: UTF8.self))
      }
    }
  }
}
