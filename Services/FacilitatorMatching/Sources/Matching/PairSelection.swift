import EventContracts
import Foundation

/// The choice of a lead and a co-facilitator for a request: the hard rules exclude, the soft
/// scores rank, and the best-scoring pair of two different people is chosen. Ties go to the
/// lighter load, then the lower register id, so every replica makes the same choice. With no
/// database, so it can be read and tested on its own.
enum PairSelection {
  /// One facilitator chosen or considered for a part, with their score.
  struct Scored: Sendable, Equatable {
    var candidate: Candidate
    var score: SoftScore
    var facilitatorId: String { candidate.facilitatorId }
  }

  /// What was decided for a request.
  struct Decision: Sendable, Equatable {
    /// Who is chosen for each part that was open (absent: nobody could take it).
    var chosen: [FacilitatorRole: Scored]
    /// For each open part nobody could take, the rules that excluded everyone.
    var unfilled: [FacilitatorRole: [AllocationExclusion]]
    /// The explanation a supervisor reads.
    var explanation: AllocationExplanation
  }

  /// The most alternatives and refusals an explanation lists per part.
  static let listed = 10

  /// Chooses for every part of `roles` not held in `held` (role → who holds it), among
  /// `candidates`, on `day`, excluding `declined` (who declined or lapsed this case).
  static func choose(
    _ needs: PairRequirements, among candidates: [Candidate], on day: CalendarDate,
    distances: DistrictDistances, declined: Set<String> = [],
    held: [FacilitatorRole: String] = [:]
  ) -> Decision {
    let open = FacilitatorRole.allCases.filter { held[$0] == nil }
    var eligible: [FacilitatorRole: [Scored]] = [:]
    var refused: [FacilitatorRole: [(Candidate, [AllocationRule])]] = [:]
    for role in open {
      let partner = held[role == .lead ? .coFacilitator : .lead]
      for candidate in candidates {
        let rules = HardRules.refusals(
          candidate, as: role, for: needs, on: day, declined: declined, partner: partner)
        if rules.isEmpty {
          eligible[role, default: []].append(
            Scored(
              candidate: candidate,
              score: SoftScoring.score(
                candidate, for: needs, distances: distances, explained: false)))
        } else {
          refused[role, default: []].append((candidate, rules))
        }
      }
      // Ranked by points alone; the words only for those an explanation lists.
      eligible[role]?.sort(by: ranksBefore)
      if var ranked = eligible[role] {
        for index in ranked.indices.prefix(listed + 2) {
          ranked[index].score = SoftScoring.score(
            ranked[index].candidate, for: needs, distances: distances)
        }
        eligible[role] = ranked
      }
    }
    var chosen: [FacilitatorRole: Scored] = [:]
    let leads = eligible[.lead] ?? []
    let cos = eligible[.coFacilitator] ?? []
    if open.contains(.lead) && open.contains(.coFacilitator) {
      if let pair = bestPair(leads: leads, cos: cos) {
        chosen[.lead] = pair.0
        chosen[.coFacilitator] = pair.1
      } else if let lead = leads.first {
        chosen[.lead] = lead
      }
    } else if let role = open.first, let best = eligible[role]?.first {
      chosen[role] = best
    }
    // A co-facilitator is offered only beside a lead.
    if open.contains(.lead) && chosen[.lead] == nil { chosen[.coFacilitator] = nil }
    var unfilled: [FacilitatorRole: [AllocationExclusion]] = [:]
    for role in open where chosen[role] == nil {
      // Without a lead there is nothing to co-facilitate: only the lead's part is unfilled.
      if role == .coFacilitator && open.contains(.lead) && chosen[.lead] == nil { continue }
      var found = exclusions(refused[role] ?? [], candidates: candidates)
      // Eligible people who hold (or were chosen for) the other part: never the same twice.
      let taken = (eligible[role] ?? []).count
      if taken > 0 {
        found = ordered(
          found + [
            AllocationExclusion(rule: AllocationRule.alreadyInPair.rawValue, facilitators: taken)
          ])
      }
      unfilled[role] = found
    }
    let explanation = AllocationExplanation(
      needs: needs, day: day, chosen: chosen, held: held, eligible: eligible,
      refused: refused, unfilled: unfilled)
    return Decision(chosen: chosen, unfilled: unfilled, explanation: explanation)
  }

