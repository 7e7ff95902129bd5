import EventContracts
import Foundation
import PostgresClient

/// Reads everything `GET /cases/{caseId}` shows, in one transaction.
struct CaseSummaryReader: Sendable {
  let s: String
  let tasks: TaskStore
  let notifications: NotificationLedger
  let attempts: ContactAttemptStore
  let facilitators: FacilitatorStore
  let personalData: CasePersonalData

  init(schema: SchemaName, personalData: CasePersonalData) {
    s = schema.sql
    self.personalData = personalData
    tasks = TaskStore(schema: schema)
    notifications = NotificationLedger(schema: schema)
    attempts = ContactAttemptStore(schema: schema, personalData: personalData)
    facilitators = FacilitatorStore(schema: schema)
  }

  /// The summary of opened case `caseId`; contact details and notes only when
  /// `withPersonalDetails`. Nil when no such case was opened.
  func summary(of caseId: String, withPersonalDetails: Bool, in session: PostgresSession) throws
    -> CaseSummary?
  {
    guard
      let row = try session.query(
        """
        SELECT case_id, area, referral_id, source_system, received_at, referrer_type,
          initiated_by, offence_category, district, enhanced_rights, bereaved_family,
          victim_preferred_contact, victim_language, victim_safe_to_contact, stage,
          stage_sequence, stage_changed_at, first_contact_planned_at, victim_agreed_at,
          has_victim_details, victim_name, victim_email, victim_phone, victim_address,
          details_recorded_at IS NOT NULL, referrer_name, referrer_email, referrer_phone,
          referrer_address, referrer_organisation, to_json(sensitivity)::text,
          bereaved_family_members, previous_case_id
        FROM \(s).cases WHERE case_id = $1 AND opened_recorded_at IS NOT NULL
        """, [.text(caseId)]
      ).rows.first
    else { return nil }
    var summary = CaseSummary(
      caseId: try row.decode(0), area: try row.decode(1), referralId: try row.decode(2),
      sourceSystem: try row.decode(3), receivedAt: try row.decode(4),
      referrerType: try row.decode(5), initiatedBy: try row.decode(6),
      offenceCategory: try row.decode(7), district: try row.decode(8),
      enhancedRights: try row.decode(9), bereavedFamily: try row.decode(10),
      victimContact: CaseSummary.VictimContactPreferences(
        preferredContact: try row.decode(11), language: try row.decode(12),
        safeToContact: try row.decode(13)),
      stage: try row.decode(14), stageSequence: try row.decode(15),
      stageChangedAt: try row.decode(16), firstContactPlannedAt: try row.decode(17),
      victimAgreedAt: try row.decode(18))
    summary.sensitivity = try row.decodeJSON(30)
    summary.previousCaseId = try row.decode(32)
    if withPersonalDetails {
      let victimDetails = try personalData.person(.victim, in: row, from: 20, caseId: caseId)
      let victim =
        try row.decode(19, as: Bool?.self) == true
        ? CaseSummary.Person(
          name: victimDetails.name, email: victimDetails.email, phone: victimDetails.phone,
          address: victimDetails.address)
        : nil
      let referrerDetails = try personalData.person(.referrer, in: row, from: 25, caseId: caseId)
      let referrer =
        try row.decode(24, as: Bool.self)
        ? CaseSummary.Person(
          name: referrerDetails.name, email: referrerDetails.email,
          phone: referrerDetails.phone, address: referrerDetails.address,
          organisation: try row.decode(29))
        : nil
      summary.personalDetails = CaseSummary.PersonalDetails(
        victim: victim, referrer: referrer,
        bereavedFamilyMembers: try personalData.openFamily(row.decode(31), caseId: caseId).map {
          CaseSummary.Person(
            name: $0.name, email: $0.email, phone: $0.phone, address: $0.address,
            relationship: $0.relationship)
        })
    }
    summary.tasks = try tasks.tasks(of: caseId, in: session)
    summary.notifications = try notifications.notifications(of: caseId, in: session)
    summary.contactAttempts = try attempts.attempts(
      of: caseId, withNotes: withPersonalDetails, in: session)
    summary.facilitatorRequests = try facilitators.requests(of: caseId, in: session)
    summary.facilitators = try facilitators.allocations(of: caseId, in: session)
    summary.linkedReferrals = try linkedReferrals(of: caseId, in: session)
    return summary
  }

  /// The referrals intake linked to `caseId`, oldest first.
  func linkedReferrals(of caseId: String, in session: PostgresSession) throws
    -> [CaseSummary.LinkedReferral]
  {
    try session.query(
      """
      SELECT source_system, referral_id, referrer_type, referrer_organisation, matched_by,
        linked_at, acknowledgement_id
      FROM \(s).linked_referrals WHERE case_id = $1 ORDER BY linked_at, referral_id
      """, [.text(caseId)]
    ).rows.map { row in
      CaseSummary.LinkedReferral(
        sourceSystem: try row.decode(0), referralId: try row.decode(1),
        referrerType: try row.decode(2), referrerOrganisation: try row.decode(3),
        matchedBy: try row.decode(4), linkedAt: try row.decode(5),
        acknowledgementId: try row.decode(6))
    }
  }
}
