import Foundation
import TestSupport

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The benchmark's facilitators, registered through facilitator-matching's API with enough
/// capacity (100 each) for every case: advanced, trained for every sensitive case type, vetted
/// and supervised, so any two make a pair.
enum Facilitators {
  static func register(count: Int, run: String, area: String, token: String) async throws {
    let port = ProcessInfo.processInfo.environment["RJHUB_FACILITATOR_MATCHING_PORT"] ?? "8083"
    for number in 1...count {
      var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/facilitators")!)
      request.httpMethod = "POST"
      request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
      request.httpBody = try JSONSerialization.data(withJSONObject: [
        "facilitatorId": "FAC-BENCH-\(run)-\(number)", "displayName": "Bench Facilitator \(number)",
        "email": "facilitator.\(run).\(number)@example.org", "agency": "Benchmark RJ Service",
        "level": "advanced", "areas": [area], "languages": ["en"], "sensitiveTrained": true,
        "active": true, "capacity": 100, "vettingExpiresOn": SyntheticDates.day(365),
        "lastSupervisionOn": SyntheticDates.day(-14),
      ])
      let (data, response) = try await URLSession.shared.data(for: request)
      guard let status = (response as? HTTPURLResponse)?.statusCode, (200..<300).contains(status)
      else {
        throw CaseWorkAPI.Failure(
          description: "registering a facilitator: \(String(decoding: data, as: UTF8.self))")
      }
    }
  }
}