  /// `decision` with the people a supervisor named (role → register id, each found among
  /// `candidates` and already checked against the hard rules) in place of the scores' choice.
  static func named(
    _ names: [FacilitatorRole: String], among candidates: [Candidate],
    for needs: PairRequirements, distances: DistrictDistances, replacing decision: Decision
  ) -> Decision {
    var decision = decision
    for (role, id) in names {
      guard let candidate = candidates.first(where: { $0.facilitatorId == id }) else { continue }
      decision.chosen[role] = Scored(
        candidate: candidate, score: SoftScoring.score(candidate, for: needs, distances: distances))
      decision.unfilled[role] = nil
    }
    let ids = Set(names.values)
    decision.explanation.chosen = FacilitatorRole.allCases.compactMap { role in
      decision.chosen[role].map { AllocationExplanation.choice(role, $0) }
    }
    decision.explanation.alternatives.removeAll { ids.contains($0.facilitatorId) }
    decision.explanation.unfilled.removeAll { names[$0.role] != nil }
    decision.explanation.summary = decision.explanation.sentences()
    return decision
  }

  /// Whether `a` ranks before `b`: higher score, then lighter load, then lower register id.
  static func ranksBefore(_ a: Scored, _ b: Scored) -> Bool {
    if a.score.total != b.score.total { return a.score.total > b.score.total }
    if a.candidate.load != b.candidate.load { return a.candidate.load < b.candidate.load }
    return a.facilitatorId < b.facilitatorId
  }

  /// The best pair of two different people: the scores add, so the best lead with the best
  /// co-facilitator, unless they are the same person, when the better of the two next pairs.
  static func bestPair(leads: [Scored], cos: [Scored]) -> (Scored, Scored)? {
    guard let lead = leads.first else { return nil }
    guard let co = cos.first(where: { $0.facilitatorId != lead.facilitatorId }) else {
      return cos.first.flatMap { co in
        leads.first { $0.facilitatorId != co.facilitatorId }.map { ($0, co) }
      }
    }
    guard cos.first?.facilitatorId == lead.facilitatorId, let bestCo = cos.first,
      let nextLead = leads.first(where: { $0.facilitatorId != bestCo.facilitatorId })
    else { return (lead, co) }
    let keepLead = lead.score.total + co.score.total
    let keepCo = nextLead.score.total + bestCo.score.total
    return keepCo > keepLead ? (nextLead, bestCo) : (lead, co)
  }

  /// `exclusions` (in the rules' order) with the rule that excluded most first; equal counts
  /// keep the rules' order, so the reason names the first requirement in ``AllocationRule``.
  static func ordered(_ exclusions: [AllocationExclusion]) -> [AllocationExclusion] {
    exclusions.enumerated().sorted {
      ($0.element.facilitators, -$0.offset) > ($1.element.facilitators, -$1.offset)
    }.map(\.element)
  }

  /// The rules that excluded everyone from a part, with how many each excluded.
  static func exclusions(
    _ refused: [(Candidate, [AllocationRule])], candidates: [Candidate]
  ) -> [AllocationExclusion] {
    guard !candidates.isEmpty else {
      return [AllocationExclusion(rule: AllocationRule.noFacilitatorInArea, facilitators: 0)]
    }
    var counts: [AllocationRule: Int] = [:]
    for (_, rules) in refused { for rule in rules { counts[rule, default: 0] += 1 } }
    return ordered(
      AllocationRule.allCases.compactMap { rule in
        counts[rule].map { AllocationExclusion(rule: rule.rawValue, facilitators: $0) }
      })
  }
}
