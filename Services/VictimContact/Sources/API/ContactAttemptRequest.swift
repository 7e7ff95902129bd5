import EventContracts
import Foundation
import ServiceRuntime

/// The body of `POST /cases/{caseId}/contact-attempts`:
/// `{"participant": "victim"|"offender", "channel": "email"|"phone"|"letter",
///   "outcome": "no-answer"|"left-message"|"spoke-with"|"agreed"|"declined", "notes": "..."}`.
/// `notes` is optional free text (personal data); other fields are ignored.
struct ContactAttemptRequest: Sendable, Equatable {
  /// Who was contacted.
  var participant: Participant
  /// The channel used.
  var channel: PreferredContact
  /// How it went.
  var outcome: ContactOutcome
  /// What the case worker noted; nil when blank.
  var notes: String?

  /// The longest notes accepted, in characters.
  static let maximumNotesLength = 10_000

  /// Parses and checks `body`, reporting every problem at once.
  static func parse(_ body: [UInt8]) throws(RequestValidationFailure) -> ContactAttemptRequest {
    guard
      let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    else {
      throw RequestValidationFailure(problems: [
        FieldProblem(path: "", code: "malformed-json", message: "the body must be a JSON object")
      ])
    }
    var problems: [FieldProblem] = []
    let participant = choice(object, "participant", Participant.self, &problems)
    let channel = choice(object, "channel", PreferredContact.self, &problems)
    let outcome = choice(object, "outcome", ContactOutcome.self, &problems)
    var notes: String?
    switch object["notes"] {
    case nil, is NSNull: break
    case let text as String:
      if text.count > maximumNotesLength {
        problems.append(
          FieldProblem(
            path: "/notes", code: "too-long",
            message: "must be at most \(maximumNotesLength) characters"))
      } else if !text.allSatisfy(\.isWhitespace) {
        notes = text
      }
    default:
      problems.append(
        FieldProblem(path: "/notes", code: "invalid-type", message: "must be a string"))
    }
    guard problems.isEmpty, let participant, let channel, let outcome else {
      throw RequestValidationFailure(problems: problems)
    }
    return ContactAttemptRequest(
      participant: participant, channel: channel, outcome: outcome, notes: notes)
  }

  /// The value of required field `name`, one of `Value`'s raw values; nil with a problem
  /// appended otherwise.
  private static func choice<Value: RawRepresentable & CaseIterable>(
    _ object: [String: Any], _ name: String, _ type: Value.Type,
    _ problems: inout [FieldProblem]
  ) -> Value? where Value.RawValue == String {
    let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
    switch object[name] {
    case nil, is NSNull:
      problems.append(
        FieldProblem(path: "/\(name)", code: "required", message: "required: one of \(allowed)"))
      return nil
    case let text as String:
      if let value = Value(rawValue: text) { return value }
      problems.append(
        FieldProblem(path: "/\(name)", code: "invalid-value", message: "must be one of \(allowed)"))
      return nil
    default:
      problems.append(
        FieldProblem(
          path: "/\(name)", code: "invalid-type", message: "must be a string, one of \(allowed)"))
      return nil
    }
  }
}
