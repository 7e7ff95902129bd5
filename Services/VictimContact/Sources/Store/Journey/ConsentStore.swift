import EventContracts
import Foundation
import PostgresClient

/// A participant's consent: informed (what they were told, when), written (the evidence),
/// and withdrawable at any time.
struct CaseConsent: Encodable, Sendable, Equatable {
  var consentId: String
  var participantId: String
  var informationGiven: [ConsentInformation]
  var informedAt: Date
  var evidence: ConsentEvidence
  var givenAt: Date
  var recordedBy: String
  var withdrawnAt: Date?
  var withdrawnBy: String?
  /// Where the written evidence is kept (personal data; staff only).
  var evidenceReference: String?
  /// What the participant said when withdrawing (personal data; staff only).
  var withdrawalNote: String?
}

/// Reads and writes of `consents`, inside the caller's transaction.
struct ConsentStore: Sendable {
  let s: String
  let personalData: CasePersonalData

  init(schema: SchemaName, personalData: CasePersonalData) {
    s = schema.sql
    self.personalData = personalData
  }

  /// Records `consent` for case `caseId`.
  func give(_ consent: CaseConsent, caseId: String, in session: PostgresSession) throws {
    try session.execute(
      """
      INSERT INTO \(s).consents (consent_id, case_id, participant_id, information_given,
        informed_at, evidence, given_at, recorded_by, evidence_reference)
      VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9)
      """,
      [
        .text(consent.consentId), .text(caseId), .text(consent.participantId),
        .textArray(consent.informationGiven.map(\.rawValue)), .timestamp(consent.informedAt),
        .text(consent.evidence.rawValue), .timestamp(consent.givenAt), .text(consent.recordedBy),
        personalData.seal(
          consent.evidenceReference, JourneyColumn.consentEvidence, rowID: consent.consentId),
      ])
  }

  /// The id of participant `participantId`'s standing (not withdrawn) consent, if any.
  func standing(_ participantId: String, in session: PostgresSession) throws -> String? {
    try session.query(
      """
      SELECT consent_id::text FROM \(s).consents
      WHERE participant_id = $1 AND withdrawn_at IS NULL
      """, [.text(participantId)]
    ).rows.first?.decode(0)
  }

  /// Withdraws consent `consentId` at `now`, by `subject`, with `note`.
  func withdraw(
    _ consentId: String, at now: Date, by subject: String, note: String?,
    in session: PostgresSession
  ) throws {
    try session.execute(
      """
      UPDATE \(s).consents SET withdrawn_at = $2, withdrawn_by = $3, withdrawal_note = $4
      WHERE consent_id = $1::uuid AND withdrawn_at IS NULL
      """,
      [
        .text(consentId), .timestamp(now), .text(subject),
        personalData.seal(note, JourneyColumn.withdrawalNote, rowID: consentId),
      ])
  }

  /// Case `caseId`'s consents, oldest first; evidence and notes opened only `withPersonalData`.
  func consents(of caseId: String, withPersonalData: Bool, in session: PostgresSession) throws
    -> [CaseConsent]
  {
    try session.query(
      """
      SELECT consent_id::text, participant_id, to_json(information_given)::text, informed_at,
        evidence, given_at, recorded_by, withdrawn_at, withdrawn_by, evidence_reference,
        withdrawal_note
      FROM \(s).consents WHERE case_id = $1 ORDER BY given_at, consent_id
      """, [.text(caseId)]
    ).rows.map { row in
      let id = try row.decode(0, as: String.self)
      return CaseConsent(
        consentId: id, participantId: try row.decode(1), informationGiven: try row.decodeCodes(2),
        informedAt: try row.decode(3), evidence: try row.decodeCode(4), givenAt: try row.decode(5),
        recordedBy: try row.decode(6), withdrawnAt: try row.decode(7),
        withdrawnBy: try row.decode(8),
        evidenceReference: withPersonalData
          ? try personalData.open(row.decode(9), JourneyColumn.consentEvidence, rowID: id) : nil,
        withdrawalNote: withPersonalData
          ? try personalData.open(row.decode(10), JourneyColumn.withdrawalNote, rowID: id) : nil)
    }
  }
}
