import EventContracts
import Foundation
import PersonalData
import PostgresClient

/// What the hub's review queue lists: a kept submission, without personal data.
struct SubmissionSummary: Encodable, Sendable {
  var submissionId: String
  var receivedAt: Date
  var sourceSystem: String?
  var referralId: String?
  var area: String?
  var outcome: String
  var caseId: String?
  var errorCodes: [String]
  /// The submission this one corrected, if it was a correction.
  var corrects: String?
  /// The correction that was made to this one, if any.
  var correctedBy: String?
  /// Why an accepted referral asks for a person's check (``ReferralFlag``); empty when none.
  var flags: [String]
  /// For a possible duplicate: the area's other cases of the same victim.
  var possibleDuplicateOf: [String]
  /// The check of a flagged referral, once made.
  var review: FlagReview?
}

/// A case worker's check of a flagged referral.
struct FlagReview: Encodable, Sendable {
  /// `confirmed` (the case stands on its own) or `duplicate` (it repeats `duplicateOf`).
  var decision: String
  var duplicateOf: String?
  var reviewedBy: String
  var reviewedAt: Date
}

/// One submission opened for a case worker: its answer and the body as it was sent (personal
/// data: every view is audited).
struct SubmissionDetail: Encodable, Sendable {
  var summary: SubmissionSummary
  var errors: [ReferralError]
  /// The body as sent, when it was UTF-8 text (JSON as a string, so malformed bodies show too).
  var body: String?
}

/// The filters of `GET /submissions`.
struct SubmissionFilter: Sendable {
  /// A served area, or nil for submissions with no area the hub serves.
  var area: String?
  var outcome: String?
  var from: Date?
  var to: Date?
  var referralId: String?
  var victimIdentityHash: String?
  var crimeReferenceHash: String?
  var before: Date?
  /// Only flagged referrals not yet checked.
  var awaitingReview = false
  var limit = 50
}

/// Reads the review queue from intake's tables.
struct SubmissionReview: Sendable {
  let s: String
  let sealer: PersonalDataSealer
  let servedAreas: Set<String>

  init(schema: SchemaName, sealer: PersonalDataSealer, servedAreas: Set<String>) {
    s = schema.sql
    self.sealer = sealer
    self.servedAreas = servedAreas
  }

  static let columns = """
    message_id, received_at, source_system, referral_id, area, outcome, case_id,
    to_json(error_codes)::text, corrects,
    (SELECT c.message_id FROM {s}.submissions c WHERE c.corrects = t.message_id
      ORDER BY c.received_at DESC LIMIT 1) AS corrected_by,
    to_json(flags)::text, to_json(possible_duplicate_of)::text, reviewed_at, reviewed_by,
    review_decision, review_duplicate_of
    """

  /// The submissions matching `filter`, newest first.
  func list(_ filter: SubmissionFilter, in session: PostgresSession) throws
    -> [SubmissionSummary]
  {
    try session.query(
      """
      SELECT \(Self.columns.replacingOccurrences(of: "{s}", with: s)) FROM \(s).submissions t
      WHERE (CASE WHEN $1::text IS NULL THEN (area IS NULL OR NOT area = ANY ($2::text[]))
                  ELSE area = $1 END)
        AND ($3::text IS NULL OR outcome = $3)
        AND ($4::timestamptz IS NULL OR received_at >= $4)
        AND ($5::timestamptz IS NULL OR received_at < $5)
        AND ($6::text IS NULL OR referral_id = $6)
        AND ($7::text IS NULL OR victim_identity_hash = $7)
        AND ($8::text IS NULL OR crime_reference_hash = $8)
        AND ($9::timestamptz IS NULL OR received_at < $9)
        AND (NOT $11::boolean OR (flags <> '{}' AND reviewed_at IS NULL))
      ORDER BY t.received_at DESC, t.message_id
      LIMIT $10
      """,
      [
        .optionalText(filter.area), .textArray(servedAreas.sorted()),
        .optionalText(filter.outcome), Self.optionalTime(filter.from),
        Self.optionalTime(filter.to), .optionalText(filter.referralId),
        .optionalText(filter.victimIdentityHash), .optionalText(filter.crimeReferenceHash),
        Self.optionalTime(filter.before), .int(Int64(filter.limit)),
        .bool(filter.awaitingReview),
      ]
    ).rows.map(Self.summary)
  }

  /// Submission `submissionId` as the queue lists it, its body left sealed; nil when unknown.
  func summary(_ submissionId: String, in session: PostgresSession) throws -> SubmissionSummary? {
    try session.query(
      """
      SELECT \(Self.columns.replacingOccurrences(of: "{s}", with: s))
      FROM \(s).submissions t WHERE message_id = $1
      """, [.text(submissionId)]
    ).rows.first.map(Self.summary)
  }

  /// Submission `submissionId` with its body opened; nil when unknown.
  func detail(_ submissionId: String, in session: PostgresSession) throws -> SubmissionDetail? {
    guard
      let row = try session.query(
        """
        SELECT \(Self.columns.replacingOccurrences(of: "{s}", with: s)), errors::text, raw_body
        FROM \(s).submissions t WHERE message_id = $1
        """, [.text(submissionId)]
      ).rows.first
    else { return nil }
    let body = try sealer.openData(
      try row.decode(17, as: String.self),
      context: IntakePersonalData.submissionBody.context(rowID: submissionId))
    return SubmissionDetail(
      summary: try Self.summary(row),
      errors: try row.decodeJSON(16, as: [ReferralError].self),
      body: String(data: body, encoding: .utf8))
  }

  /// The area a submission is reviewed under: its own when the hub serves it, else nil
  /// (administrators review those).
  func reviewArea(of summary: SubmissionSummary) -> String? {
    summary.area.flatMap { servedAreas.contains($0) ? $0 : nil }
  }

  static func summary(_ row: PostgresRow) throws -> SubmissionSummary {
    SubmissionSummary(
      submissionId: try row.decode(0), receivedAt: try row.decode(1),
      sourceSystem: try row.decode(2), referralId: try row.decode(3), area: try row.decode(4),
      outcome: try row.decode(5), caseId: try row.decode(6),
      errorCodes: try row.decodeJSON(7),
      corrects: try row.decode(8), correctedBy: try row.decode(9),
      flags: try row.decodeJSON(10), possibleDuplicateOf: try row.decodeJSON(11),
      review: try row.decode(12, as: Date?.self).map { reviewedAt in
        FlagReview(
          decision: try row.decode(14), duplicateOf: try row.decode(15),
          reviewedBy: try row.decode(13), reviewedAt: reviewedAt)
      })
  }

  /// Records the check of flagged submission `submissionId` by `subject`; false when it is not
  /// flagged or was checked before.
  func recordReview(
    _ submissionId: String, decision: String, duplicateOf: String?, by subject: String,
    at now: Date, in session: PostgresSession
  ) throws -> Bool {
    try session.query(
      """
      UPDATE \(s).submissions SET reviewed_at = $2, reviewed_by = $3, review_decision = $4,
        review_duplicate_of = $5
      WHERE message_id = $1 AND flags <> '{}' AND reviewed_at IS NULL
      RETURNING 1
      """,
      [
        .text(submissionId), .timestamp(now), .text(subject), .text(decision),
        .optionalText(duplicateOf),
      ]
    ).rows.count == 1
  }

  static func optionalTime(_ date: Date?) -> PostgresBind {
    date.map { .timestamp($0) } ?? .null
  }
}
