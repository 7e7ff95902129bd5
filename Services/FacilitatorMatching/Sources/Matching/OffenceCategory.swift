import Foundation

/// How offence categories are compared: referrers write "Domestic abuse", "domestic_abuse"
/// or "domestic-abuse" for the same thing.
public enum OffenceCategory {
  /// `category` trimmed, lower-cased, with runs of spaces and underscores as one hyphen.
  public static func normalised(_ category: String) -> String {
    category.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
      .split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "-" })
      .joined(separator: "-")
  }
}
