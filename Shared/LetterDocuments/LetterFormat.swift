/// How a letter is printed: standard, or large print for a reader who asked for it.
public enum LetterFormat: String, Sendable, Equatable, CaseIterable {
  /// 11 pt sans serif body, the usual leading.
  case standard
  /// 16 pt sans serif body with one and a half times the leading, headings larger still
  /// (RNIB's clear print guidance: 16 pt or more, sans serif, generous spacing, left aligned).
  case largePrint = "large-print"

  /// The type sizes and spacing of this format.
  public var style: LetterStyle {
    switch self {
    case .standard:
      LetterStyle(
        family: "DejaVu Sans", bodySize: 11, headingSize: 13, smallSize: 8, addressSize: 11,
        leading: 1.2, paragraphSpacing: 8)
    case .largePrint:
      LetterStyle(
        family: "DejaVu Sans", bodySize: 16, headingSize: 19, smallSize: 10, addressSize: 16,
        leading: 1.5, paragraphSpacing: 14)
    }
  }
}

/// Type sizes (points) and spacing of one ``LetterFormat``.
public struct LetterStyle: Sendable, Equatable {
  /// The font family of every line (installed by `infra/install.sh`: fonts-dejavu-core).
  public var family: String
  /// The body's size, also the date's and the reference's.
  public var bodySize: Double
  /// The heading's size (bold).
  public var headingSize: Double
  /// The size of the return line in the window and the page numbers' floor.
  public var smallSize: Double
  /// The recipient block's size, reduced (to no less than 9 pt) when the block would not fit
  /// the window.
  public var addressSize: Double
  /// Line height as a multiple of the font's own.
  public var leading: Double
  /// Space between paragraphs, in points.
  public var paragraphSpacing: Double
}
