/// Reads fixed-width ASCII digits and separators from UTF-8 bytes; the small parser under
/// `RFC3339` and `CalendarDate`.
struct DigitScanner {
  private let bytes: [UInt8]
  private(set) var position = 0

  init(_ text: String) { bytes = Array(text.utf8) }

  /// Whether every byte has been consumed.
  var atEnd: Bool { position == bytes.count }

  /// The next byte without consuming it.
  var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

  /// Reads exactly `count` decimal digits as a number.
  mutating func number(digits count: Int) -> Int? {
    guard position + count <= bytes.count else { return nil }
    var value = 0
    for offset in 0..<count {
      let byte = bytes[position + offset]
      guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    position += count
    return value
  }

  /// Consumes one byte if it is one of `options`, returning it.
  mutating func take(_ options: Character...) -> UInt8? {
    guard let byte = peek, options.contains(where: { $0.asciiValue == byte }) else { return nil }
    position += 1
    return byte
  }

  /// Reads one or more digits as a fraction of a second, rounded to whole milliseconds.
  mutating func fractionMilliseconds() -> Int? {
    var digits: [Int] = []
    while let byte = peek, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
      digits.append(Int(byte - UInt8(ascii: "0")))
      position += 1
    }
    guard !digits.isEmpty else { return nil }
    let padded = digits + [0, 0, 0, 0]
    let millis = padded[0] * 100 + padded[1] * 10 + padded[2]
    return padded[3] >= 5 ? millis + 1 : millis
  }
}
