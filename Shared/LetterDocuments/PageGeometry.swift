/// Where things go on an A4 page folded in three for a DL window envelope, in points (1/72
/// inch) from the top left corner.
///
/// The window follows the common UK left-window DL envelope (window 90 × 45 mm, 20 mm from
/// the left edge, its top 45 mm below the top of the letter when folded in three): the
/// recipient's block sits inside it with a margin of 4 mm, so it shows whatever the fold's
/// play.
public enum PageGeometry {
  /// Points per millimetre.
  public static let pointsPerMillimetre = 72.0 / 25.4
  /// A4's width, 210 mm.
  public static let width = 595.28
  /// A4's height, 297 mm.
  public static let height = 841.89
  /// The left and right margins, 20 mm.
  public static let sideMargin = 20 * pointsPerMillimetre
  /// The top margin, 15 mm.
  public static let topMargin = 15 * pointsPerMillimetre
  /// Space kept clear at the foot of every page for the page number, 25 mm.
  public static let footerHeight = 25 * pointsPerMillimetre
  /// The page number's baseline, 12 mm above the bottom edge.
  public static let pageNumberBaseline = height - 12 * pointsPerMillimetre

  /// The envelope's window on the page: 90 × 45 mm, 20 mm from the left, 45 mm from the top.
  public static let window = Rectangle(
    x: 20 * pointsPerMillimetre, y: 45 * pointsPerMillimetre,
    width: 90 * pointsPerMillimetre, height: 45 * pointsPerMillimetre)
  /// What is printed in the window, 4 mm inside it on every side.
  public static let windowContent = window.inset(by: 4 * pointsPerMillimetre)
  /// The return address block at the top right: from 120 mm across to the right margin.
  public static let letterhead = Rectangle(
    x: 120 * pointsPerMillimetre, y: topMargin,
    width: width - 120 * pointsPerMillimetre - sideMargin, height: 30 * pointsPerMillimetre)
  /// Where the first page's text starts: 5 mm under the window.
  public static let firstPageBodyTop = window.y + window.height + 5 * pointsPerMillimetre
  /// Where later pages' text starts.
  public static let laterPageBodyTop = topMargin + 5 * pointsPerMillimetre
  /// The lowest point text may reach.
  public static let bodyBottom = height - footerHeight
  /// The text's width.
  public static let bodyWidth = width - 2 * sideMargin

  /// A rectangle on the page, in points.
  public struct Rectangle: Sendable, Equatable {
    /// Its left edge.
    public var x: Double
    /// Its top edge.
    public var y: Double
    /// Its width.
    public var width: Double
    /// Its height.
    public var height: Double

    /// The rectangle `inset` points smaller on every side.
    public func inset(by inset: Double) -> Rectangle {
      Rectangle(x: x + inset, y: y + inset, width: width - 2 * inset, height: height - 2 * inset)
    }
  }
}
