import Foundation
import LetterDocuments
import TestSupport
import Testing

/// Letters rendered by Cairo and Pango, then opened by poppler (pdfinfo, pdftotext,
/// pdftoppm) as a print-and-post provider's tools would: page count, A4, the text really in
/// the PDF, the page numbers, and the window of the envelope not blank. Synthetic people only.
@Suite("letter rendering")
struct LetterRendererTests {
  static let recipient = ["Sam Synthetic", "1 Synthetic Street", "Exampletown", "EX1 1AA"]
  static let returnAddress = ["Restorative Justice Hub", "PO Box 102", "Norwich"]

  /// A letter of `paragraphs` (two short ones by default) in `format`.
  static func letter(
    paragraphs: [String] = [
      "We are writing because, as someone affected by a crime, you have the right to information about restorative justice.",
      "With best wishes,\nThe RJ Hub restorative justice service",
    ], format: LetterFormat = .standard
  ) -> LetterDocument {
    LetterDocument(
      returnAddress: returnAddress, senderContact: ["01632 960 102", "rj.norfolk@example.org"],
      recipient: recipient, date: "1 December 2025", reference: "case-synthetic-1",
      heading: "Information about restorative justice", paragraphs: paragraphs, format: format)
  }

  /// A letter long enough for several pages: `count` paragraphs of synthetic prose.
  static func longLetter(_ count: Int = 14, format: LetterFormat = .standard) -> LetterDocument {
    letter(
      paragraphs: (1...count).map {
        "Paragraph \($0). Restorative justice gives people harmed by a crime the chance to communicate with the person responsible, if they want to. Taking part is your choice, and you can change your mind at any time, even after agreeing."
      }, format: format)
  }

  /// `text` with runs of whitespace as single spaces (pdftotext's layout spaces columns).
  static func squeezed(_ text: String) -> String {
    text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  @Test("a short letter: one A4 page with the address block, return address, body and page number")
  func shortLetter() throws {
    let rendered = try LetterRenderer.render(Self.letter())
    #expect(rendered.pageCount == 1)
    #expect(rendered.pdf.starts(with: Array("%PDF-".utf8)))
    let poppler = try Poppler(rendered.pdf)
    defer { poppler.remove() }
    let info = try poppler.info()
    #expect(info["Pages"] == "1")
    #expect(info["Page size"] == "595.28 x 841.89 pts (A4)")
    #expect(info["Creator"] == "RJ Hub notifications")
    let lines = try poppler.text().split(separator: "\n").map { Self.squeezed(String($0)) }
    for line in Self.recipient { #expect(lines.contains { $0.hasPrefix(line) }, "\(line)") }
    let text = Self.squeezed(try poppler.text())
    #expect(
      text.contains("If undelivered, return to: Restorative Justice Hub, PO Box 102, Norwich"))
    #expect(text.contains("PO Box 102"))
    #expect(text.contains("01632 960 102"))
    #expect(text.contains("1 December 2025"))
    #expect(text.contains("Our reference: case-synthetic-1"))
    #expect(text.contains("Information about restorative justice"))
    #expect(text.contains("you have the right to information about restorative justice."))
    #expect(text.contains("With best wishes,"))
    #expect(text.contains("Page 1 of 1"))
  }

  @Test("the recipient's block lies inside the DL envelope's window")
  func addressInWindow() throws {
    for format in LetterFormat.allCases {
      let poppler = try Poppler(try LetterRenderer.render(Self.letter(format: format)).pdf)
      defer { poppler.remove() }
      let words = try poppler.words(page: 1)
      let window = PageGeometry.window
      for line in Self.recipient {
        for part in line.split(separator: " ") {
          let word = try #require(words.first { $0.text == part }, "\(part)")
          #expect(word.xMin >= window.x && word.xMax <= window.x + window.width, "\(part)")
          #expect(word.yMin >= window.y && word.yMax <= window.y + window.height, "\(part)")
        }
      }
    }
  }

  @Test("a long letter runs on to more pages, each numbered Page n of N")
  func longLetterPages() throws {
    let rendered = try LetterRenderer.render(Self.longLetter())
    #expect(rendered.pageCount >= 2)
    let poppler = try Poppler(rendered.pdf)
    defer { poppler.remove() }
    #expect(try poppler.info()["Pages"] == "\(rendered.pageCount)")
    for page in 1...rendered.pageCount {
      let text = Self.squeezed(try poppler.text(page: page))
      #expect(text.contains("Page \(page) of \(rendered.pageCount)"), "page \(page)")
    }
    // Every paragraph is there, once, in order, across the pages.
    let text = Self.squeezed(try poppler.text())
    var position = text.startIndex
    for index in 1...14 {
      let found = try #require(
        text.range(of: "Paragraph \(index).", range: position..<text.endIndex))
      position = found.upperBound
    }
    // The recipient's address is on the first page only.
    #expect(!(try poppler.text(page: 2)).contains("1 Synthetic Street"))
  }

