import Foundation

/// Synthetic personal data no other text in the hub could contain by chance: invented names,
/// emails, phone numbers, addresses and free text, each carrying the run's token. A leak test
/// sends them through the hub and then looks for every one of them where they must never be.
struct DistinctivePersonalData {
  let run: String
  let area: String

  init(area: String) {
    self.area = area
    run = String(UUID().uuidString.filter(\.isLetter).prefix(6)).lowercased()
  }

  /// The victim's name in referral `index`.
  func victimName(_ index: Int) -> String { "Quillon Zabrowska\(run) \(index)" }
  /// The victim's email in referral `index` (the RJ information email really goes there).
  func victimEmail(_ index: Int) -> String { "quillon.zabrowska\(run).\(index)@example.org" }
  /// The victim's phone number in referral `index`.
  func victimPhone(_ index: Int) -> String { "+44 7700 9\(String(format: "%05d", index))" }
  /// Free text in every referral.
  var notes: String { "Vexmoor\(run) notes about the harm done" }
  /// The victim's street address.
  var address: String { "17 Wrexhollow\(run) Lane, Norwich NR1 1AA" }
  /// The referrer's name.
  var referrerName: String { "Officer Brannagh\(run)" }
  /// The offender's name.
  var offenderName: String { "Osric Threlkeld\(run)" }

  /// Every marker of the run, as searched for: the run-specific words, in lower case (each
  /// full value contains one of them, so a partial leak is found too).
  var markers: [String] {
    ["zabrowska\(run)", "vexmoor\(run)", "wrexhollow\(run)", "brannagh\(run)", "threlkeld\(run)"]
  }

  /// A valid referral `index` carrying the distinctive data everywhere the contract allows.
  func referral(_ index: Int) -> [String: Any] {
    [
      "referralId": "LEAK-\(run)-\(index)", "sourceSystem": "e2e-leak", "area": area,
      "submittedAt": "2025-03-06T09:30:00Z",
      "referrer": [
        "type": "police", "organisation": "E2E Constabulary", "department": "Test Team",
        "name": referrerName, "email": "brannagh\(run).\(index)@example.org",
        "phone": "01603 \(String(format: "%06d", index))", "trainedInRJ": true,
      ],
      "initiatedBy": "victim",
      "offence": [
        "crimeReference": "CR-\(run)-\(index)", "category": "burglary",
        "occurredOn": "2025-02-20", "reportedToPolice": true,
        "description": "Vexmoor\(run): a burglary at the victim's home",
      ],
      "location": ["district": "Testdistrict", "postcode": "NR1 1AA"],
      "victim": [
        "name": victimName(index), "dateOfBirth": "1980-04-02", "email": victimEmail(index),
        "phone": victimPhone(index), "address": address, "preferredContact": "email",
        "language": "en-GB", "safeToContact": true, "enhancedRights": false,
        "bereavedFamily": false,
      ],
      "offender": ["name": offenderName, "dateOfBirth": "1990-01-01", "identified": true],
      "consentToShare": true, "notes": notes,
    ]
  }

  /// Referral `index` made invalid by a value that is itself personal data: the victim's
  /// email, mistyped (`@@`). Its rejection must name the field without repeating the value.
  func invalidReferral(_ index: Int) -> [String: Any] {
    var referral = referral(index)
    var victim = referral["victim"] as? [String: Any] ?? [:]
    victim["email"] = "quillon.zabrowska\(run)@@example.org"
    referral["victim"] = victim
    return referral
  }

  /// A body that is not JSON at all but holds a name.
  var malformedBody: [UInt8] { Array("{\"victim\": {\"name\": \"\(victimName(99))\"".utf8) }
}
