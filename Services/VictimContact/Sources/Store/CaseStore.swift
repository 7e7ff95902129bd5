import EventContracts
import Foundation
import PostgresClient

/// Reads and writes of the `cases` table, always inside the caller's transaction; the
/// people's details sealed with `personalData`.
struct CaseStore: Sendable {
  let s: String
  let personalData: CasePersonalData

  init(schema: SchemaName, personalData: CasePersonalData) {
    s = schema.sql
    self.personalData = personalData
  }

  /// Keeps the `case.opened` half of case `opened.caseId` (the first copy wins; a repeat only
  /// locks the row). Either half may arrive first.
  func recordOpened(_ opened: CaseOpened, area: String, at now: Date, in session: PostgresSession)
    throws
  {
    try session.execute(
      """
      INSERT INTO \(s).cases (case_id, area, opened_recorded_at, received_at, referral_id,
        source_system, referrer_type, initiated_by, offence_category, district,
        victim_preferred_contact, victim_language, victim_safe_to_contact, enhanced_rights,
        bereaved_family, sensitivity, previous_case_id, youth)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
      ON CONFLICT (case_id) DO UPDATE SET
        opened_recorded_at = EXCLUDED.opened_recorded_at, received_at = EXCLUDED.received_at,
        referral_id = EXCLUDED.referral_id, source_system = EXCLUDED.source_system,
        referrer_type = EXCLUDED.referrer_type, initiated_by = EXCLUDED.initiated_by,
        offence_category = EXCLUDED.offence_category, district = EXCLUDED.district,
        victim_preferred_contact = EXCLUDED.victim_preferred_contact,
        victim_language = EXCLUDED.victim_language,
        victim_safe_to_contact = EXCLUDED.victim_safe_to_contact,
        enhanced_rights = EXCLUDED.enhanced_rights, bereaved_family = EXCLUDED.bereaved_family,
        sensitivity = EXCLUDED.sensitivity, previous_case_id = EXCLUDED.previous_case_id,
        youth = EXCLUDED.youth
      WHERE \(s).cases.opened_recorded_at IS NULL
      """,
      [
        .text(opened.caseId), .text(area), .timestamp(now), .timestamp(opened.receivedAt),
        .text(opened.referralId), .text(opened.sourceSystem), .text(opened.referrerType.rawValue),
        .text(opened.initiatedBy.rawValue), .optionalText(opened.offenceCategory),
        .optionalText(opened.district), .optionalText(opened.victimPreferredContact?.rawValue),
        .optionalText(opened.victimLanguage), .optionalBool(opened.victimSafeToContact),
        .bool(opened.enhancedRights), .bool(opened.bereavedFamily),
        .textArray(opened.sensitivity ?? []), .optionalText(opened.previousCaseId),
        .bool(opened.victimIsYouth == true || opened.offenderIsYouth == true),
      ])
  }

  /// Keeps the `case.contact-details` half of case `details.caseId` (the first copy wins).
  func recordContactDetails(
    _ details: CaseContactDetails, area: String, at now: Date, in session: PostgresSession
  ) throws {
    let victim = details.victim
    let referrer = details.referrer
    try session.execute(
      """
      INSERT INTO \(s).cases (case_id, area, details_recorded_at, has_victim_details,
        victim_name, victim_email, victim_phone, victim_address, referrer_name, referrer_email,
        referrer_phone, referrer_address, referrer_organisation, bereaved_family_members)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
      ON CONFLICT (case_id) DO UPDATE SET
        details_recorded_at = EXCLUDED.details_recorded_at,
        has_victim_details = EXCLUDED.has_victim_details,
        victim_name = EXCLUDED.victim_name, victim_email = EXCLUDED.victim_email,
        victim_phone = EXCLUDED.victim_phone, victim_address = EXCLUDED.victim_address,
        referrer_name = EXCLUDED.referrer_name, referrer_email = EXCLUDED.referrer_email,
        referrer_phone = EXCLUDED.referrer_phone, referrer_address = EXCLUDED.referrer_address,
        referrer_organisation = EXCLUDED.referrer_organisation,
        bereaved_family_members = EXCLUDED.bereaved_family_members
      WHERE \(s).cases.details_recorded_at IS NULL
      """,
      [.text(details.caseId), .text(area), .timestamp(now), .bool(victim != nil)]
        + personalData.sealed(victim: victim, referrer: referrer, caseId: details.caseId)
        + [
          .optionalText(referrer.organisation),
          .optionalText(
            try personalData.sealedFamily(details.bereavedFamilyMembers, caseId: details.caseId)),
        ])
  }