  @Test("large print: 16 pt or larger body text, more pages for the same letter")
  func largePrint() throws {
    let standard = try LetterRenderer.render(Self.longLetter(format: .standard))
    let large = try LetterRenderer.render(Self.longLetter(format: .largePrint))
    #expect(large.pageCount > standard.pageCount)
    /// The height pdftotext gives the body's words (measured: 10.5 for 11 pt, 16.3 for
    /// 16 pt).
    func bodyWordHeight(_ pdf: [UInt8]) throws -> Double {
      let poppler = try Poppler(pdf)
      defer { poppler.remove() }
      let word = try #require(try poppler.words(page: 1).first { $0.text == "Restorative" })
      return word.height
    }
    let standardHeight = try bodyWordHeight(standard.pdf)
    let largeHeight = try bodyWordHeight(large.pdf)
    #expect(standardHeight > 9.5 && standardHeight < 12, "\(standardHeight)")
    #expect(largeHeight >= 15, "\(largeHeight)")
    let poppler = try Poppler(large.pdf)
    defer { poppler.remove() }
    #expect(try poppler.info()["Page size"] == "595.28 x 841.89 pts (A4)")
    #expect(Self.squeezed(try poppler.text()).contains("Page 1 of \(large.pageCount)"))
  }

  @Test("page 1 as an image: A4 at 50 dpi, ink in the window and the letterhead, blank margins")
  func pageImage() throws {
    let poppler = try Poppler(try LetterRenderer.render(Self.letter()).pdf)
    defer { poppler.remove() }
    let png = try GrayImage.pngSize(try poppler.image(page: 1, dpi: 50, format: "-png"))
    // 210 × 297 mm at 50 dots per inch: 413.4 × 584.6 pixels, which pdftoppm rounds up.
    #expect(png.width == 414 && png.height == 585, "\(png)")
    let page = try GrayImage(pgm: try poppler.image(page: 1, dpi: 50, format: "-gray"))
    #expect(page.width == png.width && page.height == png.height)
    let window = page.inkCoverage(xMillimetres: 24...106, yMillimetres: 49...86)
    let letterhead = page.inkCoverage(xMillimetres: 120...190, yMillimetres: 15...40)
    let leftMargin = page.inkCoverage(xMillimetres: 2...18, yMillimetres: 20...280)
    let belowText = page.inkCoverage(xMillimetres: 20...190, yMillimetres: 200...270)
    #expect(window > 0.01, "window ink \(window)")
    #expect(letterhead > 0.005, "letterhead ink \(letterhead)")
    #expect(leftMargin == 0, "left margin ink \(leftMargin)")
    #expect(belowText == 0, "ink under a short letter's text \(belowText)")
  }

  @Test("an address too long for the window at its size is shrunk to fit")
  func longAddressFits() throws {
    var document = Self.letter(format: .largePrint)
    document.recipient = [
      "Sam Synthetic", "Flat 12", "Synthetic House", "1 Synthetic Street", "Example Village",
      "Exampletown", "EX1 1AA",
    ]
    let poppler = try Poppler(try LetterRenderer.render(document).pdf)
    defer { poppler.remove() }
    let postcode = try #require(try poppler.words(page: 1).first { $0.text == "1AA" })
    #expect(postcode.yMax <= PageGeometry.window.y + PageGeometry.window.height)
  }

  @Test("paragraphs and address lines are split as letters write them")
  func splitting() {
    #expect(
      LetterDocument.paragraphs(of: "Dear Sam,\n\nOne line\nand the next.\n\n\n  Last.  \n")
        == ["Dear Sam,", "One line\nand the next.", "Last."])
    #expect(
      LetterDocument.addressLines(of: "1 Synthetic Street, Exampletown,\nEX1 1AA")
        == ["1 Synthetic Street", "Exampletown", "EX1 1AA"])
  }

  @Test("renders on many tasks at once (each render owns its Cairo objects)")
  func concurrentRenders() async throws {
    let counts = try await withThrowingTaskGroup(of: Int.self) { group in
      for _ in 0..<8 {
        group.addTask { try LetterRenderer.render(Self.longLetter()).pageCount }
      }
      return try await group.reduce(into: [Int]()) { $0.append($1) }
    }
    #expect(counts.count == 8)
    #expect(Set(counts).count == 1)
  }
}
