import Foundation

/// One email as handed to the relay: envelope sender and recipient, and the RFC 5322
/// message (headers and a plain-text body, CRLF line endings).
struct EmailMessage: Sendable, Equatable {
  /// The envelope sender (`MAIL FROM`).
  var from: String
  /// The envelope recipient (`RCPT TO`).
  var recipient: String
  /// The whole message, ready to upload.
  var data: [UInt8]

  /// Composes the email for notification `notificationId`.
  ///
  /// Its `Message-ID` is derived from the notification id (``messageID(notificationId:)``), so
  /// every attempt at the same notification carries the same id and a receiving system can
  /// recognise a repeat. Header values are stripped of line breaks (no header injection) and
  /// encoded as RFC 2047 words when not plain ASCII. A plain ASCII body is sent as
  /// `format=flowed` text wrapped at 76 characters; any other body quoted-printable.
  init(
    notificationId: String, from: String, to recipient: String, recipientName: String?,
    subject: String, body: String, date: Date
  ) {
    self.from = from
    self.recipient = recipient
    var headers = [
      ("Date", MailHeaderText.date(date)),
      ("From", MailHeaderText.mailbox(name: "RJ Hub", address: from)),
      ("To", MailHeaderText.mailbox(name: recipientName, address: recipient)),
      ("Subject", MailHeaderText.unstructured(subject)),
      ("Message-ID", Self.messageID(notificationId: notificationId)),
      ("MIME-Version", "1.0"),
      ("Auto-Submitted", "auto-generated"),
    ]
    let lines = MailBodyText.lines(of: body)
    let encodedBody: [String]
    if lines.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) {
      headers.append(("Content-Type", "text/plain; charset=UTF-8; format=flowed"))
      headers.append(("Content-Transfer-Encoding", "7bit"))
      encodedBody = lines.flatMap { MailBodyText.flowed($0) }
    } else {
      headers.append(("Content-Type", "text/plain; charset=UTF-8"))
      headers.append(("Content-Transfer-Encoding", "quoted-printable"))
      encodedBody = lines.flatMap { MailBodyText.quotedPrintable($0) }
    }
    var text = ""
    for (name, value) in headers { text += "\(name): \(value)\r\n" }
    text += "\r\n"
    for line in encodedBody { text += line + "\r\n" }
    data = Array(text.utf8)
  }

  /// The `Message-ID` of notification `notificationId`: `<id@rjhub>`, where the id keeps
  /// letters, digits, `-`, `_` and `/` and writes every other byte as `=XX` (so it is valid
  /// RFC 5322 and different notification ids never share a Message-ID).
  static func messageID(notificationId: String) -> String {
    var left = ""
    for byte in notificationId.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
        UInt8(ascii: "/"):
        left.append(Character(Unicode.Scalar(byte)))
      default:
        left += "=" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
      }
    }
    return "<\(left.isEmpty ? "=" : left)@rjhub>"
  }
}

extension String {
  /// The string with `0`s in front up to `width` characters.
  func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
