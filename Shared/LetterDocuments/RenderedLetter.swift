/// A letter rendered to PDF: the document's bytes and how many pages it has.
public struct RenderedLetter: Sendable, Equatable {
  /// The PDF (holds personal data: seal it before it is stored).
  public var pdf: [UInt8]
  /// Its number of pages.
  public var pageCount: Int

  /// A rendered letter of `pageCount` pages.
  public init(pdf: [UInt8], pageCount: Int) {
    self.pdf = pdf
    self.pageCount = pageCount
  }
}
