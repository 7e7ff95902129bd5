import EventContracts
import Foundation
import HubAreas
import PostgresClient

/// Works out an area's figures from reporting's tables. Every definition lives here and in
/// `docs/figures.md`; the two must say the same thing.
///
/// All dating happens in PostgreSQL with the `Europe/London` zone, so a case received at
/// 23:30 UTC on a summer evening falls on the next London day, as a commissioner expects.
public struct FiguresReader: Sendable {
  let s: String
  /// The areas, for their working-day calendars.
  let areas: HubAreaDirectory

  /// The zone every civil date of the figures is taken in.
  public static let timeZone = "Europe/London"

  /// A reader of the tables in `schema`, counting working days on the calendars of `areas`
  /// (England and Wales's for an area they do not describe).
  public init(schema: SchemaName, areas: HubAreaDirectory = HubAreaDirectory([])) {
    s = schema.sql
    self.areas = areas
  }

  /// The figures of `area` for `period` (nil: the London calendar month `now` falls in),
  /// judged at `now`. Runs in one read-only repeatable-read transaction, so every figure
  /// reflects the same moment: call it as the first thing in a fresh transaction.
  public func figures(
    area: String, period: FiguresPeriod?, now: Date, in session: PostgresSession
  ) throws -> AreaFigures {
    try session.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
    let today = try londonDate(of: now, in: session)
    let period = period ?? .month(containing: today)
    let window = Window(area: area, period: period)
    return AreaFigures(
      area: area, period: period, asOf: today,
      referrals: try referrals(window, in: session),
      casesOpened: try casesOpened(window, in: session),
      casesByStage: try casesByStage(window, in: session),
      referrerAcknowledgement: try acknowledgements(window, today: today, in: session),
      facilitatorAllocations: try allocations(window, in: session),
      journey: try journey(window, today: today, in: session),
      partnership: try partnership(window, in: session),
      volunteerPool: try volunteerPool(window, in: session))
  }

  /// The London civil date of `instant`.
  func londonDate(of instant: Date, in session: PostgresSession) throws -> CalendarDate {
    let text = try session.query(
      "SELECT ($1::timestamptz AT TIME ZONE '\(Self.timeZone)')::date::text", [.timestamp(instant)]
    ).rows[0].decode(0, as: String.self)
    guard let date = CalendarDate(text) else {
      throw PostgresError.decoding(column: "date", type: "CalendarDate", reason: "not a date")
    }
    return date
  }

  /// An area and period as statement parameters `$1` (area), `$2` (from), `$3` (to), with the
  /// SQL condition putting a timestamp column in the period.
  struct Window {
    var area: String
    var period: FiguresPeriod

    /// `$1`, `$2`, `$3`.
    var binds: [PostgresBind] {
      [.text(area), .text(period.from.description), .text(period.to.description)]
    }

    /// `column` falls on a London day from `$2` to `$3`: from London midnight starting `$2`
    /// up to (not including) London midnight ending `$3`.
    static func inPeriod(_ column: String) -> String {
      """
      \(column) >= ($2::date)::timestamp AT TIME ZONE '\(FiguresReader.timeZone)'
        AND \(column) < ($3::date + 1)::timestamp AT TIME ZONE '\(FiguresReader.timeZone)'
      """
    }
  }

  /// Accepted referrals (and linked ones) by the referral's receipt; rejected submissions by
  /// theirs, with their error codes.
  func referrals(_ window: Window, in session: PostgresSession) throws -> ReferralFigures {
    let accepted = try session.query(
      """
      SELECT count(*), count(*) FILTER (WHERE linked_to_existing_case)
      FROM \(s).accepted_referrals
      WHERE area = $1 AND \(Window.inPeriod("received_at"))
      """, window.binds
    ).rows[0]
    let rejected = try session.query(
      """
      SELECT count(*) FROM \(s).rejected_referrals
      WHERE area = $1 AND \(Window.inPeriod("received_at"))
      """, window.binds
    ).rows[0].decode(0, as: Int.self)
    let byCode = try counts(
      """
      SELECT code, count(*) FROM \(s).rejected_referrals, unnest(error_codes) AS code
      WHERE area = $1 AND \(Window.inPeriod("received_at")) GROUP BY code
      """, window, in: session)
    return ReferralFigures(
      accepted: try accepted.decode(0), linkedToExistingCase: try accepted.decode(1),
      rejected: rejected, rejectedByErrorCode: byCode)
  }

  /// Cases received in the period by referrer type and initiator.
  func casesOpened(_ window: Window, in session: PostgresSession) throws -> CasesOpenedFigures {
    let rows = try session.query(
      """
      SELECT referrer_type, initiated_by, count(*), count(previous_case_id) FROM \(s).cases
      WHERE area = $1 AND \(Window.inPeriod("received_at")) GROUP BY 1, 2
      """, window.binds
    ).rows
    var byType = Self.zeros(ReferrerType.allCases.map(\.rawValue))
    var byInitiator = Self.zeros(InitiatedBy.allCases.map(\.rawValue))
    var total = 0
    var reReferrals = 0
    for row in rows {
      let count = try row.decode(2, as: Int.self)
      byType[try row.decode(0, as: String.self), default: 0] += count
      byInitiator[try row.decode(1, as: String.self), default: 0] += count
      total += count
      reReferrals += try row.decode(3, as: Int.self)
    }
    return CasesOpenedFigures(
      total: total, byReferrerType: byType, byInitiator: byInitiator, reReferrals: reReferrals)
  }

