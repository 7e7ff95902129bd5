import EventContracts
import Foundation
import HubAreas
import PersonalData
import PostgresClient

/// intake's reads and writes, all within the caller's transaction. Personal data is sealed
/// with `sealer` on the way in (``IntakePersonalData`` lists where).
struct ReferralStore: Sendable {
  let schema: SchemaName
  let s: String
  let sealer: PersonalDataSealer
  /// The areas, for the code their case numbers carry.
  let areas: HubAreaDirectory

  init(schema: SchemaName, sealer: PersonalDataSealer, areas: HubAreaDirectory) {
    self.schema = schema
    self.s = schema.sql
    self.sealer = sealer
    self.areas = areas
  }

  /// What an earlier accepted submission of the same referral was answered with.
  struct Answer {
    var caseId: String
    var area: String
    var receivedAt: Date
    /// Whether the referral was linked to a case another referral opened.
    var linked: Bool
  }

  /// Serialises the handling of one referral (sender and reference) across replicas until
  /// the transaction ends, so that two copies sent at once open one case.
  func lockReferral(sourceSystem: String, referralId: String, in session: PostgresSession) throws {
    _ = try session.query(
      "SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))",
      [.text("\(schema).referral"), .text("\(sourceSystem)\u{1F}\(referralId)")])
  }

  /// The answer already given to this referral, if it was accepted before.
  func existingAnswer(sourceSystem: String, referralId: String, in session: PostgresSession)
    throws -> Answer?
  {
    try session.query(
      """
      SELECT case_id, area, received_at, linked_by IS NOT NULL FROM \(s).referrals
      WHERE source_system = $1 AND referral_id = $2
      """, [.text(sourceSystem), .text(referralId)]
    ).rows.first.map {
      Answer(
        caseId: try $0.decode(0, as: String.self), area: try $0.decode(1, as: String.self),
        receivedAt: try $0.decode(2, as: Date.self), linked: try $0.decode(3, as: Bool.self))
    }
  }

  /// The next case id for `area`, e.g. RJ-NFK-2025-000042: numbered per area (its configured
  /// ``HubArea/caseNumberCode``) and London year of receipt.
  func nextCaseId(area: String, receivedAt: Date, in session: PostgresSession) throws -> String {
    let prefix = "RJ-\(areas.caseNumberCode(for: area))-\(LondonDay.of(receivedAt).year)"
    let number = try session.query(
      """
      INSERT INTO \(s).case_numbers (prefix, last_number) VALUES ($1, 1)
      ON CONFLICT (prefix) DO UPDATE SET last_number = \(s).case_numbers.last_number + 1
      RETURNING last_number
      """, [.text(prefix)]
    ).rows[0].decode(0, as: Int.self)
    return "\(prefix)-\(String(format: "%06d", number))"
  }

  /// Opens case `caseId` for the valid `referral` and stores the referral.
  func openCase(
    _ caseId: String, for referral: ValidReferral, keys: MatchKeys, receivedAt: Date,
    previousCaseId: String? = nil, in session: PostgresSession
  ) throws {
    try session.execute(
      """
      INSERT INTO \(s).cases (case_id, area, opened_at, source_system, referral_id, previous_case_id)
      VALUES ($1, $2, $3, $4, $5, $6)
      """,
      [
        .text(caseId), .text(referral.area), .timestamp(receivedAt), .text(referral.sourceSystem),
        .text(referral.referralId), .optionalText(previousCaseId),
      ])
    try insertReferral(
      referral, caseId: caseId, keys: keys, receivedAt: receivedAt, linkedBy: nil, in: session)
  }

  /// Stores `referral` as a further source of case `caseId`, which it matched `matchedBy`.
  func linkReferral(
    _ referral: ValidReferral, to caseId: String, matchedBy: CaseReferralLinked.LinkMatch,
    keys: MatchKeys, receivedAt: Date, in session: PostgresSession
  ) throws {
    try insertReferral(
      referral, caseId: caseId, keys: keys, receivedAt: receivedAt, linkedBy: matchedBy,
      in: session)
  }

