import Foundation

/// BCP 47 language tags as the register and requests carry them ("en", "en-GB", "pl").
enum LanguageTag {
  /// The language assumed when a request names none.
  static let english = "en"

  /// Whether `tag` is shaped like a BCP 47 tag: a 2–3 letter language, then subtags of 2–8
  /// letters or digits (the same check intake applies to referrals).
  static func isValid(_ tag: String) -> Bool {
    tag.range(of: "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", options: .regularExpression) != nil
  }

  /// The primary language subtag, lower-cased: "en-GB" → "en".
  static func primary(_ tag: String) -> String {
    String(tag.split(separator: "-", maxSplits: 1).first ?? "").lowercased()
  }

  /// Whether someone speaking `spoken` can talk with a participant asking for `wanted`: the
  /// same primary language (a facilitator who speaks "pl" serves a request for "pl-PL").
  static func matches(_ spoken: [String], wanted: String) -> Bool {
    let language = primary(wanted)
    return spoken.contains { primary($0) == language }
  }
}
