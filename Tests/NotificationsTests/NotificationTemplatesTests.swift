import EventContracts
import Foundation
import Testing

@testable import Notifications

/// Every purpose's template, rendered from synthetic values.
@Suite("notification templates")
struct NotificationTemplatesTests {
  let templates: NotificationTemplates
  static let values = [
    "caseId": "case-0001", "referralId": "REF-0001", "area": "synthetic-area", "role": "lead",
  ]

  init() throws { templates = try NotificationTemplates() }

  /// `purpose` rendered for case-0001 with the synthetic values.
  func render(
    _ purpose: NotificationPurpose, name: String? = "Alex Example", language: String? = nil,
    values: [String: String] = values
  ) -> RenderedNotification {
    templates.render(
      purpose, language: language, values: values, caseId: "case-0001", recipientName: name)
  }

  @Test("each purpose renders a subject and a body with its values and no mustache left")
  func everyPurpose() {
    for purpose in NotificationPurpose.allCases {
      let rendered = render(purpose)
      #expect(!rendered.subject.isEmpty, "\(purpose)")
      #expect(!rendered.subject.contains("\n"), "\(purpose)")
      #expect(rendered.body.hasPrefix("Dear Alex Example,\n\n"), "\(purpose)")
      #expect(rendered.body.contains("case-0001"), "\(purpose)")
      #expect(rendered.body.contains("The RJ Hub restorative justice service"), "\(purpose)")
      #expect(!(rendered.subject + rendered.body).contains("{{"), "\(purpose)")
      #expect(!(rendered.subject + rendered.body).contains("}}"), "\(purpose)")
      #expect(rendered.language == "en")
    }
  }

  @Test("the referrer's acknowledgement names the referral, the case and the area")
  func referrerAcknowledgement() {
    let rendered = render(.referrerAcknowledgement)
    #expect(rendered.subject == "Referral received - RJ Hub case case-0001")
    #expect(
      rendered.body.contains(
        "Thank you for your referral (your reference REF-0001). We have received it and opened "
          + "restorative justice case case-0001 for the synthetic-area area."))
  }

  @Test("the victim's information says taking part is their choice")
  func victimInformation() {
    let rendered = render(.victimRJInformation)
    #expect(rendered.subject == "Information about restorative justice")
    #expect(rendered.body.contains("Taking part is your choice."))
    #expect(rendered.body.contains("please quote reference case-0001."))
  }

  @Test("the facilitator's allocation names the case and the role, and asks for no answer")
  func facilitatorAllocation() {
    let rendered = render(.facilitatorAllocation)
    #expect(rendered.subject == "New case allocated to you - RJ Hub case case-0001")
    #expect(
      rendered.body.contains(
        "Restorative justice case case-0001 in the synthetic-area area has been allocated to "
          + "you as lead facilitator."))
    #expect(!rendered.body.lowercased().contains("accept"))
    #expect(!rendered.body.lowercased().contains("decline"))
  }

  @Test("missing values leave their sentence parts out; no name gives a neutral greeting")
  func missingValues() {
    let rendered = render(.referrerAcknowledgement, name: nil, values: [:])
    #expect(rendered.body.hasPrefix("Hello,\n\n"))
    #expect(
      rendered.body.contains(
        "Thank you for your referral. We have received it and opened restorative justice case "
          + "case-0001."))
    let blankName = render(.facilitatorAllocation, name: "  ", values: ["caseId": "case-0002"])
    #expect(blankName.body.hasPrefix("Hello,\n\n"))
    #expect(blankName.body.contains("case case-0002 has been allocated to you."))
  }

  @Test("values are written as they are: plain text, nothing HTML-escaped")
  func plainText() {
    let rendered = render(.referrerAcknowledgement, name: "O'Brien & <Sons>")
    #expect(rendered.body.hasPrefix("Dear O'Brien & <Sons>,"))
  }

  @Test(
    "a language without templates falls back to English", arguments: ["cy-GB", "cy", "pl", "EN"])
  func languageFallback(language: String) {
    let rendered = render(.victimRJInformation, language: language)
    #expect(rendered.language == "en")
    #expect(rendered == render(.victimRJInformation))
  }
}
