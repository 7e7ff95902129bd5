import Crypto
import Foundation

extension PersonalDataSealer {
  /// A keyed hash (HMAC-SHA256 under the index key, lowercase hex) of `value` for `purpose`,
  /// stored beside sealed fields that must be matched, such as name and date of birth for
  /// duplicate detection.
  ///
  /// The value is normalised first (see ``normalisedForMatching(_:)``), so `"Jane  Doe"` and
  /// `"jane doe"` hash equal. Different purposes give unrelated hashes, so a hash cannot be
  /// joined across uses. Without the index key the hash reveals nothing, even for guessable
  /// values such as dates.
  public func matchingHash(_ value: String, purpose: String) -> String {
    matchingHash([value], purpose: purpose)
  }

  /// A keyed hash of several values together for `purpose`, for example name and date of birth.
  ///
  /// Each value is normalised and the values are kept apart, so `["a b", "c"]` and
  /// `["a", "b c"]` hash differently.
  public func matchingHash(_ values: [String], purpose: String) -> String {
    var message = Data("rjhub.match.v1".utf8)
    for part in [purpose] + values.map(Self.normalisedForMatching) {
      message.append(
        contentsOf: withUnsafeBytes(of: UInt32(part.utf8.count).bigEndian) { Data($0) })
      message.append(contentsOf: Data(part.utf8))
    }
    let code = HMAC<SHA256>.authenticationCode(for: message, using: keys.indexKey)
    return code.map { String(format: "%02x", $0) }.joined()
  }

  /// `value` as matched: Unicode canonical composition, lower case, surrounding whitespace
  /// removed and internal runs of whitespace collapsed to one space. Dates are used as given.
  public static func normalisedForMatching(_ value: String) -> String {
    value.precomposedStringWithCanonicalMapping.lowercased()
      .split(whereSeparator: { $0.isWhitespace })
      .joined(separator: " ")
  }
}
