/// Body lines for ``EmailMessage``: split on any line ending, wrapped as `format=flowed`
/// text (plain ASCII) or quoted-printable (anything else), always within SMTP's line limit.
enum MailBodyText {
  /// The longest line written, in bytes (SMTP allows 998).
  static let maximumLine = 900

  /// `text` split on CRLF, CR or LF.
  static func lines(of text: String) -> [String] {
    text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  /// The width ``flowed(_:)`` wraps at.
  static let flowedWidth = 76

  /// An ASCII `line` as `format=flowed` text (RFC 3676): wrapped at spaces to lines of at
  /// most ``flowedWidth`` characters, each wrapped line ending in the space a reader's mail
  /// program joins it back on; trailing spaces of the line itself dropped (they would read as
  /// a soft break), and lines starting with a space, `>` or `From ` space-stuffed.
  static func flowed(_ line: String) -> [String] {
    var rest = Substring(line)
    while rest.last == " " { rest = rest.dropLast() }
    var lines: [String] = []
    while rest.count > flowedWidth {
      let window = rest.prefix(flowedWidth)
      guard let space = window.lastIndex(of: " "), space > rest.startIndex else { break }
      let cut = rest.index(after: space)
      lines.append(String(rest[..<cut]))
      rest = rest[cut...]
    }
    lines.append(String(rest))
    return lines.flatMap(hardWrapped).map {
      $0.hasPrefix(" ") || $0.hasPrefix(">") || $0.hasPrefix("From ") ? " " + $0 : $0
    }
  }

  /// An ASCII `line` cut into pieces of at most ``maximumLine`` bytes.
  static func hardWrapped(_ line: String) -> [String] {
    let bytes = Array(line.utf8)
    guard bytes.count > maximumLine else { return [line] }
    return stride(from: 0, to: bytes.count, by: maximumLine).map {
      String(decoding: bytes[$0..<min($0 + maximumLine, bytes.count)], as: UTF8.self)
    }
  }

  /// `line` in quoted-printable (RFC 2045): printable ASCII as is, everything else (and `=`)
  /// as `=XX`, trailing whitespace encoded, soft line breaks keeping lines within 76.
  static func quotedPrintable(_ line: String) -> [String] {
    let bytes = Array(line.utf8)
    var tokens: [String] = []
    for (index, byte) in bytes.enumerated() {
      let isLast = index == bytes.count - 1
      let literal =
        (byte >= 0x21 && byte <= 0x7E && byte != UInt8(ascii: "="))
        || (byte == 0x20 && !isLast)
      tokens.append(
        literal
          ? String(Character(Unicode.Scalar(byte)))
          : "=" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2))
    }
    var lines: [String] = []
    var current = ""
    for token in tokens {
      if current.utf8.count + token.utf8.count > 75 {
        lines.append(current + "=")
        current = ""
      }
      current += token
    }
    lines.append(current)
    return lines
  }
}
