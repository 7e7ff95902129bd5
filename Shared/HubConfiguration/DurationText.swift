import Foundation

/// Parses and prints the short duration notation used in configuration: `250ms`, `5s`, `2m`, `1h`.
public enum DurationText {
  /// The duration written in `text`, or `nil` when it is not a whole number followed by a unit.
  public static func parse(_ text: String) -> Duration? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let digits = trimmed.prefix(while: { $0.isASCII && $0.isNumber })
    let unit = trimmed.dropFirst(digits.count)
    guard !digits.isEmpty, digits.count <= 12, let amount = Int64(digits) else { return nil }
    switch unit {
    case "ms": return .milliseconds(amount)
    case "s": return .seconds(amount)
    case "m": return .seconds(amount * 60)
    case "h": return .seconds(amount * 3600)
    default: return nil
    }
  }

  /// `duration` in the same notation, using the largest unit that divides it exactly.
  public static func format(_ duration: Duration) -> String {
    let milliseconds =
      duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    if milliseconds % 1000 != 0 || milliseconds == 0 { return "\(milliseconds)ms" }
    let seconds = milliseconds / 1000
    if seconds % 3600 == 0 { return "\(seconds / 3600)h" }
    if seconds % 60 == 0 { return "\(seconds / 60)m" }
    return "\(seconds)s"
  }
}
