import Hummingbird

/// The case-work routes' lookups over the stores, answering in HTTP terms.
extension CaseWorkStores {
  /// Participant `participantId` of the action's case.
  /// - Throws: HTTP 404 naming the participant when the case has none by that id.
  func participant(_ participantId: String, in action: CaseAction) throws -> CaseParticipant {
    guard
      let participant = try participants.participant(
        participantId, of: action.caseId, in: action.session)
    else {
      throw HTTPError(
        .notFound, message: "case \(action.caseId) has no participant \(participantId)")
    }
    return participant
  }

  /// Refuses (409 `case-not-open`) unless the action's case is in a working stage.
  func requireOpen(_ action: CaseAction) throws {
    guard action.journey.stage.isWorking else {
      throw CaseRuleRefusal(
        path: "", rule: "case-not-open",
        message: "the case is \(action.journey.stage.rawValue): reopen or resume it first")
    }
  }
}
