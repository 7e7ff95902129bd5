import EventContracts
import Foundation

/// A case's recorded stage changes, and what is derived from them: how long it spent in each
/// stage, and how long it was open in all (across pauses and reopenings, not counting the
/// time it stood closed).
struct StageHistory: Sendable, Equatable {
  /// One recorded change: who moved the case, when and why.
  struct Change: Sendable, Equatable {
    var to: CaseStage
    var at: Date
    var by: String
    var reason: String?
  }

  /// When the case was referred (its first stage began).
  var referredAt: Date
  /// The changes, oldest first.
  var changes: [Change]

  /// Seconds spent in each stage up to `now` (a stage entered twice adds up).
  func timeInStage(until now: Date) -> [CaseStage: TimeInterval] {
    var totals: [CaseStage: TimeInterval] = [:]
    var stage = CaseStage.referred
    var since = referredAt
    for change in changes {
      totals[stage, default: 0] += max(0, change.at.timeIntervalSince(since))
      (stage, since) = (change.to, change.at)
    }
    totals[stage, default: 0] += max(0, now.timeIntervalSince(since))
    return totals
  }

  /// Seconds the case was open up to `now`: every stage but closed and transferred.
  func totalOpenTime(until now: Date) -> TimeInterval {
    timeInStage(until: now).filter { $0.key != .closed && $0.key != .transferred }
      .values.reduce(0, +)
  }

  /// How many times the case was reopened.
  var reopenings: Int {
    zip([CaseStage.referred] + changes.map(\.to), changes).filter {
      $0.0 == .closed && $0.1.to == .initialEngagement
    }.count
  }
}
