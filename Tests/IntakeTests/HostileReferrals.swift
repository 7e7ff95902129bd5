import Foundation

/// Malformed and hostile referral bodies, built deterministically from a list of mutation
/// codes so a property-based test can generate, shrink and replay them: each code picks a
/// place in an otherwise valid referral (or the whole body) and something nasty to put there.
enum HostileReferrals {
  /// A text that must never come back in an error message.
  static let marker = "Hostile-Marker-Zq9"

  /// Where a mutation lands: a field of the valid referral (or one it does not have).
  static let paths = [
    "referralId", "sourceSystem", "area", "submittedAt", "referrer", "referrer/type",
    "referrer/organisation", "referrer/email", "referrer/name", "referrer/trainedInRJ",
    "initiatedBy", "offence", "offence/category", "offence/occurredOn", "offence/reportedToPolice",
    "offence/crimeReference", "location", "location/postcode", "victim", "victim/name",
    "victim/dateOfBirth", "victim/email", "victim/phone", "victim/preferredContact",
    "victim/language", "victim/safeToContact", "victim/enhancedRights", "offender",
    "offender/dateOfBirth", "consentToShare", "notes", "unexpected", "victim/unexpected",
    "victimConsideration", "victimConsideration/victimAware", "victimConsideration/views",
  ]

  /// What a mutation puts there (`nil` removes the field). Never mutated, so shared safely.
  nonisolated(unsafe) static let values: [Any?] = [
    nil, NSNull(), 0, -1, 1e308, true, false, "", " \t\n", [] as [Any], [:] as [String: Any],
    [marker, 7, NSNull()] as [Any], String(repeating: "A\(marker)", count: 20_000),
    "\(marker)\u{0}\u{202E}\u{1F600}\u{0301}", "'; DROP TABLE referrals; -- \(marker)",
    "%s%n%x \(marker) {{caseId}} <script>", "0000-00-00", "9999-12-31", "2025-02-29",
    "2025-13-01T25:61:61Z", "1970-01-01T00:00:00+99:99", "\(marker)@", "+44 (0) \(marker)",
    nested(depth: 40), ["type": ["type": marker]] as [String: Any], Int64.max, -0.0,
  ]

  /// Whole-body replacements, taking the place of the JSON object.
  static let bodies: [[UInt8]] = [
    [], Array("null".utf8), Array("[]".utf8), Array("\"\(marker)\"".utf8), Array("42".utf8),
    Array("{".utf8), Array("{\"referralId\":".utf8), [0xFF, 0xFE, 0x00, 0x7B],
    Array(String(repeating: "[", count: 100_000).utf8),
    Array(("{\"a\":" + String(repeating: "{\"a\":", count: 5_000)).utf8),
    Array("{\"referralId\":\"\(marker)\",\"referralId\":\"twice\"}".utf8),
    Array("{\"victim\":{\"name\":\"\\ud800\"}}".utf8),
  ]

  /// The body for `codes`: a code below `bodies.count * 7` may replace the whole body (one
  /// in seven of them does); the others each set one path to one value, in order.
  static func body(_ codes: [Int]) -> [UInt8] {
    if let first = codes.first, first % 7 == 0 {
      return bodies[(first / 7) % bodies.count]
    }
    var object = SyntheticReferrals.valid(referralId: "HOSTILE-\(codes.count)")
    for code in codes {
      let path = paths[code % paths.count]
      let value = values[(code / paths.count) % values.count]
      object = SyntheticReferrals.setting(object, path, to: value)
    }
    guard JSONSerialization.isValidJSONObject(object),
      let data = try? JSONSerialization.data(withJSONObject: object)
    else { return Array("{\"notJSONable\":true}".utf8) }
    return Array(data)
  }

  /// An object nested `depth` levels deep.
  static func nested(depth: Int) -> [String: Any] {
    (0..<depth).reduce([String: Any]()) { inner, _ in ["x": inner] }
  }

  /// `count` mutation lists from a fixed seed (SplitMix64), the same on every run.
  static func seeded(count: Int, seed: UInt64) -> [[Int]] {
    var state = seed
    func next() -> Int {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
    }
    return (0..<count).map { _ in (0..<(1 + next() % 5)).map { _ in next() % 100_000 } }
  }
}
