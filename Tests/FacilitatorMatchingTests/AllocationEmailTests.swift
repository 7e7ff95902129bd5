import EventContracts
import Foundation
import Testing

@testable import Notifications

/// The email a facilitator gets when allocated (issue 21: it asked them to accept or decline,
/// and named a role and a respond-by date nobody filled in): rendered from the request
/// facilitator-matching really makes, it says what the hub did and asks for nothing the hub
/// does not have.
@Suite("allocation email", .serialized)
struct AllocationEmailTests {
  @Test("the allocation email says only what the hub did, every value filled in")
  func allocationEmailSaysOnlyWhatTheHubDid() async throws {
    let (area, request, notice) = try await AllocationHarness.with { h in
      let area = SyntheticRequests.area()
      let facilitatorId = "TST-\(area)-1"
      try await h.register([
        SyntheticRequests.facilitator(facilitatorId, areas: [area]),
        AllocationEndingTests.coFacilitator(area),
      ])
      let request = SyntheticRequests.request(area: area)
      try await h.deliver([request])
      try await h.waitUntilHandled([request])
      let notice = try #require(try await h.events(NotificationRequested.self).first).data
      return (area, request, notice)
    }

    let email = try NotificationTemplates().render(
      notice.purpose, language: notice.language, values: notice.values, caseId: notice.caseId,
      recipientName: notice.recipient.name)
    let caseId = request.data.caseId
    #expect(email.subject == "New case allocated to you - RJ Hub case \(caseId)")
    #expect(
      email.body.contains(
        "Restorative justice case \(caseId) in the \(area) area has been allocated to you as "
          + "lead facilitator."))
    let text = email.body.lowercased()
    for promise in ["accept", "decline", "respond", "reply by", "at the latest"] {
      #expect(!text.contains(promise), "the email asks for something the hub cannot take")
    }
    #expect(!email.body.contains("{{") && !email.body.contains("}}"))
    #expect(!email.body.contains(" as  ") && !email.body.contains(" ."), "an empty value")
  }
}
