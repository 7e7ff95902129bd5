import EventContracts
import Foundation
import SMTPClient
import Testing

@testable import Notifications

/// What the delivery loop does with a claimed notification, before sending anything.
@Suite("delivery plan")
struct DeliveryPlanTests {
  /// A claimed notification on `channel` to `recipient`.
  func claimed(
    _ channel: PreferredContact, _ recipient: NotificationRequested.Recipient, attempt: Int = 1
  ) -> ClaimedNotification {
    ClaimedNotification(
      notificationId: "case-1/victim-rj-information", caseId: "case-1", area: "synthetic-area",
      purpose: .victimRJInformation, channel: channel, language: nil, values: [:],
      requestEventId: UUID(), correlationId: nil, recipient: recipient, attempt: attempt)
  }

  @Test("email goes to a usable address; none, or an unusable one, fails as no-address")
  func email() {
    #expect(
      DeliveryPlan.decide(claimed(.email, .init(email: " v@example.org ")), maxAttempts: 5)
        == .email(address: "v@example.org"))
    #expect(
      DeliveryPlan.decide(claimed(.email, .init(address: "1 Street")), maxAttempts: 5)
        == .fail(.noAddress))
    #expect(
      DeliveryPlan.decide(claimed(.email, .init(email: "not an address")), maxAttempts: 5)
        == .fail(.noAddress))
  }

  @Test("a letter needs a postal address")
  func letter() {
    #expect(
      DeliveryPlan.decide(claimed(.letter, .init(address: "1 Street")), maxAttempts: 5)
        == .letter(address: "1 Street"))
    #expect(
      DeliveryPlan.decide(
        claimed(.letter, .init(email: "v@example.org", address: " \n")), maxAttempts: 5)
        == .fail(.noAddress))
  }

  @Test("texts and calls are not something this service can deliver")
  func phone() {
    #expect(
      DeliveryPlan.decide(claimed(.phone, .init(phone: "01234 567890")), maxAttempts: 5)
        == .fail(.channelUnsupported))
  }

  @Test("an attempt beyond the limit (earlier claims died mid-send) gives up")
  func beyondLimit() {
    #expect(
      DeliveryPlan.decide(
        claimed(.email, .init(email: "v@example.org"), attempt: 5), maxAttempts: 5)
        == .email(address: "v@example.org"))
    #expect(
      DeliveryPlan.decide(
        claimed(.email, .init(email: "v@example.org"), attempt: 6), maxAttempts: 5)
        == .fail(.attemptsExhausted))
  }

  @Test("only a 5xx refusal of the recipient or the message is permanent")
  func classification() {
    // libcurl codes: 0 OK, 7 couldn't connect, 8 weird server reply, 55 send error.
    #expect(SMTPMailer.classify(curlCode: 0, reply: 250, message: "") == .accepted)
    #expect(
      SMTPMailer.classify(curlCode: 55, reply: 550, message: "RCPT failed: 550")
        == .refused(reply: 550))
    #expect(
      SMTPMailer.classify(curlCode: 55, reply: 554, message: "DATA failed: 554")
        == .refused(reply: 554))
    #expect(SMTPMailer.classify(curlCode: 8, reply: 552, message: "") == .refused(reply: 552))
    #expect(
      SMTPMailer.classify(curlCode: 55, reply: 451, message: "RCPT failed: 451")
        == .transient(curlCode: 55, reply: 451))
    #expect(
      SMTPMailer.classify(curlCode: 55, reply: 553, message: "MAIL failed: 553")
        == .transient(curlCode: 55, reply: 553))
    #expect(
      SMTPMailer.classify(curlCode: 7, reply: 0, message: "Failed to connect")
        == .transient(curlCode: 7, reply: 0))
    #expect(SMTPOutcome.transient(curlCode: 7, reply: 0).code == "curl-7")
    #expect(SMTPOutcome.refused(reply: 550).code == "smtp-550")
  }
}
