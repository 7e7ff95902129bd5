import Crypto
import Foundation
import HubConfiguration

/// Keyed hashes of people's names and addresses that let facilitator-matching find a conflict
/// of interest (a facilitator who knows a participant, or lives at their address) without
/// either service storing or sending the name or address in clear.
///
/// victim-contact marks each participant of a case when it asks for facilitators; the register
/// keeps the marks of each facilitator's declared conflicts. Both must hold the same hub-wide
/// key, `RJHUB_CONFLICT_MARK_KEY` (base64 of 32 random bytes, or `_FILE`), which no other
/// service has, so a mark cannot be recomputed from a guessed name without it.
///
/// Matching is forgiving where people write the same thing differently: a name is compared by
/// its words in any order, without titles, accents, punctuation or case ("Dr Jane  O'Neil" =
/// "oneil jane"); an address by its UK postcode and the first word with a digit in it (the
/// house number), or by all its letters and digits when it has no postcode.
public struct ConflictOfInterestMarks: Sendable {
  /// The variable holding the key.
  public static let variable = "RJHUB_CONFLICT_MARK_KEY"

  /// The variable for `rjhub env` and the README.
  public static let documentation: [SettingDocumentation] = [
    (
      variable, "unset",
      "Base64 random 32-byte key shared by victim-contact and facilitator-matching (only) for the keyed hashes that match conflicts of interest by name or address without storing them in clear (or RJHUB_CONFLICT_MARK_KEY_FILE). Required by both."
    )
  ]

  let key: SymmetricKey

  /// Marks under `key`.
  public init(key: SymmetricKey) {
    self.key = key
  }

  /// Reads the key; throws a ``ConfigurationError`` naming the variable (never its value)
  /// when it is missing or not base64 of 32 bytes.
  public init(environment: EnvironmentReader) throws(ConfigurationError) {
    let text = try environment.secret(Self.variable)
    guard let bytes = PersonalDataKeys.decodeKey(text.value) else {
      throw ConfigurationError(
        variable: Self.variable, expected: "base64 of \(PersonalDataKeys.keyLength) random bytes",
        reason: .malformed)
    }
    key = SymmetricKey(data: bytes)
  }

  /// The mark of a person's name; nil when it has no letters.
  public func person(_ name: String) -> String? {
    let words = Self.words(of: name).filter { !Self.titles.contains($0) }.sorted()
    guard !words.isEmpty else { return nil }
    return mark("person", words.joined(separator: " "))
  }

  /// The mark of an address; nil when it has no letters or digits.
  public func address(_ address: String) -> String? {
    let upper = address.folding(options: [.diacriticInsensitive], locale: nil).uppercased()
    if let range = upper.range(of: Self.postcodePattern, options: .regularExpression) {
      let postcode = upper[range].filter { $0.isLetter || $0.isNumber }
      let house =
        upper[..<range.lowerBound]
        .split(whereSeparator: { $0.isWhitespace || $0 == "," })
        .first { $0.contains(where: \.isNumber) }
        .map { $0.filter { $0.isLetter || $0.isNumber } } ?? ""
      return mark("address", "\(postcode)|\(house)")
    }
    let all = upper.filter { $0.isLetter || $0.isNumber }
    return all.isEmpty ? nil : mark("address-text", String(all))
  }

  /// The marks of someone with `name` living at `address` (either may be absent).
  public func marks(name: String?, address: String?) -> [String] {
    [name.flatMap(person), address.flatMap(self.address)].compactMap { $0 }
  }

  /// Words as compared: accents folded, lower case, letters only.
  static func words(of name: String) -> [String] {
    name.folding(options: [.diacriticInsensitive], locale: nil).lowercased()
      .split(whereSeparator: { $0.isWhitespace || $0 == "-" || $0 == "," || $0 == "." })
      .map { $0.filter(\.isLetter) }.filter { !$0.isEmpty }
  }

  /// Titles left out of a name.
  static let titles: Set<String> = ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "sir"]

  /// A UK postcode, with or without its space.
  static let postcodePattern = "\\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\\b"

  func mark(_ purpose: String, _ value: String) -> String {
    var message = Data("rjhub.conflict.v1".utf8)
    for part in [purpose, value] {
      message.append(
        contentsOf: withUnsafeBytes(of: UInt32(part.utf8.count).bigEndian) { Data($0) })
      message.append(contentsOf: Data(part.utf8))
    }
    return HMAC<SHA256>.authenticationCode(for: message, using: key)
      .map { String(format: "%02x", $0) }.joined()
  }
}
