import EventContracts
import PostgresClient

/// Partnership engagement and the volunteer pool's health (see `docs/figures.md`, sections 7
/// and 8).
extension FiguresReader {
  /// The outcome of each offer made in the period, per agency: accepted (standing, or an
  /// allocation naming the offer, whatever else arrived), else how it ended unaccepted, else
  /// awaiting an answer.
  func partnership(_ window: Window, in session: PostgresSession) throws -> PartnershipFigures {
    let rows = try session.query(
      """
      SELECT o.agency,
        CASE
          WHEN o.standing OR EXISTS (SELECT 1 FROM \(s).facilitator_allocations a
            WHERE a.offer_id = o.offer_id) THEN 'accepted'
          WHEN d.outcome IS NULL THEN 'awaiting'
          ELSE d.outcome END,
        coalesce(d.reason, '\(OfferDeclineReason.other.rawValue)'),
        count(*)
      FROM \(s).allocation_offers o
      LEFT JOIN \(s).offer_declines d ON d.offer_id = o.offer_id
      WHERE o.area = $1 AND \(Window.inPeriod("o.offered_at"))
      GROUP BY 1, 2, 3
      """, window.binds
    ).rows
    var tallies: [String: Tally] = [:]
    var all = Tally()
    for row in rows {
      let agency = try row.decode(0, as: String.self)
      let outcome = try row.decode(1, as: String.self)
      let reason = try row.decode(2, as: String.self)
      let count = try row.decode(3, as: Int.self)
      tallies[agency, default: Tally()].add(outcome, reason: reason, count: count)
      all.add(outcome, reason: reason, count: count)
    }
    return PartnershipFigures(all: all.figures, byAgency: tallies.mapValues(\.figures))
  }

  /// Offers counted by outcome.
  struct Tally {
    var offered = 0
    var outcomes: [String: Int] = [:]
    var reasons = FiguresReader.zeros(OfferDeclineReason.allCases.map(\.rawValue))

    mutating func add(_ outcome: String, reason: String, count: Int) {
      offered += count
      outcomes[outcome, default: 0] += count
      if outcome == OfferDeclineOutcome.declined.rawValue { reasons[reason, default: 0] += count }
    }

    var figures: AgencyFacilitation {
      AgencyFacilitation(
        offered: offered, accepted: outcomes["accepted"] ?? 0,
        declined: outcomes[OfferDeclineOutcome.declined.rawValue] ?? 0, declinedByReason: reasons,
        noAnswer: outcomes[OfferDeclineOutcome.noAnswer.rawValue] ?? 0,
        withdrawn: outcomes[OfferDeclineOutcome.withdrawn.rawValue] ?? 0,
        awaitingAnswer: outcomes["awaiting"] ?? 0)
    }
  }

  /// The register as it stood when the period ended (each facilitator's highest revision
  /// changed before then), its active facilitators covering the area (`$1`; `$2` is the
  /// period's last day), and their delivered conferences in the twelve months to the end.
  func volunteerPool(_ window: Window, in session: PostgresSession) throws
    -> VolunteerPoolFigures
  {
    let zone = Self.timeZone
    let end = "($2::date + 1)::timestamp AT TIME ZONE '\(zone)'"
    let yearStart =
      "((($2::date + 1) - interval '12 months')::date)::timestamp AT TIME ZONE '\(zone)'"
    let pool = """
      WITH entry AS (
        SELECT DISTINCT ON (facilitator_id) facilitator_id, kind, areas, languages, active,
          vetting_expires_on, supervision_due_on
        FROM \(s).facilitator_revisions
        WHERE changed_at < \(end)
        ORDER BY facilitator_id, revision DESC
      ), pool AS (SELECT * FROM entry WHERE active AND $1 = ANY (areas))
      """
    let binds: [PostgresBind] = [.text(window.area), .text(window.period.to.description)]
    let volunteer = FacilitatorRegisterKind.communityVolunteer
    let days = VolunteerPoolFigures.lapseWindowDays
    let expected = VolunteerPoolFigures.expectedConferencesPerVolunteer
    let row = try session.query(
      """
      \(pool), volunteers AS (
        SELECT p.vetting_expires_on, p.supervision_due_on,
          (SELECT count(*) FROM \(s).interventions i
           WHERE i.kind = '\(InterventionKind.conference.rawValue)'
             AND i.status = '\(InterventionStatus.delivered.rawValue)'
             AND p.facilitator_id = ANY (i.facilitator_ids)
             AND i.delivered_at >= \(yearStart) AND i.delivered_at < \(end)) AS conferences
        FROM pool p WHERE p.kind = '\(volunteer)'
      )
      SELECT count(*), coalesce(sum(conferences), 0)::bigint,
        count(*) FILTER (WHERE conferences >= \(expected)),
        count(*) FILTER (WHERE vetting_expires_on > $2::date
          AND vetting_expires_on <= $2::date + \(days)),
        count(*) FILTER (WHERE supervision_due_on > $2::date
          AND supervision_due_on <= $2::date + \(days)),
        count(*) FILTER (WHERE vetting_expires_on <= $2::date),
        count(*) FILTER (WHERE supervision_due_on <= $2::date),
        (SELECT count(*) FROM pool)
      FROM volunteers
      """, binds
    ).rows[0]
    var languages: [String: Int] = [:]
    for language in try session.query(
      """
      \(pool)
      SELECT lower(split_part(l, '-', 1)), count(DISTINCT p.facilitator_id)
      FROM pool p, unnest(p.languages) AS l GROUP BY 1
      """, binds
    ).rows {
      languages[try language.decode(0, as: String.self)] = try language.decode(1, as: Int.self)
    }
    return VolunteerPoolFigures(
      activeVolunteers: try row.decode(0), conferencesInTwelveMonths: try row.decode(1),
      volunteersReachingExpectedConferences: try row.decode(2),
      activeFacilitators: try row.decode(7), facilitatorsByLanguage: languages,
      vettingLapsingWithin30Days: try row.decode(3), supervisionDueWithin30Days: try row.decode(4),
      vettingLapsed: try row.decode(5), supervisionOverdue: try row.decode(6))
  }
}

/// The register's kinds of facilitator as `facilitator.registered.v1` writes them (the
/// contract carries them as text).
enum FacilitatorRegisterKind {
  /// A trained community volunteer: the volunteer pool.
  static let communityVolunteer = "community-volunteer"
}
