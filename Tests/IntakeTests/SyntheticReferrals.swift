import EventContracts
import Foundation

/// Synthetic referral bodies for intake's tests, built as JSON objects so a test can break
/// any field. Names, emails and phone numbers are invented and easy to search for.
enum SyntheticReferrals {
  static let victimName = "Zephyrine Testvictim"
  static let victimEmail = "zephyrine.testvictim@example.org"
  static let victimPhone = "07700 900123"

  /// A valid submission for `area` with reference `referralId`.
  static func valid(
    referralId: String = "TEST-\(UUID().uuidString.prefix(8))", area: String = "norfolk"
  ) -> [String: Any] {
    [
      "referralId": referralId, "sourceSystem": "norfolk-athena", "area": area,
      "submittedAt": "2025-03-06T09:30:00Z",
      "referrer": [
        "type": "police", "organisation": "Norfolk Constabulary",
        "department": "Neighbourhood Policing Team", "name": "PC Testreferrer",
        "email": "pc.testreferrer@example.org", "phone": "01603 000000", "trainedInRJ": true,
      ],
      "initiatedBy": "victim",
      "offence": [
        "crimeReference": "NFK/TEST/0001", "category": "burglary", "occurredOn": "2025-02-20",
        "reportedToPolice": true, "description": "Synthetic description of a burglary.",
      ],
      "location": ["district": "Norwich", "postcode": "NR1 1AA"],
      "victim": [
        "name": victimName, "dateOfBirth": "1980-05-17", "email": victimEmail,
        "phone": victimPhone, "address": "1 Test Street, Norwich", "preferredContact": "email",
        "language": "en-GB", "safeToContact": true, "enhancedRights": false,
        "bereavedFamily": false,
      ],
      "offender": ["name": "Offender Testperson", "dateOfBirth": "1999-01-01", "identified": true],
      "consentToShare": true, "notes": "Synthetic notes.",
      "futureField": "ignored by intake",
    ]
  }

  /// `object` with the value at a slash-separated `path` replaced (nil removes it).
  static func setting(_ object: [String: Any], _ path: String, to value: Any?) -> [String: Any] {
    var copy = object
    let parts = path.split(separator: "/").map(String.init)
    if parts.count == 1 {
      copy[parts[0]] = value
    } else {
      let inner = (copy[parts[0]] as? [String: Any]) ?? [:]
      copy[parts[0]] = setting(inner, parts.dropFirst().joined(separator: "/"), to: value)
    }
    return copy
  }

  static func bytes(_ object: [String: Any]) -> [UInt8] {
    Array(try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
  }

  static func submission(_ object: [String: Any]) throws -> ReferralSubmission {
    try ReferralSubmission.decode(from: bytes(object))
  }

  /// One broken field per validation rule of the basic contract, with the one error it must
  /// get (path and code): the validator's own tests and both channels' tests use them.
  static let brokenFields: [(String, String?, String)] = [
    ("/referralId", nil, "required"),
    ("/sourceSystem", "Norfolk Athena", "invalid-format"),
    ("/area", "kent", "unknown-area"),
    ("/submittedAt", "6 March 2025", "invalid-format"),
    ("/submittedAt", "2999-03-07T10:00:00Z", "date-in-future"),
    ("/referrer/type", "detective", "invalid-value"),
    ("/referrer/organisation", nil, "required"),
    ("/referrer/email", "not-an-address", "invalid-format"),
    ("/initiatedBy", "bystander", "invalid-value"),
    ("/offence/category", "", "required"),
    ("/offence/occurredOn", "2025-02-30", "invalid-format"),
    ("/offence/occurredOn", "2999-03-09", "date-in-future"),
    ("/offence/reportedToPolice", nil, "required"),
    ("/location/postcode", "NOWHERE", "invalid-format"),
    ("/victim/name", nil, "required"),
    ("/victim/dateOfBirth", "17/05/1980", "invalid-format"),
    ("/victim/email", "zephyrine-at-example.org", "invalid-format"),
    ("/victim/language", "English!", "invalid-format"),
    ("/victim/preferredContact", "pigeon", "invalid-value"),
    ("/consentToShare", nil, "required"),
    ("/victim/name", "Zephyrine\u{0}Testvictim", "invalid-format"),
    ("/offence/category", "burglary\u{1B}[2J", "invalid-format"),
    ("/referralId", String(repeating: "R", count: 101), "too-long"),
    ("/victim/address", String(repeating: "1 Test Street ", count: 40), "too-long"),
    ("/notes", String(repeating: "n", count: 4001), "too-long"),
    ("/victim/phone", "call the neighbour", "contact-unusable"),
    ("/referrer/phone", "ext. 42", "contact-unusable"),
  ]
}
