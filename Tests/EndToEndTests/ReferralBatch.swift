import Foundation

/// The 200 submissions an end-to-end run publishes for one synthetic area: valid referrals,
/// invalid ones (each broken in a known way), and repeats of valid ones.
struct ReferralBatch {
  /// One submission and what intake must answer.
  struct Submission {
    var referralId: String
    var body: [UInt8]
    /// The error paths intake must report; empty for a valid referral.
    var expectedErrors: Set<String>
    /// True for a repeat of an earlier valid submission.
    var isRepeat: Bool
  }

  let area: String
  let run: String
  private(set) var submissions: [Submission] = []

  /// Ways a referral is broken, with the error path each must produce.
  static var breakages: [(path: String, value: Any?)] {
    [
      ("/victim/name", nil), ("/victim/email", "not-an-address"), ("/initiatedBy", "bystander"),
      ("/offence/occurredOn", "2025-02-30"), ("/referrer/type", "detective"),
    ]
  }

  /// `valid` new referrals, `invalid` broken ones, `repeats` resent valid ones, interleaved.
  init(area: String, valid: Int, invalid: Int, repeats: Int) {
    self.area = area
    self.run = String(UUID().uuidString.prefix(8)).lowercased()
    var valids: [Submission] = []
    for index in 0..<valid {
      let id = "E2E-\(run)-\(index)"
      valids.append(
        Submission(
          referralId: id, body: Self.bytes(referral(id, index: index)), expectedErrors: [],
          isRepeat: false))
    }
    var invalids: [Submission] = []
    for index in 0..<invalid {
      let id = "E2E-\(run)-BAD-\(index)"
      let breakage = Self.breakages[index % Self.breakages.count]
      var object = Self.setting(referral(id, index: index), breakage.path, breakage.value)
      // A victim's name may be left out of an offender-initiated referral; it is required of
      // one the victim initiated.
      if breakage.path == "/victim/name" { object = Self.setting(object, "/initiatedBy", "victim") }
      invalids.append(
        Submission(
          referralId: id, body: Self.bytes(object), expectedErrors: [breakage.path],
          isRepeat: false))
    }
    var all = valids + invalids
    for index in 0..<repeats {
      var again = valids[(index * 7) % valids.count]
      again.isRepeat = true
      all.append(again)
    }
    // A fixed shuffle keeps repeats after their originals in most cases but not all: intake
    // must answer both the same whichever comes first.
    var generator = SeededGenerator(seed: 42)
    submissions = all.shuffled(using: &generator)
  }

  /// A synthetic referral: the victim prefers email and may be contacted; the referrer's
  /// address is unique to the referral, so its acknowledgement can be found in the mailbox.
  func referral(_ id: String, index: Int) -> [String: Any] {
    let offenderLed = index % 4 == 0
    var referral: [String: Any] = [
      "referralId": id, "sourceSystem": "e2e-athena", "area": area,
      "submittedAt": "2025-03-06T09:30:00Z",
      "referrer": [
        "type": index % 3 == 0 ? "agency" : "police", "organisation": "E2E Constabulary",
        "department": "Test Team", "name": "Referrer \(index)",
        "email": Self.referrerEmail(id), "trainedInRJ": index % 2 == 0,
      ],
      "initiatedBy": offenderLed ? "offender" : "victim",
      "offence": [
        "category": "burglary", "occurredOn": "2025-02-20", "reportedToPolice": true,
      ],
      "location": ["district": "Testdistrict"],
      "victim": [
        "name": "Victim \(run) \(index)", "email": "victim.\(run).\(index)@example.org",
        "preferredContact": "email", "language": "en-GB", "safeToContact": true,
        "enhancedRights": index % 5 == 0, "bereavedFamily": false,
      ],
      "offender": ["identified": true],
      "consentToShare": true,
    ]
    if offenderLed { referral["victimConsideration"] = ["victimAware": index % 8 == 0] }
    return referral
  }

  /// The referrer's synthetic address for referral `id`.
  static func referrerEmail(_ id: String) -> String {
    "referrer.\(id.lowercased())@example.org"
  }

  static func bytes(_ object: [String: Any]) -> [UInt8] {
    Array(try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
  }

  static func setting(_ object: [String: Any], _ path: String, _ value: Any?) -> [String: Any] {
    var copy = object
    let parts = path.split(separator: "/").map(String.init)
    if parts.count == 1 {
      copy[parts[0]] = value
    } else {
      let inner = (copy[parts[0]] as? [String: Any]) ?? [:]
      copy[parts[0]] = setting(inner, parts.dropFirst().joined(separator: "/"), value)
    }
    return copy
  }
}

/// A small deterministic random generator (SplitMix64), so a run's order is reproducible.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
