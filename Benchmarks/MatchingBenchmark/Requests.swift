import EventContracts
import Foundation
import TestSupport

/// The benchmark's requests for facilitators, as victim-contact publishes them: one in ten
/// sensitive (domestic abuse), one in five with a Polish-speaking victim.
enum Requests {
  static func make(_ count: Int, areas: [String], run: String, prefix: String)
    -> [EventEnvelope<FacilitatorsRequested>]
  {
    (0..<count).map { index in
      let caseId = "MB-\(run)-\(prefix)-\(index)"
      return EventEnvelope(
        producer: "victim-contact", area: areas[index % areas.count], caseId: caseId,
        correlationId: UUID(),
        data: FacilitatorsRequested(
          requestId: "\(caseId)/facilitators", caseId: caseId,
          offenceCategory: index % 10 == 0 ? "domestic-abuse" : "burglary",
          language: index % 5 == 0 ? "pl" : "en", bereavedFamily: false, requestedAt: Date()))
    }
  }

  /// Publishes `requests` in confirm windows of 500.
  static func publish(_ requests: [EventEnvelope<FacilitatorsRequested>], rig: ServiceAPIRig)
    async throws
  {
    for start in stride(from: 0, to: requests.count, by: 500) {
      try await rig.publish(Array(requests[start..<min(start + 500, requests.count)]))
    }
  }
}
