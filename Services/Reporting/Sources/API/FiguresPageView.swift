import EventContracts

/// What the figures page template shows: the area, the period in words and one table per
/// figure, rows in the order a reader expects (journey order for stages) with plain-English
/// labels.
struct FiguresPageView {
  /// The area's name.
  let area: String
  /// The period's first day, YYYY-MM-DD (for `<time datetime>`).
  let from: String
  /// The period's last day, YYYY-MM-DD.
  let to: String
  /// The day the figures were worked out, YYYY-MM-DD.
  let asOf: String
  /// `from` in words, e.g. "1 November 2026".
  let fromText: String
  /// `to` in words.
  let toText: String
  /// `asOf` in words.
  let asOfText: String
  /// One table per figure.
  let tables: [Table]

  /// One figure's table.
  struct Table {
    /// The table's HTML id, for links.
    let id: String
    /// What the table counts.
    let caption: String
    /// The header of the label column.
    let heading: String
    /// Its rows.
    let rows: [Row]
  }

  /// One labelled count.
  struct Row {
    /// What is counted, in plain English.
    let label: String
    /// The number, as text.
    let count: String
  }

  /// The view of `figures`.
  init(_ figures: AreaFigures) {
    area = figures.area
    from = figures.period.from.description
    to = figures.period.to.description
    asOf = figures.asOf.description
    fromText = Self.words(figures.period.from)
    toText = Self.words(figures.period.to)
    asOfText = Self.words(figures.asOf)
    tables = Self.tables(figures)
  }

  /// The tables, one per figure.
  static func tables(_ f: AreaFigures) -> [Table] {
    let referrals = f.referrals
    let opened = f.casesOpened
    let ack = f.referrerAcknowledgement
    let allocations = f.facilitatorAllocations
    func count(_ counts: [String: Int], _ key: String) -> String { "\(counts[key] ?? 0)" }
    return [
      Table(
        id: "referrals", caption: "Referrals received", heading: "Referrals",
        rows: [
          Row(label: "Accepted", count: "\(referrals.accepted)"),
          Row(
            label: "Accepted, of which linked to an existing case",
            count: "\(referrals.linkedToExistingCase)"),
          Row(label: "Rejected", count: "\(referrals.rejected)"),
        ]),
      Table(
        id: "rejected-by-error", caption: "Rejected referrals by error code",
        heading: "Error code",
        rows: referrals.rejectedByErrorCode.sorted { $0.key < $1.key }.map {
          Row(label: $0.key, count: "\($0.value)")
        }),
      Table(
        id: "cases-by-referrer", caption: "Cases opened by referrer type", heading: "Referrer",
        rows: ReferrerType.allCases.map {
          Row(label: label($0), count: count(opened.byReferrerType, $0.rawValue))
        } + [
          Row(label: "All cases opened", count: "\(opened.total)"),
          Row(
            label: "Of which re-referrals of a closed or transferred case",
            count: "\(opened.reReferrals)"),
        ]),
      Table(
        id: "cases-by-initiator", caption: "Cases opened by who asked for restorative justice",
        heading: "Asked first",
        rows: InitiatedBy.allCases.map {
          Row(label: label($0), count: count(opened.byInitiator, $0.rawValue))
        }),
      Table(
        id: "cases-by-stage", caption: "Cases by the stage they are in now", heading: "Stage",
        rows: CaseStage.allCases.map {
          Row(label: label($0), count: count(f.casesByStage, $0.rawValue))
        }),
      Table(
        id: "referrer-acknowledgement", caption: "Referrer acknowledgement timeliness",
        heading: "Acknowledgement",
        rows: [
          Row(label: "Sent on time", count: "\(ack.onTime)"),
          Row(label: "Sent late", count: "\(ack.late)"),
          Row(label: "Not sent, overdue", count: "\(ack.overdue)"),
          Row(label: "Not sent, not yet due", count: "\(ack.notYetDue)"),
          Row(label: "No acknowledgement due date yet", count: "\(ack.notScheduled)"),
        ]),
      Table(
        id: "facilitator-allocations", caption: "Facilitator allocations", heading: "Allocations",
        rows: FacilitatorRole.allCases.map {
          Row(label: label($0), count: count(allocations.madeByRole, $0.rawValue))
        } + [
          Row(label: "All allocations made", count: "\(allocations.made)"),
          Row(label: "Requests left unfilled", count: "\(allocations.unfilled)"),
        ]),
      Table(
        id: "unfilled-by-reason", caption: "Unfilled facilitator requests by reason",
        heading: "Reason",
        rows: allocations.unfilledByReason.sorted { $0.key < $1.key }.map {
          Row(label: $0.key, count: "\($0.value)")
        }),
      Table(
        id: "allocations-ended", caption: "Facilitator allocations ended in the period, by reason",
        heading: "Reason",
        rows: AllocationEndReason.allCases.map {
          Row(label: $0.rawValue, count: count(allocations.endedByReason, $0.rawValue))
        } + [Row(label: "All allocations ended", count: "\(allocations.ended)")]),
    ] + journeyTables(f.journey) + facilitationTables(f.partnership, f.volunteerPool)
  }

