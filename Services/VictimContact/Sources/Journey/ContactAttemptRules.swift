import EventContracts

/// What recording a contact attempt does to a case's journey. Pure, so the rules are read
/// and tested in one place.
///
/// - The first conversation with anyone (spoke with, or agreed) moves a referred case to
///   initial engagement.
/// - The victim's first agreement to an initial conversation with a facilitator moves the
///   case on to risk assessment and asks facilitator-matching for facilitators (once; a
///   later agreement changes nothing). RJ stays voluntary: an agreement is not consent to a
///   meeting, which comes with the assessment.
/// - Any conversation with the victim (spoke with, agreed, declined) means they have been
///   reached and told about RJ: their contact and information tasks are done.
struct ContactAttemptRules: Sendable, Equatable {
  /// One stage change, in order.
  struct StageMove: Sendable, Equatable {
    /// The stage left.
    var from: CaseStage
    /// The stage entered.
    var to: CaseStage
  }

  /// The stage changes, in order (none, one or two).
  var stageMoves: [StageMove]
  /// Whether this is the victim's first agreement, which requests facilitators.
  var victimAgreesFirstTime: Bool
  /// Whether the victim was reached, completing their contact and information tasks.
  var victimReached: Bool

  /// The effects of `outcome` with `participant` on a case at `stage`, whose victim has
  /// (`victimAgreedBefore`) or has not agreed before.
  init(
    participant: Participant, outcome: ContactOutcome, stage: CaseStage, victimAgreedBefore: Bool
  ) {
    var moves: [StageMove] = []
    var current = stage
    let conversation = outcome == .spokeWith || outcome == .agreed
    if conversation && current == .referred {
      moves.append(StageMove(from: current, to: .initialEngagement))
      current = .initialEngagement
    }
    let agrees =
      participant == .victim && outcome == .agreed && !victimAgreedBefore && current != .closed
    if agrees && current == .initialEngagement {
      moves.append(StageMove(from: current, to: .riskAssessment))
    }
    stageMoves = moves
    victimAgreesFirstTime = agrees
    victimReached =
      participant == .victim && [.spokeWith, .agreed, .declined].contains(outcome)
  }
}
