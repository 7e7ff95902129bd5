import Foundation
import TestSupport

/// The facilitators an end-to-end run registers in its area through facilitator-matching's
/// API, as an administrator would: enough capacity for every agreeing case.
enum FacilitatorSeed {
  /// Registers three facilitators covering `area`, capacity 30 each (20 agreeing cases' pairs), vetted and supervised:
  /// two advanced advisors trained for every sensitive case type (a pair for any case) and an
  /// intermediate one trained for none.
  static func register(in area: String, through clients: HubClients) async throws {
    let token = try await clients.token(.administrator)
    for number in 1...3 {
      let body: [String: Any] = [
        "facilitatorId": "FAC-\(area.uppercased())-\(number)",
        "displayName": "Facilitator \(number)",
        "email": "facilitator.\(area).\(number)@example.org",
        "agency": "E2E RJ Service", "level": number < 3 ? "advanced" : "intermediate",
        "areas": [area], "languages": ["en"], "sensitiveTrained": number < 3, "active": true,
        "capacity": 30, "vettingExpiresOn": SyntheticDates.day(365),
        "lastSupervisionOn": SyntheticDates.day(-14),
      ]
      let (status, reply) = try await clients.http(
        "POST", "facilitator-matching", "/facilitators", token: token, json: body)
      guard (200..<300).contains(status) else {
        throw HubTestError.http(status, String(decoding: reply, as: UTF8.self))
      }
    }
  }
}
