import EventContracts
import Foundation
import Testing

@testable import Notifications

/// The email as handed to the relay, and the letter as stored: pure composition.
@Suite("email composition and letters")
struct EmailMessageTests {
  static let date = Date(timeIntervalSince1970: 1_764_581_400)  // Mon 1 Dec 2025 09:30 UTC

  /// The composed message text for a fixed notification, sender and date.
  func compose(name: String?, subject: String = "Subject", body: String = "Hello\nWorld")
    -> String
  {
    let message = EmailMessage(
      notificationId: "case-1/referrer-acknowledgement", from: "rj-hub@localhost",
      to: "referrer@example.org", recipientName: name, subject: subject, body: body,
      date: Self.date)
    return String(decoding: message.data, as: UTF8.self)
  }

  @Test("the Message-ID is derived from the notification id: stable, valid and distinct")
  func messageID() {
    #expect(
      EmailMessage.messageID(notificationId: "case-1/referrer-acknowledgement")
        == "<case-1/referrer-acknowledgement@rjhub>")
    #expect(EmailMessage.messageID(notificationId: "a.b c@d") == "<a=2Eb=20c=40d@rjhub>")
    #expect(EmailMessage.messageID(notificationId: "a=2E") == "<a=3D2E@rjhub>")
    #expect(
      EmailMessage.messageID(notificationId: "a.") != EmailMessage.messageID(notificationId: "a=2E")
    )
  }

  @Test("an ASCII email has the expected headers, CRLF line endings and a 7bit body")
  func asciiMessage() {
    let text = compose(name: "Alex \"AJ\" Example")
    #expect(text.hasPrefix("Date: Mon, 01 Dec 2025 09:30:00 +0000\r\n"))
    #expect(text.contains("\r\nFrom: \"RJ Hub\" <rj-hub@localhost>\r\n"))
    #expect(text.contains("\r\nTo: \"Alex \\\"AJ\\\" Example\" <referrer@example.org>\r\n"))
    #expect(text.contains("\r\nSubject: Subject\r\n"))
    #expect(text.contains("\r\nMessage-ID: <case-1/referrer-acknowledgement@rjhub>\r\n"))
    #expect(text.contains("\r\nContent-Transfer-Encoding: 7bit\r\n"))
    #expect(text.hasSuffix("\r\n\r\nHello\r\nWorld\r\n"))
    #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
  }

  @Test("a long ASCII paragraph is wrapped as format=flowed text that joins back unchanged")
  func flowed() {
    let paragraph = Array(repeating: "Restorative justice is voluntary.", count: 8)
      .joined(separator: " ")
    let text = compose(name: nil, body: "Hello,\n\n\(paragraph)\n>quoted\nFrom here ")
    #expect(text.contains("\r\nContent-Type: text/plain; charset=UTF-8; format=flowed\r\n"))
    let body = text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
    let lines = body.components(separatedBy: "\r\n")
    #expect(lines.allSatisfy { $0.count <= 76 })
    #expect(lines.contains(" >quoted"))
    #expect(lines.contains(" From here"))
    #expect(StoredEmail.unflowed(body).contains("\r\n\r\n\(paragraph)\r\n"))
  }

  @Test("line breaks in a name or subject cannot add headers")
  func headerInjection() {
    let text = compose(name: "Eve\r\nBcc: victim@example.org", subject: "Hi\nBcc: x@example.org")
    let headers = text.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
    #expect(!headers.contains { $0.hasPrefix("Bcc:") })
    #expect(headers.contains("To: \"Eve  Bcc: victim@example.org\" <referrer@example.org>"))
  }

  @Test("non-ASCII names and subjects are RFC 2047 words; such a body is quoted-printable")
  func nonASCII() {
    let text = compose(name: "Siân Jônes", subject: "Gwybodaeth – cyfiawnder", body: "Annwyl Siân,")
    #expect(text.contains("To: =?UTF-8?B?\(Data("Siân Jônes".utf8).base64EncodedString())?="))
    #expect(
      text.contains(
        "Subject: =?UTF-8?B?\(Data("Gwybodaeth – cyfiawnder".utf8).base64EncodedString())?="))
    #expect(text.contains("Content-Transfer-Encoding: quoted-printable"))
    #expect(text.hasSuffix("\r\n\r\nAnnwyl Si=C3=A2n,\r\n"))
  }

  @Test("quoted-printable keeps lines within 76 characters with soft breaks")
  func softBreaks() {
    let lines = MailBodyText.quotedPrintable(String(repeating: "é", count: 40) + " ")
    #expect(lines.count > 1)
    #expect(lines.allSatisfy { $0.utf8.count <= 76 })
    #expect(lines.dropLast().allSatisfy { $0.hasSuffix("=") })
    #expect(lines.last?.hasSuffix("=20") == true)
  }

  @Test("addresses that could break the envelope or a header are not usable")
  func addresses() {
    #expect(EmailAddress.isUsable("referrer.1@example.org"))
    for bad in [
      "", "no-at-sign", "@example.org", "a@", "a b@example.org", "a@b@c", "<a@example.org>",
      "a@example.org\r\nRCPT TO:<b@example.org>", "a,b@example.org",
    ] {
      #expect(!EmailAddress.isUsable(bad), "\(bad.debugDescription)")
    }
  }
}