  /// Cases received in the period by their latest stage (`referred` until a change is seen).
  func casesByStage(_ window: Window, in session: PostgresSession) throws -> [String: Int] {
    Self.zeros(CaseStage.allCases.map(\.rawValue)).merging(
      try counts(
        """
        SELECT COALESCE(st.stage, '\(CaseStage.referred.rawValue)'), count(*)
        FROM \(s).cases c LEFT JOIN \(s).case_stages st ON st.case_id = c.case_id
        WHERE c.area = $1 AND \(Window.inPeriod("c.received_at")) GROUP BY 1
        """, window, in: session), uniquingKeysWith: +)
  }

  /// Each case received in the period, placed by its acknowledge-referrer task's due date and
  /// its earliest sent referrer-acknowledgement, judged on London dates against `today`.
  func acknowledgements(_ window: Window, today: CalendarDate, in session: PostgresSession)
    throws -> AcknowledgementFigures
  {
    let zone = Self.timeZone
    let row = try session.query(
      """
      SELECT
        count(*) FILTER (WHERE due.due_on IS NULL),
        count(*) FILTER (WHERE due.due_on IS NOT NULL AND sent.sent_at IS NOT NULL
          AND (sent.sent_at AT TIME ZONE '\(zone)')::date <= due.due_on),
        count(*) FILTER (WHERE due.due_on IS NOT NULL AND sent.sent_at IS NOT NULL
          AND (sent.sent_at AT TIME ZONE '\(zone)')::date > due.due_on),
        count(*) FILTER (WHERE due.due_on IS NOT NULL AND sent.sent_at IS NULL
          AND $4::date > due.due_on),
        count(*) FILTER (WHERE due.due_on IS NOT NULL AND sent.sent_at IS NULL
          AND $4::date <= due.due_on)
      FROM \(s).cases c
      LEFT JOIN LATERAL (
        SELECT min(t.due_on) AS due_on FROM \(s).contact_tasks t
        WHERE t.case_id = c.case_id AND t.kind = '\(ContactTaskKind.acknowledgeReferrer.rawValue)'
      ) due ON true
      LEFT JOIN LATERAL (
        SELECT min(n.sent_at) AS sent_at FROM \(s).notifications n
        WHERE n.case_id = c.case_id
          AND n.purpose = '\(NotificationPurpose.referrerAcknowledgement.rawValue)'
      ) sent ON true
      WHERE c.area = $1 AND \(Window.inPeriod("c.received_at"))
      """, window.binds + [.text(today.description)]
    ).rows[0]
    return AcknowledgementFigures(
      onTime: try row.decode(1), late: try row.decode(2), overdue: try row.decode(3),
      notYetDue: try row.decode(4), notScheduled: try row.decode(0))
  }

  /// Allocations made and requests unfilled in the area, for cases received in the period;
  /// allocations ended in the period, by reason.
  func allocations(_ window: Window, in session: PostgresSession) throws -> AllocationFigures {
    let byRole = Self.zeros(FacilitatorRole.allCases.map(\.rawValue)).merging(
      try counts(
        """
        SELECT a.role, count(*) FROM \(s).facilitator_allocations a
        JOIN \(s).cases c ON c.case_id = a.case_id
        WHERE a.area = $1 AND \(Window.inPeriod("c.received_at")) GROUP BY 1
        """, window, in: session), uniquingKeysWith: +)
    let byReason = try counts(
      """
      SELECT u.reason, count(*) FROM \(s).unfilled_allocations u
      JOIN \(s).cases c ON c.case_id = u.case_id
      WHERE u.area = $1 AND \(Window.inPeriod("c.received_at")) GROUP BY 1
      """, window, in: session)
    let ended = Self.zeros(AllocationEndReason.allCases.map(\.rawValue)).merging(
      try counts(
        """
        SELECT e.reason, count(*) FROM \(s).allocation_endings e
        WHERE e.area = $1 AND \(Window.inPeriod("e.ended_at")) GROUP BY 1
        """, window, in: session), uniquingKeysWith: +)
    return AllocationFigures(
      made: byRole.values.reduce(0, +), madeByRole: byRole,
      unfilled: byReason.values.reduce(0, +), unfilledByReason: byReason,
      ended: ended.values.reduce(0, +), endedByReason: ended)
  }

  /// The rows of `sql` (a key and a count per row, parameters as `window`) as a dictionary.
  func counts(_ sql: String, _ window: Window, in session: PostgresSession) throws
    -> [String: Int]
  {
    var counts: [String: Int] = [:]
    for row in try session.query(sql, window.binds).rows {
      counts[try row.decode(0, as: String.self), default: 0] += try row.decode(1, as: Int.self)
    }
    return counts
  }

  /// Every key of a vocabulary at zero.
  static func zeros(_ keys: [String]) -> [String: Int] {
    Dictionary(uniqueKeysWithValues: keys.map { ($0, 0) })
  }
}