  /// Inserts the `referrals` row of `referral` in case `caseId`.
  func insertReferral(
    _ referral: ValidReferral, caseId: String, keys: MatchKeys, receivedAt: Date,
    linkedBy: CaseReferralLinked.LinkMatch?, in session: PostgresSession
  ) throws {
    try session.execute(
      insertReferralSQL,
      referral.columns(caseId: caseId, receivedAt: receivedAt) + sealedPersonalData(of: referral)
        + [
          .optionalText(keys.victimIdentity), .optionalText(keys.crimeReference),
          .optionalText(linkedBy?.rawValue),
        ])
  }

  /// The `referrals` columns in bind order: ``ValidReferral/plainColumnNames``, then
  /// ``IntakePersonalData/referralColumns`` (sealed), then the two matching hashes.
  static let referralColumnNames =
    ValidReferral.plainColumnNames + IntakePersonalData.referralColumns.map(\.column)
    + ["victim_identity_hash", "crime_reference_hash", "linked_by"]

  /// The insert of one referral row.
  var insertReferralSQL: String {
    let names = Self.referralColumnNames
    let values = names.indices.map {
      "$\($0 + 1)" + (names[$0] == "offence_occurred_on" ? "::date" : "")
    }
    return """
      INSERT INTO \(s).referrals (\(names.joined(separator: ", ")))
      VALUES (\(values.joined(separator: ", ")))
      """
  }

  /// The referral's personal data sealed for its row, in ``IntakePersonalData/referralColumns``
  /// order.
  func sealedPersonalData(of referral: ValidReferral) -> [PostgresBind] {
    let rowID = IntakePersonalData.referralRowID(
      sourceSystem: referral.sourceSystem, referralId: referral.referralId)
    return zip(IntakePersonalData.referralColumns, referral.personalData).map { column, value in
      .optionalText(sealer.sealIfPresent(value, context: column.context(rowID: rowID)))
    }
  }

  /// Keeps a submission and how it was answered (every one, rejected ones included).
  func recordSubmission(
    messageId: String, receivedAt: Date, submission: ReferralSubmission?, outcome: String,
    caseId: String?, errors: [ReferralError], rawBody: [UInt8], corrects: String? = nil,
    keys: MatchKeys? = nil, flags: ReferralFlags = ReferralFlags(), in session: PostgresSession
  ) throws {
    let errorsJSON = String(decoding: try JSONEncoder().encode(errors), as: UTF8.self)
    let keys = keys ?? submission.map { matchKeys(of: $0) } ?? MatchKeys()
    // The identifying columns are kept in clear only when they passed their own checks: a
    // rejected body can put anything there (a name, 300 KB of text), and it stays sealed in
    // the raw body.
    let refused = Set(errors.map(\.path))
    func checked(_ value: String?, _ path: String) -> String? {
      refused.contains(path) ? nil : value
    }
    try session.execute(
      """
      INSERT INTO \(s).submissions (message_id, received_at, source_system, referral_id, area,
        outcome, case_id, error_codes, errors, raw_body, victim_identity_hash,
        crime_reference_hash, corrects, flags, possible_duplicate_of)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13, $14, $15)
      ON CONFLICT (message_id) DO NOTHING
      """,
      [
        .text(messageId), .timestamp(receivedAt),
        .optionalText(checked(submission?.sourceSystem, "/sourceSystem")),
        .optionalText(checked(submission?.referralId, "/referralId")),
        .optionalText(checked(submission?.area, "/area")), .text(outcome),
        .optionalText(caseId), .textArray(errors.map(\.code)), .text(errorsJSON),
        .text(
          sealer.sealData(
            Data(rawBody), context: IntakePersonalData.submissionBody.context(rowID: messageId))),
        .optionalText(keys.victimIdentity), .optionalText(keys.crimeReference),
        .optionalText(corrects), .textArray(flags.flags.map(\.rawValue)),
        .textArray(flags.possibleDuplicateOf),
      ])
  }
}
