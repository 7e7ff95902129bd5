import Foundation

/// One letter as the renderer lays it out: who it is from and to, when, and what it says.
///
/// Every line is plain text; nothing is interpreted as markup. A document holds personal data
/// (the recipient's name and address): keep it in memory only for as long as it takes to
/// render, and never log it.
public struct LetterDocument: Sendable, Equatable {
  /// The sender's name and postal address, one line each (the hub's office in the area, not
  /// a person): printed at the top right and, on one line, above the recipient in the window
  /// so that an undeliverable letter comes back.
  public var returnAddress: [String]
  /// How to reach the sender (telephone, email), printed under the return address.
  public var senderContact: [String]
  /// The recipient's name and address, one line each, placed in the envelope's window.
  public var recipient: [String]
  /// The date as the letter writes it (`1 December 2025`).
  public var date: String
  /// A reference the reader can quote (a case id), or nil.
  public var reference: String?
  /// The heading above the body (an email's subject).
  public var heading: String
  /// The body's paragraphs, in order; a line break inside one is kept.
  public var paragraphs: [String]
  /// Standard print or large print.
  public var format: LetterFormat

  /// A letter from `returnAddress` to `recipient`, dated `date`, with `heading` and
  /// `paragraphs`, in `format`.
  public init(
    returnAddress: [String], senderContact: [String] = [], recipient: [String], date: String,
    reference: String? = nil, heading: String, paragraphs: [String],
    format: LetterFormat = .standard
  ) {
    self.returnAddress = returnAddress
    self.senderContact = senderContact
    self.recipient = recipient
    self.date = date
    self.reference = reference
    self.heading = heading
    self.paragraphs = paragraphs
    self.format = format
  }

  /// `text`'s paragraphs: split on blank lines, each trimmed, empty ones dropped; single line
  /// breaks inside a paragraph are kept (a signature's two lines stay two lines).
  public static func paragraphs(of text: String) -> [String] {
    var paragraphs: [String] = []
    var current: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty {
        if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
        current = []
      } else {
        current.append(trimmed)
      }
    }
    if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
    return paragraphs
  }

  /// `text`'s address lines: split on line breaks and commas, each trimmed, empty ones
  /// dropped (`1 Synthetic Street, Exampletown, EX1 1AA` is three lines).
  public static func addressLines(of text: String) -> [String] {
    text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "," })
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }
}