  /// Marks first contact planned for case `caseId` if both halves are there and it was not
  /// planned before, returning the case; nil otherwise. Only one transaction can ever get the
  /// case back: the row lock taken by the halves' upserts serialises them, and the mark is
  /// set in the same statement that reads it.
  func completeArrival(_ caseId: String, at now: Date, in session: PostgresSession) throws
    -> ArrivedCase?
  {
    try session.query(
      """
      UPDATE \(s).cases SET first_contact_planned_at = $2
      WHERE case_id = $1 AND opened_recorded_at IS NOT NULL AND details_recorded_at IS NOT NULL
        AND first_contact_planned_at IS NULL
      RETURNING \(Self.arrivedColumns)
      """, [.text(caseId), .timestamp(now)]
    ).rows.first.map(arrivedCase)
  }

  /// Up to `limit` cases planned before they had participants (opened before the journey's
  /// participants existed), locked, rows another replica holds skipped: for a backfill.
  func plannedWithoutParticipants(limit: Int, in session: PostgresSession) throws
    -> [ArrivedCase]
  {
    try session.query(
      """
      SELECT \(Self.arrivedColumns) FROM \(s).cases c
      WHERE c.first_contact_planned_at IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM \(s).participants p WHERE p.case_id = c.case_id)
      ORDER BY c.first_contact_planned_at LIMIT $1 FOR UPDATE SKIP LOCKED
      """, [.int(Int64(limit))]
    ).rows.map(arrivedCase)
  }

  /// The columns ``arrivedCase(_:)`` reads, in order.
  static let arrivedColumns = """
    case_id, area, referral_id, received_at, enhanced_rights, victim_safe_to_contact,
      victim_preferred_contact, victim_language, has_victim_details, victim_name,
      victim_email, victim_phone, victim_address, referrer_name, referrer_email,
      referrer_phone, referrer_address, referrer_organisation, referrer_type, initiated_by
    """

  /// The arrived case in `row` (``arrivedColumns``), its people's details opened.
  func arrivedCase(_ row: PostgresRow) throws -> ArrivedCase {
    let caseId = try row.decode(0, as: String.self)
    let victim = try personalData.person(.victim, in: row, from: 9, caseId: caseId)
    let referrer = try personalData.person(.referrer, in: row, from: 13, caseId: caseId)
    return ArrivedCase(
      caseId: caseId, area: try row.decode(1), referralId: try row.decode(2),
      receivedAt: try row.decode(3), enhancedRights: try row.decode(4),
      victimSafeToContact: try row.decode(5),
      victimPreferredContact: try row.decode(6, as: String?.self).flatMap(
        PreferredContact.init(rawValue:)),
      victimLanguage: try row.decode(7),
      victim: try row.decode(8, as: Bool.self)
        ? CaseContactDetails.Person(
          name: victim.name, email: victim.email, phone: victim.phone, address: victim.address)
        : nil,
      referrer: CaseContactDetails.Person(
        name: referrer.name, email: referrer.email, phone: referrer.phone,
        address: referrer.address, organisation: try row.decode(17)),
      referrerType: try row.decode(18, as: String?.self).flatMap(ReferrerType.init(rawValue:)),
      initiatedBy: try row.decode(19, as: String?.self).flatMap(InitiatedBy.init(rawValue:)))
  }

  /// The area of opened case `caseId`; nil if unknown.
  func area(of caseId: String, in session: PostgresSession) throws -> String? {
    try session.query(
      "SELECT area FROM \(s).cases WHERE case_id = $1 AND opened_recorded_at IS NOT NULL",
      [.text(caseId)]
    ).rows.first.map { try $0.decode(0) }
  }

  /// The areas of the opened cases among `caseIds`, in one query; unknown ids are absent.
  func areas(of caseIds: [String], in session: PostgresSession) throws -> [String: String] {
    guard !caseIds.isEmpty else { return [:] }
    var areas: [String: String] = [:]
    for row in try session.query(
      """
      SELECT case_id, area FROM \(s).cases
      WHERE case_id = ANY ($1::text[]) AND opened_recorded_at IS NOT NULL
      """, [.textArray(caseIds)]
    ).rows {
      areas[try row.decode(0, as: String.self)] = try row.decode(1, as: String.self)
    }
    return areas
  }