  /// Partnership engagement (offers per agency and how they ended, acceptance rates, declines
  /// by reason) and the volunteer pool's health.
  static func facilitationTables(_ p: PartnershipFigures, _ v: VolunteerPoolFigures) -> [Table] {
    let agencies = p.byAgency.sorted { $0.key < $1.key }
    func outcomes(_ a: AgencyFacilitation) -> String {
      "\(a.offered) / \(a.accepted) / \(a.declined) / \(a.noAnswer) / \(a.withdrawn) / "
        + "\(a.awaitingAnswer)"
    }
    func rate(_ a: AgencyFacilitation) -> String {
      a.acceptanceRate.map { "\(($0 * 1000).rounded() / 10)%" } ?? "-"
    }
    return [
      Table(
        id: "partnership",
        caption: "Facilitation offered to agencies in the period, and how the offers ended",
        heading: "Agency: offered / accepted / declined / no answer / withdrawn / awaiting answer",
        rows: agencies.map { Row(label: $0.key, count: outcomes($0.value)) }
          + [Row(label: "All agencies", count: outcomes(p.all))]),
      Table(
        id: "partnership-acceptance", caption: "Offers accepted of offers made, per agency",
        heading: "Agency",
        rows: agencies.map { Row(label: $0.key, count: rate($0.value)) }
          + [Row(label: "All agencies", count: rate(p.all))]),
      Table(
        id: "partnership-declines", caption: "Offers declined by agencies, by reason",
        heading: "Reason",
        rows: OfferDeclineReason.allCases.map {
          Row(label: $0.rawValue, count: "\(p.all.declinedByReason[$0.rawValue] ?? 0)")
        }),
      Table(
        id: "volunteer-pool", caption: "The volunteer pool at the end of the period",
        heading: "Volunteers",
        rows: [
          Row(
            label: "Active community volunteers (\(v.expectedActiveVolunteers) expected)",
            count: "\(v.activeVolunteers)"),
          Row(
            label: "Their conferences in the twelve months to the end",
            count: "\(v.conferencesInTwelveMonths)"),
          Row(
            label:
              "Conferences per volunteer (\(v.expectedConferencesPerVolunteer) a year expected)",
            count: v.conferencesPerVolunteer.map { "\($0)" } ?? "-"),
          Row(
            label: "Volunteers with \(v.expectedConferencesPerVolunteer) conferences or more",
            count: "\(v.volunteersReachingExpectedConferences)"),
          Row(
            label: "Volunteers with fewer", count: "\(v.volunteersBelowExpectedConferences)"),
          Row(
            label: "Vetting expiring in the 30 days after the end",
            count: "\(v.vettingLapsingWithin30Days)"),
          Row(
            label: "Supervision falling due in the 30 days after the end",
            count: "\(v.supervisionDueWithin30Days)"),
          Row(label: "Vetting already expired", count: "\(v.vettingLapsed)"),
          Row(label: "Supervision already overdue", count: "\(v.supervisionOverdue)"),
        ]),
      Table(
        id: "facilitator-languages",
        caption: "Languages spoken by the area's active facilitators (all kinds)",
        heading: "Language",
        rows: v.facilitatorsByLanguage.sorted { $0.key < $1.key }.map {
          Row(label: $0.key, count: "\($0.value)")
        } + [
          Row(label: "Languages covered", count: "\(v.languagesCovered)"),
          Row(label: "Active facilitators", count: "\(v.activeFacilitators)"),
        ]),
    ]
  }

