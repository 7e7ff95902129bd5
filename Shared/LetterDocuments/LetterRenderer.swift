import CPangoCairo

/// Renders a ``LetterDocument`` to a print-ready A4 PDF with Cairo's PDF surface and Pango's
/// text layout: real text (selectable, searchable, read aloud by a screen reader), wrapped
/// and paginated, fonts embedded.
///
/// Page one carries the return address at the top right, the recipient's block in the DL
/// envelope's window with a one-line return address above it (``PageGeometry``), then the
/// date, the reference, the heading and the body; later pages continue the body. Every page
/// ends with "Page n of N". ``LetterFormat/largePrint`` sets everything the reader reads in
/// 16 pt or more with more leading.
///
/// Cairo and Pango objects are not `Sendable`: each render creates, uses and destroys its
/// own inside this one call, writing into memory (`cairo_pdf_surface_create_for_stream`),
/// so renders on any number of tasks at once share nothing.
public enum LetterRenderer {
  /// The smallest size the recipient's block is shrunk to when it would not fit the window.
  static let smallestAddressSize = 9.0

  /// `document` as a PDF.
  /// - Throws: ``LetterRenderingError`` with Cairo's status when Cairo fails (out of
  ///   memory, a font that cannot be embedded).
  public static func render(_ document: LetterDocument) throws(LetterRenderingError)
    -> RenderedLetter
  {
    let sink = PDFByteSink()
    guard
      let surface = cairo_pdf_surface_create_for_stream(
        PDFByteSink.write, sink.closure, PageGeometry.width, PageGeometry.height)
    else { throw LetterRenderingError(step: "creating the PDF surface", status: "no surface") }
    defer { cairo_surface_destroy(surface) }
    try check(cairo_surface_status(surface), "creating the PDF surface")
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "RJ Hub notifications")
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "Letter")

    guard let context = cairo_create(surface) else {
      throw LetterRenderingError(step: "creating the drawing context", status: "no context")
    }
    let pageCount: Int
    do {
      defer { cairo_destroy(context) }
      try check(cairo_status(context), "creating the drawing context")
      cairo_set_source_rgb(context, 0, 0, 0)
      pageCount = draw(document, on: context)
      try check(cairo_status(context), "drawing the letter")
    }
    cairo_surface_finish(surface)
    try check(cairo_surface_status(surface), "finishing the PDF")
    return RenderedLetter(pdf: sink.bytes, pageCount: pageCount)
  }

  /// Lays out and draws every page of `document` on `context`; returns the page count.
  static func draw(_ document: LetterDocument, on context: OpaquePointer) -> Int {
    let style = document.format.style
    let body = { (text: String, bold: Bool, size: Double) in
      TextLines(
        text, context: context, family: style.family, size: size, bold: bold,
        width: PageGeometry.bodyWidth, leading: style.leading)
    }
    // The text that flows from page to page, with the space before each block.
    var flow: [(lines: TextLines, spaceBefore: Double)] = [
      (body(document.date, false, style.bodySize), 0)
    ]
    if let reference = document.reference {
      flow.append((body("Our reference: \(reference)", false, style.bodySize), 0))
    }
    flow.append((body(document.heading, true, style.headingSize), style.paragraphSpacing * 1.5))
    for paragraph in document.paragraphs {
      flow.append((body(paragraph, false, style.bodySize), style.paragraphSpacing))
    }
    let placed = paginate(flow.map { ($0.lines.heights, $0.spaceBefore) })
    let pageCount = (placed.last?.page ?? 0) + 1

    for page in 0..<pageCount {
      if page == 0 { drawFirstPageHead(document, style: style, on: context) }
      for line in placed where line.page == page {
        flow[line.block].lines.draw(
          line: line.line, on: context, x: PageGeometry.sideMargin, top: line.top)
      }
      let number = TextLines(
        "Page \(page + 1) of \(pageCount)", context: context, family: style.family,
        size: max(9, style.bodySize - 2), width: PageGeometry.bodyWidth,
        alignment: PANGO_ALIGN_CENTER, leading: 1)
      number.drawAll(
        on: context, x: PageGeometry.sideMargin,
        top: PageGeometry.pageNumberBaseline - number.baselines[0])
      cairo_show_page(context)
    }
    return pageCount
  }

  /// Where one line of the flow goes: block, line in it, page (from 0), top.
  struct PlacedLine: Equatable {
    var block: Int
    var line: Int
    var page: Int
    var top: Double
  }

  /// Places the lines of blocks (their line heights, and the space before each block) from
  /// the first page's body top down, starting a new page when a line would reach the footer.
  /// The space before a block is dropped at the top of a page.
  static func paginate(_ blocks: [(heights: [Double], spaceBefore: Double)]) -> [PlacedLine] {
    var placed: [PlacedLine] = []
    var page = 0
    var top = PageGeometry.firstPageBodyTop
    var atPageTop = false
    for (blockIndex, block) in blocks.enumerated() {
      if !atPageTop { top += block.spaceBefore }
      for (lineIndex, height) in block.heights.enumerated() {
        if top + height > PageGeometry.bodyBottom {
          page += 1
          top = PageGeometry.laterPageBodyTop
        }
        placed.append(PlacedLine(block: blockIndex, line: lineIndex, page: page, top: top))
        top += height
        atPageTop = false
      }
    }
    return placed
  }

  /// The return address at the top right, and in the window the return line and the
  /// recipient's block (shrunk, if need be, until it fits the window).
  static func drawFirstPageHead(
    _ document: LetterDocument, style: LetterStyle, on context: OpaquePointer
  ) {
    let head = PageGeometry.letterhead
    TextLines(
      (document.returnAddress + document.senderContact).joined(separator: "\n"),
      context: context, family: style.family, size: max(9, style.bodySize - 2),
      width: head.width, leading: 1.15
    ).drawAll(on: context, x: head.x, top: head.y)

    let window = PageGeometry.windowContent
    var top = window.y
    if !document.returnAddress.isEmpty {
      let returnLine = TextLines(
        "If undelivered, return to: " + document.returnAddress.joined(separator: ", "),
        context: context, family: style.family, size: style.smallSize, width: window.width,
        leading: 1.1)
      pango_layout_set_ellipsize(returnLine.layout, PANGO_ELLIPSIZE_END)
      returnLine.draw(line: 0, on: context, x: window.x, top: top)
      top += returnLine.heights[0] + 2
    }
    let text = document.recipient.joined(separator: "\n")
    var size = style.addressSize
    var recipient = TextLines(
      text, context: context, family: style.family, size: size, width: window.width,
      leading: 1.1)
    while recipient.totalHeight > window.y + window.height - top, size > smallestAddressSize {
      size -= 0.5
      recipient = TextLines(
        text, context: context, family: style.family, size: size, width: window.width,
        leading: 1.1)
    }
    recipient.drawAll(on: context, x: window.x, top: top)
  }

  /// Throws when `status` is not success.
  static func check(_ status: cairo_status_t, _ step: String) throws(LetterRenderingError) {
    guard status != CAIRO_STATUS_SUCCESS else { return }
    throw LetterRenderingError(step: step, status: String(cString: cairo_status_to_string(status)))
  }
}
