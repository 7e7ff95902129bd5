import EventContracts
import Foundation
import ServiceRuntime

/// The body of `POST /cases/{caseId}/contact-attempts`:
/// `{"participant": "victim"|"offender"|…, "participantId": "…", "channel":
///   "email"|"phone"|"letter", "outcome": "no-answer"|"left-message"|"spoke-with"|"agreed"|
///   "declined", "notes": "..."}`. `participantId` (optional) names one participant; without
/// it the case's first participant in the role is meant. `notes` is optional free text
/// (personal data); other fields are ignored.
struct ContactAttemptRequest: Sendable, Equatable {
  /// Who was contacted.
  var participant: Participant
  /// Which participant, when named.
  var participantId: String?
  /// The channel used.
  var channel: PreferredContact
  /// How it went.
  var outcome: ContactOutcome
  /// What the case worker noted; nil when blank.
  var notes: String?

  /// Parses and checks `body`, reporting every problem at once.
  static func parse(_ body: [UInt8]) throws(RequestValidationFailure) -> ContactAttemptRequest {
    var fields = try RequestFields.parse(body)
    let participant = fields.choice("participant", Participant.self)
    let participantId = fields.text("participantId")
    let channel = fields.choice("channel", PreferredContact.self)
    let outcome = fields.choice("outcome", ContactOutcome.self)
    let notes = fields.text("notes")
    guard fields.problems.isEmpty, let participant, let channel, let outcome else {
      throw RequestValidationFailure(problems: fields.problems)
    }
    return ContactAttemptRequest(
      participant: participant, participantId: participantId, channel: channel,
      outcome: outcome, notes: notes)
  }
}
