import EventContracts
import Foundation
import PersonalData
import PostgresClient

/// A participant of a case and how they may be reached: who they are to the case, their
/// contact details (sealed at rest), the safe-contact rules (may they be written to, called),
/// their preferred channel and language, and whether they need an interpreter.
struct CaseParticipant: Encodable, Sendable, Equatable {
  var participantId: String
  var role: Participant
  /// The participant a supporter supports.
  var supports: String?
  /// Whether letters and emails may be sent (false for a shared or unsafe address).
  var safeToWrite: Bool
  /// Whether they may be called (false when there is no safe number).
  var safeToCall: Bool
  var preferredChannel: PreferredContact?
  /// BCP 47.
  var language: String?
  var interpreterNeeded: Bool
  var addedAt: Date
  var addedBy: String
  /// Contact details: only for case workers and supervisors.
  var contact: ContactDetails?

  /// A participant's contact details (personal data).
  struct ContactDetails: Encodable, Sendable, Equatable {
    var name: String?
    var email: String?
    var phone: String?
    var address: String?
  }
}

/// Reads and writes of `participants`, inside the caller's transaction.
struct ParticipantStore: Sendable {
  let s: String
  let personalData: CasePersonalData

  init(schema: SchemaName, personalData: CasePersonalData) {
    s = schema.sql
    self.personalData = personalData
  }

  /// The id of case `caseId`'s victim (named by the referral, or not).
  static func victimId(caseId: String) -> String { "\(caseId).victim" }

  /// A new participant id within case `caseId`.
  static func newId(caseId: String) -> String {
    "\(caseId).\(UUID().uuidString.prefix(8).lowercased())"
  }

  /// Adds `participant` to case `caseId` unless its id is there already; whether it added it.
  @discardableResult
  func add(_ participant: CaseParticipant, caseId: String, in session: PostgresSession) throws
    -> Bool
  {
    let id = participant.participantId
    let contact = participant.contact
    return try session.execute(
      """
      INSERT INTO \(s).participants (participant_id, case_id, role, supports, safe_to_write,
        safe_to_call, preferred_channel, language, interpreter_needed, added_at, added_by,
        name, email, phone, address)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
      ON CONFLICT (participant_id) DO NOTHING
      """,
      [
        .text(id), .text(caseId), .text(participant.role.rawValue),
        .optionalText(participant.supports), .bool(participant.safeToWrite),
        .bool(participant.safeToCall), .optionalText(participant.preferredChannel?.rawValue),
        .optionalText(participant.language), .bool(participant.interpreterNeeded),
        .timestamp(participant.addedAt), .text(participant.addedBy),
        personalData.seal(contact?.name, JourneyColumn.participantName, rowID: id),
        personalData.seal(contact?.email, JourneyColumn.participantEmail, rowID: id),
        personalData.seal(contact?.phone, JourneyColumn.participantPhone, rowID: id),
        personalData.seal(contact?.address, JourneyColumn.participantAddress, rowID: id),
      ]) == 1
  }

  /// Replaces participant `participant.participantId`'s changeable fields (safe-contact rules,
  /// channel, language, interpreter, contact details).
  func update(_ participant: CaseParticipant, in session: PostgresSession) throws {
    let id = participant.participantId
    let contact = participant.contact
    try session.execute(
      """
      UPDATE \(s).participants SET safe_to_write = $2, safe_to_call = $3,
        preferred_channel = $4, language = $5, interpreter_needed = $6, name = $7, email = $8,
        phone = $9, address = $10
      WHERE participant_id = $1
      """,
      [
        .text(id), .bool(participant.safeToWrite), .bool(participant.safeToCall),
        .optionalText(participant.preferredChannel?.rawValue),
        .optionalText(participant.language), .bool(participant.interpreterNeeded),
        personalData.seal(contact?.name, JourneyColumn.participantName, rowID: id),
        personalData.seal(contact?.email, JourneyColumn.participantEmail, rowID: id),
        personalData.seal(contact?.phone, JourneyColumn.participantPhone, rowID: id),
        personalData.seal(contact?.address, JourneyColumn.participantAddress, rowID: id),
      ])
  }

  /// Participant `participantId` of case `caseId`, contact details opened; nil if the case
  /// has no such participant.
  func participant(_ participantId: String, of caseId: String, in session: PostgresSession)
    throws -> CaseParticipant?
  {
    try read(
      "case_id = $1 AND participant_id = $2", [.text(caseId), .text(participantId)], true,
      in: session
    ).first
  }

  /// Case `caseId`'s participants, oldest first; contact details only `withContact`.
  func participants(of caseId: String, withContact: Bool, in session: PostgresSession) throws
    -> [CaseParticipant]
  {
    try read("case_id = $1", [.text(caseId)], withContact, in: session)
  }

  /// The first participant of case `caseId` in `role`, contact details opened.
  func first(_ role: Participant, of caseId: String, in session: PostgresSession) throws
    -> CaseParticipant?
  {
    try read(
      "case_id = $1 AND role = $2", [.text(caseId), .text(role.rawValue)], true,
      in: session
    ).first
  }

  private func read(
    _ condition: String, _ binds: [PostgresBind], _ withContact: Bool,
    in session: PostgresSession
  ) throws -> [CaseParticipant] {
    try session.query(
      """
      SELECT participant_id, role, supports, safe_to_write, safe_to_call, preferred_channel,
        language, interpreter_needed, added_at, added_by, name, email, phone, address
      FROM \(s).participants WHERE \(condition) ORDER BY added_at, participant_id
      """, binds
    ).rows.map { row in
      let id = try row.decode(0, as: String.self)
      func open(_ index: Int, _ column: SealedColumn) throws -> String? {
        try personalData.open(row.decode(index), column, rowID: id)
      }
      return CaseParticipant(
        participantId: id, role: try row.decodeCode(1), supports: try row.decode(2),
        safeToWrite: try row.decode(3), safeToCall: try row.decode(4),
        preferredChannel: try row.decodeOptionalCode(5), language: try row.decode(6),
        interpreterNeeded: try row.decode(7), addedAt: try row.decode(8),
        addedBy: try row.decode(9),
        contact: withContact
          ? CaseParticipant.ContactDetails(
            name: try open(10, JourneyColumn.participantName),
            email: try open(11, JourneyColumn.participantEmail),
            phone: try open(12, JourneyColumn.participantPhone),
            address: try open(13, JourneyColumn.participantAddress)) : nil)
    }
  }
}