  /// The journey's tables: closures, unsuitable reasons, interventions, withdrawals,
  /// distance travelled, satisfaction and complaints.
  static func journeyTables(_ j: JourneyFigures) -> [Table] {
    func rows(_ counts: [String: Int], _ keys: [String]) -> [Row] {
      keys.map { Row(label: $0, count: "\(counts[$0] ?? 0)") }
    }
    let i = j.interventions
    let sat = j.satisfaction
    let c = j.complaints
    func distance(_ id: String, _ caption: String, _ changes: [String: MeasureChange]) -> Table {
      Table(
        id: id, caption: caption, heading: "Measure: improved / no change / deteriorated",
        rows: DistanceMeasure.allCases.map {
          let m = changes[$0.rawValue]
          return Row(
            label: $0.rawValue,
            count: "\(m?.improvement ?? 0) / \(m?.noChange ?? 0) / \(m?.deterioration ?? 0)")
        })
    }
    return [
      Table(
        id: "closures-by-reason", caption: "Cases closed by closure reason", heading: "Reason",
        rows: rows(j.closures.byReason, ClosureReason.allCases.map(\.rawValue))
          + [Row(label: "All cases closed", count: "\(j.closures.total)")]),
      Table(
        id: "unsuitable-by-reason", caption: "Cases closed as unsuitable, by why",
        heading: "Reason",
        rows: rows(j.closures.unsuitableByReason, UnsuitableReason.allCases.map(\.rawValue))),
      Table(
        id: "drop-out-stage", caption: "Cases closed without an intervention, by the stage left",
        heading: "Stage",
        rows: CaseStage.allCases.map {
          Row(label: label($0), count: "\(j.closures.droppedOutAtStage[$0.rawValue] ?? 0)")
        }),
      Table(
        id: "interventions", caption: "Interventions delivered", heading: "Interventions",
        rows: [
          Row(label: "Direct (conference) delivered", count: "\(i.directDelivered)"),
          Row(label: "Indirect delivered", count: "\(i.indirectDelivered)"),
          Row(label: "Preparation meetings held", count: "\(i.preparationMeetingsHeld)"),
          Row(label: "Cases completed", count: "\(i.casesCompleted)"),
          Row(
            label: "Median days to completion",
            count: i.medianDaysToCompletion.map(String.init) ?? "-"),
          Row(
            label: "90th percentile days to completion",
            count: i.p90DaysToCompletion.map(String.init) ?? "-"),
          Row(
            label: "Median working days to completion",
            count: i.medianWorkingDaysToCompletion.map(String.init) ?? "-"),
          Row(
            label: "90th percentile working days to completion",
            count: i.p90WorkingDaysToCompletion.map(String.init) ?? "-"),
        ]),
      Table(
        id: "consent-withdrawals", caption: "Consent withdrawn", heading: "Participant",
        rows: rows(j.consentWithdrawals, Participant.allCases.map(\.rawValue))),
      distance("distance-at-end", "Distance travelled at the end", j.distanceTravelled.atEnd),
      distance(
        "distance-at-six-months", "Distance travelled six months on",
        j.distanceTravelled.atSixMonths),
      Table(
        id: "satisfaction", caption: "Satisfaction", heading: "Answers",
        rows: [
          Row(label: "Victims answering", count: "\(sat.victimsAnswered)"),
          Row(label: "Victims satisfied or very satisfied", count: "\(sat.victimsSatisfied)"),
          Row(label: "Offenders answering", count: "\(sat.offendersAnswered)"),
          Row(
            label: "Offenders satisfied or very satisfied", count: "\(sat.offendersSatisfied)"),
          Row(label: "Testimonials consented for use", count: "\(sat.testimonialsConsented)"),
        ]),
      Table(
        id: "complaints", caption: "Complaints", heading: "Complaints",
        rows: [
          Row(label: "Received", count: "\(c.received)"),
          Row(label: "Answered", count: "\(c.responded)"),
          Row(label: "Answered within 28 days", count: "\(c.respondedInTime)"),
          Row(label: "Not answered, overdue", count: "\(c.overdue)"),
        ]),
    ]
  }

  /// A date as a reader writes it, e.g. "1 November 2026".
  static func words(_ date: CalendarDate) -> String {
    let months = [
      "January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December",
    ]
    return "\(date.day) \(months[date.month - 1]) \(date.year)"
  }

  /// A referrer type as the page names it.
  static func label(_ type: ReferrerType) -> String {
    switch type {
    case .police: "Police"
    case .victimHub: "Victims' hub"
    case .agency: "Partner agency"
    case .selfReferral: "Self-referral"
    }
  }

  /// A party as the page names it.
  static func label(_ party: InitiatedBy) -> String {
    switch party {
    case .victim: "Victim"
    case .offender: "Offender"
    }
  }

  /// An allocation row's label for a facilitator role.
  static func label(_ role: FacilitatorRole) -> String {
    switch role {
    case .lead: "Lead facilitator allocations made"
    case .coFacilitator: "Co-facilitator allocations made"
    }
  }

  /// A stage as the RJ Council framework names it.
  static func label(_ stage: CaseStage) -> String {
    switch stage {
    case .referred: "Referred"
    case .initialEngagement: "Initial engagement"
    case .riskAssessment: "Risk and safety assessment"
    case .preparation: "Preparation"
    case .intervention: "Intervention"
    case .outcomeMonitoring: "Outcome agreement monitoring"
    case .followUp: "Follow-up"
    case .closed: "Closed"
    case .paused: "Paused"
    case .transferred: "Transferred to another area"
    }
  }
}
