import AMQPClient
import EventContracts
import Foundation

/// The benchmark's synthetic referral: valid, victim-initiated, the victim safe to contact by
/// email, so each one opens a case and is acknowledged to its referrer.
enum Referral {
  /// The message a police system would publish for referral `id` in `area`.
  static func message(id: String, area: String) -> OutgoingMessage {
    let body: [String: Any] = [
      "referralId": id, "sourceSystem": "benchmark-athena", "area": area,
      "submittedAt": "2026-11-30T09:30:00Z",
      "referrer": [
        "type": "police", "organisation": "Benchmark Constabulary", "name": "Bench Referrer",
        "email": "referrer.\(id.lowercased())@example.org", "trainedInRJ": true,
      ],
      "initiatedBy": "victim",
      "offence": ["category": "burglary", "occurredOn": "2026-11-01", "reportedToPolice": true],
      "victim": [
        "name": "Bench Victim", "email": "victim.\(id.lowercased())@example.org",
        "preferredContact": "email", "safeToContact": true,
      ],
      "consentToShare": true,
    ]
    var properties = AMQPMessageProperties()
    properties.messageId = UUID().uuidString.lowercased()
    properties.contentType = "application/json"
    properties.persistent = true
    return OutgoingMessage(
      exchange: EventExchange.referrals, routingKey: ReferralSubmission.routingKey,
      body: Array(try! JSONSerialization.data(withJSONObject: body)), properties: properties)
  }
}
