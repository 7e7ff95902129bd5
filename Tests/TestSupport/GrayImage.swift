/// An 8-bit grey image from `pdftoppm -gray` (binary PGM, `P5`), and the size a PNG's IHDR
/// chunk declares.
public struct GrayImage: Sendable {
  /// Its width in pixels.
  public var width: Int
  /// Its height in pixels.
  public var height: Int
  /// Row by row, 0 black to 255 white.
  public var pixels: [UInt8]

  /// Parses a binary PGM with a maximum value of 255.
  public init(pgm bytes: [UInt8]) throws {
    var index = 0
    /// The next whitespace-separated header field (comments skipped).
    func field() throws -> String {
      while index < bytes.count, bytes[index] == 0x23 || Self.isSpace(bytes[index]) {
        if bytes[index] == 0x23 {
          while index < bytes.count, bytes[index] != 0x0A { index += 1 }
        } else {
          index += 1
        }
      }
      let start = index
      while index < bytes.count, !Self.isSpace(bytes[index]) { index += 1 }
      return String(decoding: bytes[start..<index], as: UTF8.self)
    }
    guard try field() == "P5", let width = Int(try field()), let height = Int(try field()),
      try field() == "255"
    else { throw PopplerFailure("not an 8-bit binary PGM") }
    index += 1  // the single whitespace after the maximum value
    guard bytes.count - index == width * height else {
      throw PopplerFailure("PGM holds \(bytes.count - index) bytes, not \(width * height)")
    }
    self.width = width
    self.height = height
    pixels = Array(bytes[index...])
  }

  static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

  /// The share of pixels darker than mid-grey in the rectangle given in millimetres on an A4
  /// page (the image being the whole page).
  public func inkCoverage(xMillimetres x: ClosedRange<Double>, yMillimetres y: ClosedRange<Double>)
    -> Double
  {
    let columns = Int(x.lowerBound / 210 * Double(width))..<Int(x.upperBound / 210 * Double(width))
    let rows = Int(y.lowerBound / 297 * Double(height))..<Int(y.upperBound / 297 * Double(height))
    var dark = 0
    for row in rows {
      for column in columns where pixels[row * width + column] < 128 { dark += 1 }
    }
    return Double(dark) / Double(columns.count * rows.count)
  }

  /// The width and height a PNG's IHDR chunk declares (checking the signature first).
  public static func pngSize(_ bytes: [UInt8]) throws -> (width: Int, height: Int) {
    let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    guard bytes.count >= 24, Array(bytes[0..<8]) == signature,
      String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR"
    else { throw PopplerFailure("not a PNG") }
    func bigEndian(_ offset: Int) -> Int {
      bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
    }
    return (bigEndian(16), bigEndian(20))
  }
}
