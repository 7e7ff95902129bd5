import EventContracts
import Foundation

/// Why a request got the pair it got, and why not the others: what a supervisor reads on the
/// case (`GET /requests/{requestId}`). Register ids only, never names; kept with the request.
struct AllocationExplanation: Sendable, Equatable, Codable {
  /// The day the rules were applied on.
  var day: CalendarDate
  /// What the case needed (no conflict marks).
  var needs: Needs
  /// Who was chosen, per part, with their score.
  var chosen: [Choice]
  /// Parts held already and kept.
  var kept: [Kept]
  /// The next best for each part who were not chosen (at most 20 per part).
  var alternatives: [Choice]
  /// Who the hard rules excluded and by which rules (at most 20 per part).
  var refused: [Refusal]
  /// Parts nobody could take, with the rules that excluded everyone.
  var unfilled: [Unfilled]
  /// The decision in sentences, chosen first.
  var summary: [String]
  /// A supervisor's override, when there was one.
  var override: Override?

  struct Needs: Sendable, Equatable, Codable {
    var district: String?
    var caseTypes: [String]
    var higherHarm: Bool
    var languages: [String]
    var culturalNeeds: [String]
    var conflictChecks: Int
  }

  struct Choice: Sendable, Equatable, Codable {
    var role: FacilitatorRole
    var facilitatorId: String
    var agency: String
    var score: Double
    var lines: [ScoreLine]
  }

  struct Kept: Sendable, Equatable, Codable {
    var role: FacilitatorRole
    var facilitatorId: String
  }

  struct Refusal: Sendable, Equatable, Codable {
    var role: FacilitatorRole
    var facilitatorId: String
    var rules: [AllocationRule]
    var reasons: [String]
  }

  struct Unfilled: Sendable, Equatable, Codable {
    var role: FacilitatorRole
    var exclusions: [AllocationExclusion]
  }

  /// A supervisor's override: who and when (their reason is kept sealed with the request and
  /// shown only by the API).
  struct Override: Sendable, Equatable, Codable {
    var by: String
    var at: Date
    var reason: String?
  }

  init(
    needs: PairRequirements, day: CalendarDate, chosen: [FacilitatorRole: PairSelection.Scored],
    held: [FacilitatorRole: String], eligible: [FacilitatorRole: [PairSelection.Scored]],
    refused: [FacilitatorRole: [(Candidate, [AllocationRule])]],
    unfilled: [FacilitatorRole: [AllocationExclusion]]
  ) {
    self.day = day
    self.needs = Needs(
      district: needs.district, caseTypes: needs.caseTypes.sorted(),
      higherHarm: needs.higherHarm, languages: needs.languages,
      culturalNeeds: needs.culturalNeeds, conflictChecks: needs.marks.count)
    let roles = FacilitatorRole.allCases
    self.chosen = roles.compactMap { role in chosen[role].map { Self.choice(role, $0) } }
    kept = roles.compactMap { role in held[role].map { Kept(role: role, facilitatorId: $0) } }
    let chosenIds = Set(chosen.values.map(\.facilitatorId))
    alternatives = roles.flatMap { role in
      (eligible[role] ?? []).filter { !chosenIds.contains($0.facilitatorId) }
        .prefix(PairSelection.listed).map { Self.choice(role, $0) }
    }
    self.refused = roles.flatMap { role in
      (refused[role] ?? []).prefix(PairSelection.listed).map { candidate, rules in
        Refusal(
          role: role, facilitatorId: candidate.facilitatorId, rules: rules,
          reasons: rules.map { $0.sentence(candidate, needs) })
      }
    }
    self.unfilled = roles.compactMap { role in
      unfilled[role].map { Unfilled(role: role, exclusions: $0) }
    }
    override = nil
    summary = []  // every stored property set before the sentences read them
    summary = sentences()
  }

  static func choice(_ role: FacilitatorRole, _ scored: PairSelection.Scored) -> Choice {
    Choice(
      role: role, facilitatorId: scored.facilitatorId, agency: scored.candidate.agency,
      score: scored.score.total, lines: scored.score.lines)
  }

  /// The decision in words: who and why, then the nearest alternatives, then who the rules
  /// excluded, then what could not be filled.
  func sentences() -> [String] {
    func because(_ lines: [ScoreLine]) -> String {
      lines.map { line in
        let sign = line.points >= 0 ? "+" : ""
        return "\(line.because) (\(sign)\(Self.points(line.points)))"
      }.joined(separator: "; ")
    }
    var text: [String] = []
    if let override {
      text.append(
        "Chosen by \(override.by) overriding the scores\(override.reason.map { ": \($0)" } ?? "").")
    }
    for choice in chosen {
      let part = choice.role == .lead ? "leads" : "co-facilitates"
      text.append(
        "\(choice.facilitatorId) \(part) with \(Self.points(choice.score)) points: \(because(choice.lines))."
      )
    }
    for kept in kept {
      text.append("\(kept.facilitatorId) keeps the \(kept.role.rawValue) part.")
    }
    for alternative in alternatives.prefix(6) {
      let best = chosen.first { $0.role == alternative.role }?.score ?? alternative.score
      let part = alternative.role == .lead ? "lead" : "co-facilitate"
      text.append(
        "\(alternative.facilitatorId) could \(part) but scored \(Self.points(alternative.score)) (\(Self.points(best - alternative.score)) fewer): \(because(alternative.lines))."
      )
    }
    var said = Set<String>()
    for refusal in refused where said.insert(refusal.facilitatorId).inserted {
      text.append("Not \(refusal.facilitatorId): " + refusal.reasons.joined(separator: " "))
    }
    for part in unfilled {
      let rules = part.exclusions.map { "\($0.rule) (\($0.facilitators))" }
      text.append(
        "Nobody can take the \(part.role.rawValue) part: \(rules.joined(separator: ", ")).")
    }
    return text
  }

  /// Points as written: one decimal, none when whole.
  static func points(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
  }
}
