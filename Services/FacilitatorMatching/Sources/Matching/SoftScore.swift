import Foundation

/// One reason a facilitator scored what they did, in points and in words.
struct ScoreLine: Sendable, Equatable, Codable {
  /// The factor: language, cultural-knowledge, distance, workload or volunteer-development.
  var factor: String
  /// Points it gave (negative for a cost).
  var points: Double
  /// Why, for a supervisor.
  var because: String
}

/// A facilitator's soft score for a case: the sum of its explained lines, to one decimal.
struct SoftScore: Sendable, Equatable, Codable {
  let lines: [ScoreLine]
  let total: Double

  init(lines: [ScoreLine]) {
    self.lines = lines
    total = (lines.reduce(0) { $0 + $1.points } * 10).rounded() / 10
  }
}

/// The soft scores of allocation, higher first: the participants' languages, cultural
/// knowledge, district distance, workload fairness and volunteers who need conferences.
/// The points are documented in `docs/facilitator-register.md`.
enum SoftScoring {
  /// Points for speaking the victim's language (the first listed).
  static let victimLanguagePoints = 30.0
  /// Points for each other participant's language spoken.
  static let otherLanguagePoints = 15.0
  /// Points for each cultural need the facilitator knows.
  static let culturalPoints = 15.0
  /// Points lost per kilometre between district centres.
  static let pointsPerKilometre = 0.5
  /// The most points distance can cost.
  static let maximumDistanceCost = 40.0
  /// Points lost when the distance is not known.
  static let unknownDistanceCost = 10.0
  /// Points lost at a full workload (in proportion below it).
  static let fullWorkloadCost = 20.0
  /// Points for a community volunteer below the expected conferences in twelve months.
  static let volunteerDevelopmentPoints = 25.0
  /// The conferences a volunteer is expected to facilitate in twelve months.
  static let expectedConferences = 5

  /// `candidate`'s score for a case needing `needs`, `distances` giving kilometres; the lines'
  /// words only when `explained` (ranking thousands of candidates needs the points alone).
  static func score(
    _ candidate: Candidate, for needs: PairRequirements, distances: DistrictDistances,
    explained: Bool = true
  ) -> SoftScore {
    func say(_ words: @autoclosure () -> String) -> String { explained ? words() : "" }
    var lines: [ScoreLine] = []
    var seen = Set<String>()
    for (index, language) in needs.languages.enumerated() {
      let primary = LanguageTag.primary(language)
      guard !primary.isEmpty, seen.insert(primary).inserted else { continue }
      let whose = index == 0 ? "the victim's language" : "a participant's language"
      if LanguageTag.matches(candidate.languages, wanted: language) {
        lines.append(
          ScoreLine(
            factor: "language", points: index == 0 ? victimLanguagePoints : otherLanguagePoints,
            because: say("speaks \(primary), \(whose)")))
      } else {
        lines.append(
          ScoreLine(
            factor: "language", points: 0,
            because: say("does not speak \(primary), \(whose): an interpreter is needed")))
      }
    }
    let known = Set(candidate.culturalKnowledge)
    for need in needs.culturalNeeds where known.contains(need) {
      lines.append(
        ScoreLine(
          factor: "cultural-knowledge", points: culturalPoints, because: say("knows \(need)")))
    }
    if let from = candidate.travelsFrom, let to = needs.district,
      let km = distances.kilometres(area: needs.area, from: from, to: to)
    {
      lines.append(
        ScoreLine(
          factor: "distance", points: -min(maximumDistanceCost, Double(km) * pointsPerKilometre),
          because: say("about \(km) km from \(from) to \(to)")))
    } else {
      lines.append(
        ScoreLine(
          factor: "distance", points: -unknownDistanceCost, because: say("distance not known")))
    }
    let ratio = candidate.capacity == 0 ? 1 : Double(candidate.load) / Double(candidate.capacity)
    lines.append(
      ScoreLine(
        factor: "workload", points: -(fullWorkloadCost * ratio * 10).rounded() / 10,
        because: say("\(candidate.load) of \(candidate.capacity) places taken")))
    if candidate.kind == .communityVolunteer && candidate.conferencesInYear < expectedConferences {
      lines.append(
        ScoreLine(
          factor: "volunteer-development", points: volunteerDevelopmentPoints,
          because: say(
            "a volunteer with \(candidate.conferencesInYear) conferences in twelve months (fewer than \(expectedConferences))"
          )))
    }
    return SoftScore(lines: lines)
  }
}
