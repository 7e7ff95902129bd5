import EventContracts

/// What recording a contact attempt does to a case's journey. Pure, so the rules are read
/// and tested in one place.
///
/// - The first conversation with anyone (spoke with, or agreed) moves a referred case to
///   initial engagement.
/// - The victim's first agreement to an initial conversation with a facilitator asks
///   facilitator-matching for facilitators (once; a later agreement changes nothing). RJ
///   stays voluntary: an agreement is not consent, which is recorded on its own and is what
///   lets the case go on to risk assessment.
/// - Any conversation with the victim (spoke with, agreed, declined) means they have been
///   reached and told about RJ: their contact and information tasks are done.
struct ContactAttemptRules: Sendable, Equatable {
  /// Whether the attempt moves the case from referred to initial engagement.
  var engages: Bool
  /// Whether this is the victim's first agreement, which requests facilitators.
  var victimAgreesFirstTime: Bool
  /// Whether the victim was reached, completing their contact and information tasks.
  var victimReached: Bool

  /// The effects of `outcome` with `participant` on a case at `stage`, whose victim has
  /// (`victimAgreedBefore`) or has not agreed before.
  init(
    participant: Participant, outcome: ContactOutcome, stage: CaseStage, victimAgreedBefore: Bool
  ) {
    let conversation = outcome == .spokeWith || outcome == .agreed
    engages = conversation && stage == .referred
    victimAgreesFirstTime =
      participant.isVictim && outcome == .agreed && !victimAgreedBefore && stage.isWorking
    victimReached =
      participant.isVictim && [.spokeWith, .agreed, .declined].contains(outcome)
  }
}
