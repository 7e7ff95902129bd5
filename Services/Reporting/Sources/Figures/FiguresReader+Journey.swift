import EventContracts
import HubAreas
import PostgresClient

/// The journey's figures (see `docs/figures.md`, "Case journey").
extension FiguresReader {
  /// Every journey figure of `window`, judged against `today`.
  func journey(_ window: Window, today: CalendarDate, in session: PostgresSession) throws
    -> JourneyFigures
  {
    JourneyFigures(
      closures: try closures(window, in: session),
      interventions: try interventions(window, in: session),
      consentWithdrawals: Self.zeros(Participant.allCases.map(\.rawValue)).merging(
        try counts(
          """
          SELECT participant, count(*) FROM \(s).consent_withdrawals
          WHERE area = $1 AND \(Window.inPeriod("withdrawn_at")) GROUP BY 1
          """, window, in: session), uniquingKeysWith: +),
      distanceTravelled: DistanceTravelledFigures(
        atEnd: try distance(window, point: .end, in: session),
        atSixMonths: try distance(window, point: .sixMonths, in: session)),
      satisfaction: try satisfaction(window, in: session),
      complaints: try complaints(window, today: today, in: session))
  }

  /// Each case's latest closure in the period. A case closed while paused left at the stage
  /// its pause was from: the change just before the closure (a case's sequences have no
  /// gaps), `paused` while that change has not arrived.
  func closures(_ window: Window, in session: PostgresSession) throws -> ClosureFigures {
    let paused = CaseStage.paused.rawValue
    let latest = """
      SELECT DISTINCT ON (c.case_id) c.closure_reason, c.unsuitable_reason,
        CASE WHEN c.last_stage = '\(paused)' THEN coalesce(
          (SELECT p.previous_stage FROM \(s).case_stage_changes p
           WHERE p.case_id = c.case_id AND p.sequence = c.sequence - 1
             AND p.stage = '\(paused)'), c.last_stage)
        ELSE c.last_stage END AS last_stage
      FROM \(s).case_closures c
      WHERE c.area = $1 AND \(Window.inPeriod("c.closed_at"))
      ORDER BY c.case_id, c.sequence DESC
      """
    let byReason = try counts(
      "SELECT closure_reason, count(*) FROM (\(latest)) c GROUP BY 1", window, in: session)
    let unsuitable = try counts(
      """
      SELECT unsuitable_reason, count(*) FROM (\(latest)) c
      WHERE closure_reason = '\(ClosureReason.unsuitable.rawValue)'
        AND unsuitable_reason IS NOT NULL GROUP BY 1
      """, window, in: session)
    let delivered = [
      ClosureReason.directInterventionDelivered, .indirectInterventionDelivered, .transferred,
    ].map { "'\($0.rawValue)'" }.joined(separator: ", ")
    let droppedOut = try counts(
      """
      SELECT last_stage, count(*) FROM (\(latest)) c
      WHERE closure_reason NOT IN (\(delivered)) GROUP BY 1
      """, window, in: session)
    return ClosureFigures(
      total: byReason.values.reduce(0, +),
      byReason: Self.zeros(ClosureReason.allCases.map(\.rawValue)).merging(
        byReason, uniquingKeysWith: +),
      unsuitableByReason: Self.zeros(UnsuitableReason.allCases.map(\.rawValue)).merging(
        unsuitable, uniquingKeysWith: +),
      droppedOutAtStage: Self.zeros(CaseStage.allCases.map(\.rawValue)).merging(
        droppedOut, uniquingKeysWith: +))
  }

  /// Interventions delivered in the period, and the days cases took to their first.
  func interventions(_ window: Window, in session: PostgresSession) throws
    -> InterventionFigures
  {
    let zone = Self.timeZone
    let kinds = try counts(
      """
      SELECT kind, count(*) FROM \(s).interventions
      WHERE area = $1 AND status = 'delivered' AND \(Window.inPeriod("delivered_at"))
      GROUP BY 1
      """, window, in: session)
    let indirect = InterventionKind.allCases.filter(\.isIndirect).map(\.rawValue)
    let days = try session.query(
      """
      WITH first_delivery AS (
        SELECT case_id, min(delivered_at) AS delivered_at FROM \(s).interventions
        WHERE area = $1 AND status = 'delivered'
          AND kind <> '\(InterventionKind.preparationMeeting.rawValue)'
        GROUP BY case_id
      )
      SELECT (c.received_at AT TIME ZONE '\(zone)')::date::text,
        (f.delivered_at AT TIME ZONE '\(zone)')::date::text
      FROM first_delivery f JOIN \(s).cases c ON c.case_id = f.case_id
      WHERE \(Window.inPeriod("f.delivered_at"))
      """, window.binds
    ).rows.map { row in
      (
        received: try row.decode(0, as: CalendarDate.self),
        delivered: try row.decode(1, as: CalendarDate.self)
      )
    }
    let calendar = areas.calendar(for: window.area)
    let calendarDays = days.map { $0.delivered.daysSinceEpoch - $0.received.daysSinceEpoch }
      .sorted()
    let workingDays = days.map {
      calendar.workingDays(after: $0.received, through: $0.delivered)
    }.sorted()
    return InterventionFigures(
      directDelivered: kinds[InterventionKind.conference.rawValue] ?? 0,
      indirectDelivered: indirect.reduce(0) { $0 + (kinds[$1] ?? 0) },
      preparationMeetingsHeld: kinds[InterventionKind.preparationMeeting.rawValue] ?? 0,
      casesCompleted: days.count, medianDaysToCompletion: Self.nearestRank(calendarDays, 0.5),
      p90DaysToCompletion: Self.nearestRank(calendarDays, 0.9),
      medianWorkingDaysToCompletion: Self.nearestRank(workingDays, 0.5),
      p90WorkingDaysToCompletion: Self.nearestRank(workingDays, 0.9))
  }