  /// The journey of opened case `caseId`, locked until the transaction ends so that
  /// concurrent changes to it (on any replica) apply one after the other; nil if unknown.
  func lockJourney(_ caseId: String, in session: PostgresSession) throws -> CaseJourney? {
    try session.query(
      """
      SELECT case_id, area, stage, stage_sequence, victim_agreed_at IS NOT NULL, district,
        offence_category, victim_language, bereaved_family, to_json(sensitivity)::text,
        paused_from, assigned_to, youth
      FROM \(s).cases WHERE case_id = $1 AND opened_recorded_at IS NOT NULL
      FOR UPDATE
      """, [.text(caseId)]
    ).rows.first.map { row in
      CaseJourney(
        caseId: try row.decode(0), area: try row.decode(1),
        stage: CaseStage(rawValue: try row.decode(2)) ?? .referred,
        stageSequence: try row.decode(3), victimAgreed: try row.decode(4),
        district: try row.decode(5), offenceCategory: try row.decode(6),
        victimLanguage: try row.decode(7), bereavedFamily: try row.decode(8) ?? false,
        sensitivity: try row.decodeJSON(9),
        pausedFrom: try row.decode(10, as: String?.self).flatMap(CaseStage.init(rawValue:)),
        assignedTo: try row.decode(11), youth: try row.decode(12))
    }
  }

  /// Case `caseId`'s bereaved family members, opened.
  func family(of caseId: String, in session: PostgresSession) throws
    -> [CaseContactDetails.Person]
  {
    let stored = try session.query(
      "SELECT bereaved_family_members FROM \(s).cases WHERE case_id = $1", [.text(caseId)]
    ).rows.first?.decode(0, as: String?.self)
    return try personalData.openFamily(stored ?? nil, caseId: caseId)
  }

  /// What the journey view shows of case `caseId` beyond its records (unlocked).
  func journey(_ caseId: String, in session: PostgresSession) throws -> (
    receivedAt: Date?, assignedTo: String?, closureReason: String?
  )? {
    try session.query(
      "SELECT received_at, assigned_to, closure_reason FROM \(s).cases WHERE case_id = $1",
      [.text(caseId)]
    ).rows.first.map { (try $0.decode(0), try $0.decode(1), try $0.decode(2)) }
  }

  /// Moves case `caseId` to `stage` as change number `sequence`; `pausedFrom` is kept while
  /// paused, and `closureReason` while closed or transferred.
  func moveStage(
    _ caseId: String, to stage: CaseStage, sequence: Int, at now: Date,
    pausedFrom: CaseStage? = nil, closureReason: ClosureReason? = nil,
    in session: PostgresSession
  ) throws {
    try session.execute(
      """
      UPDATE \(s).cases SET stage = $2, stage_sequence = $3, stage_changed_at = $4,
        paused_from = $5, closure_reason = $6,
        closed_at = CASE WHEN $6::text IS NULL THEN NULL ELSE $4::timestamptz END
      WHERE case_id = $1
      """,
      [
        .text(caseId), .text(stage.rawValue), .int(Int64(sequence)), .timestamp(now),
        .optionalText(pausedFrom?.rawValue), .optionalText(closureReason?.rawValue),
      ])
  }

  /// Assigns case `caseId` to case worker `subject`.
  func assign(_ caseId: String, to subject: String, in session: PostgresSession) throws {
    try session.execute(
      "UPDATE \(s).cases SET assigned_to = $2 WHERE case_id = $1", [.text(caseId), .text(subject)])
  }

  /// Records that case `caseId`'s victim agreed to an initial conversation with a facilitator.
  func markVictimAgreed(_ caseId: String, at now: Date, in session: PostgresSession) throws {
    try session.execute(
      "UPDATE \(s).cases SET victim_agreed_at = $2 WHERE case_id = $1 AND victim_agreed_at IS NULL",
      [.text(caseId), .timestamp(now)])
  }
}

/// An opened case's place in its journey: what recording a contact attempt reads.
struct CaseJourney: Sendable, Equatable {
  /// The hub's case id.
  var caseId: String
  /// The police force area.
  var area: String
  /// The current stage.
  var stage: CaseStage
  /// How many stage changes the case has had.
  var stageSequence: Int
  /// Whether the victim already agreed to an initial conversation with a facilitator.
  var victimAgreed: Bool
  /// The district, for facilitator matching.
  var district: String?
  /// The offence category, for sensitive-case training.
  var offenceCategory: String?
  /// The victim's language.
  var victimLanguage: String?
  /// Whether the victim is a bereaved family member.
  var bereavedFamily: Bool
  /// What makes the case sensitive (``SensitivityFlag`` values), for facilitator matching.
  var sensitivity: [String] = []
  /// The working stage a paused case was paused from.
  var pausedFrom: CaseStage?
  /// The case worker the case is assigned to (their subject), if any.
  var assignedTo: String?
  /// Whether a participant is under 18 (a youth case, for facilitator matching).
  var youth: Bool = false

  /// Whether the case is sensitive (any sensitivity flag, or a bereaved family): its
  /// assessment needs a supervisor's sign-off, its facilitators sensitive-case training.
  var isSensitive: Bool { bereavedFamily || !sensitivity.isEmpty }
}
