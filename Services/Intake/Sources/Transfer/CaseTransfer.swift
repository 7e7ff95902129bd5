import EventContracts
import Foundation
import HubAreas
import ServiceRuntime

/// What a case worker asks for: move the case to `toArea` because of `reason`.
struct CaseTransferRequest: Sendable {
  var toArea: String
  var reason: CaseTransferredOut.Reason

  /// Decodes the body, naming every field that is missing or wrong.
  static func decode(_ body: [UInt8]) throws -> CaseTransferRequest {
    let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    var problems: [FieldProblem] = []
    let toArea = object?["toArea"] as? String
    if toArea.map(HubArea.isValidId) != true {
      problems.append(
        FieldProblem(
          path: "/toArea", code: toArea == nil ? "required" : "invalid-format",
          message: "the receiving area's id: 2 to 63 lower-case letters, digits or hyphens"))
    }
    let reason = (object?["reason"] as? String).flatMap(CaseTransferredOut.Reason.init)
    if reason == nil {
      problems.append(
        FieldProblem(
          path: "/reason", code: object?["reason"] == nil ? "required" : "invalid-value",
          message:
            "one of \(CaseTransferredOut.Reason.allCases.map(\.rawValue).joined(separator: ", "))"
        ))
    }
    guard let toArea, let reason, problems.isEmpty else {
      throw RequestValidationFailure(problems: problems)
    }
    return CaseTransferRequest(toArea: toArea, reason: reason)
  }
}

/// The referral a transferred case sends to the receiving area: the case's opening referral
/// as the receiving hub needs it, from the sending hub as a victim hub would refer, with the
/// sending area's team as the referrer and a reference of its own.
enum TransferReferral {
  /// The sending hub's `sourceSystem`, e.g. "rjhub-norfolk".
  static func sourceSystem(from area: String) -> String { "rjhub-\(area)" }

  /// The transfer's `referralId`.
  static func referralId(caseId: String) -> String { "\(caseId)/transfer" }

  /// `original` readdressed from `from` to `toArea` at `now`. The district is dropped (the
  /// receiving area's districts differ); the offence, the people and the consent travel.
  static func make(
    from original: ReferralSubmission, caseId: String, from: HubArea, toArea: String,
    reason: CaseTransferredOut.Reason, now: Date
  ) -> ReferralSubmission {
    var referral = original
    referral.referralId = referralId(caseId: caseId)
    referral.sourceSystem = sourceSystem(from: from.id)
    referral.area = toArea
    referral.submittedAt = RFC3339.format(now)
    referral.referrer = .init(
      type: ReferrerType.victimHub.rawValue,
      organisation: "\(from.name) restorative justice hub",
      department: "Case transferred: \(reason.rawValue) (hub case \(caseId))",
      email: from.contact.email, phone: from.contact.phone, trainedInRJ: true)
    referral.location?.district = nil
    return referral
  }
}