  /// The nearest-rank `share` percentile of sorted `values`; nil when empty.
  static func nearestRank(_ values: [Int], _ share: Double) -> Int? {
    guard !values.isEmpty else { return nil }
    let rank = Int((share * Double(values.count)).rounded(.up))
    return values[max(0, min(values.count, rank) - 1)]
  }

  /// Victims' change on each measure between their start survey and their `point` survey
  /// answered in the period.
  func distance(_ window: Window, point: SurveyPoint, in session: PostgresSession) throws
    -> [String: MeasureChange]
  {
    let victims = Participant.allCases.filter(\.isVictim).map { "'\($0.rawValue)'" }
      .joined(separator: ", ")
    let rows = try session.query(
      """
      SELECT m.measure,
        count(*) FILTER (WHERE (later.measures ->> m.measure)::int > (start.measures ->> m.measure)::int),
        count(*) FILTER (WHERE (later.measures ->> m.measure)::int = (start.measures ->> m.measure)::int),
        count(*) FILTER (WHERE (later.measures ->> m.measure)::int < (start.measures ->> m.measure)::int)
      FROM \(s).surveys later
      JOIN \(s).surveys start ON start.participant_id = later.participant_id
        AND start.kind = 'distance-travelled' AND start.point = 'start'
      CROSS JOIN unnest($4::text[]) AS m(measure)
      WHERE later.area = $1 AND later.kind = 'distance-travelled' AND later.point = $5
        AND later.participant IN (\(victims)) AND \(Window.inPeriod("later.answered_at"))
        AND later.measures ? m.measure AND start.measures ? m.measure
      GROUP BY 1
      """,
      window.binds + [.textArray(DistanceMeasure.allCases.map(\.rawValue)), .text(point.rawValue)]
    ).rows
    var changes = Dictionary(
      uniqueKeysWithValues: DistanceMeasure.allCases.map {
        ($0.rawValue, MeasureChange(improvement: 0, noChange: 0, deterioration: 0))
      })
    for row in rows {
      changes[try row.decode(0, as: String.self)] = MeasureChange(
        improvement: try row.decode(1), noChange: try row.decode(2),
        deterioration: try row.decode(3))
    }
    return changes
  }

  /// Satisfaction surveys answered in the period.
  func satisfaction(_ window: Window, in session: PostgresSession) throws -> SatisfactionFigures {
    let victims = Participant.allCases.filter(\.isVictim).map { "'\($0.rawValue)'" }
      .joined(separator: ", ")
    let row = try session.query(
      """
      SELECT
        count(*) FILTER (WHERE kind = 'satisfaction' AND participant IN (\(victims))),
        count(*) FILTER (WHERE kind = 'satisfaction' AND participant IN (\(victims))
          AND satisfaction >= 4),
        count(*) FILTER (WHERE kind = 'satisfaction' AND participant = 'offender'),
        count(*) FILTER (WHERE kind = 'satisfaction' AND participant = 'offender'
          AND satisfaction >= 4),
        count(*) FILTER (WHERE testimonial_consented)
      FROM \(s).surveys WHERE area = $1 AND \(Window.inPeriod("answered_at"))
      """, window.binds
    ).rows[0]
    return SatisfactionFigures(
      victimsAnswered: try row.decode(0), victimsSatisfied: try row.decode(1),
      offendersAnswered: try row.decode(2), offendersSatisfied: try row.decode(3),
      testimonialsConsented: try row.decode(4))
  }

  /// Complaints received and answered in the period, and those overdue at `today`.
  func complaints(_ window: Window, today: CalendarDate, in session: PostgresSession) throws
    -> ComplaintFigures
  {
    let zone = Self.timeZone
    let row = try session.query(
      """
      SELECT
        count(*) FILTER (WHERE \(Window.inPeriod("received_at"))),
        count(*) FILTER (WHERE responded_at IS NOT NULL AND \(Window.inPeriod("responded_at"))),
        count(*) FILTER (WHERE responded_at IS NOT NULL AND \(Window.inPeriod("responded_at"))
          AND (responded_at AT TIME ZONE '\(zone)')::date <= respond_by),
        count(*) FILTER (WHERE responded_at IS NULL AND $4::date > respond_by)
      FROM \(s).complaints WHERE area = $1
      """, window.binds + [.text(today.description)]
    ).rows[0]
    return ComplaintFigures(
      received: try row.decode(0), responded: try row.decode(1),
      respondedInTime: try row.decode(2), overdue: try row.decode(3))
  }
}
