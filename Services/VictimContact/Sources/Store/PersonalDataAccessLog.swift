import AccessControl
import AuditTrail
import PostgresClient

/// Who read or changed a case's personal data, what, and when: entries in the service's
/// append-only, hash-chained audit trail (``AuditLog``), written in the transaction of the
/// read or change itself. Entries name the fields, never their values.
struct PersonalDataAccessLog: Sendable {
  /// What was done with the personal data.
  enum Action: String, Sendable {
    /// Read the case's contact details and contact notes.
    case readCase = "read-case"
    /// Recorded a contact attempt.
    case recordContactAttempt = "record-contact-attempt"
    /// Moved the case to another stage (with a reason in words, perhaps).
    case changeStage = "change-stage"
    /// Assigned the case to a case worker.
    case assignCase = "assign-case"
    /// Added a participant (with contact details, perhaps).
    case addParticipant = "add-participant"
    /// Changed a participant's contact details or safe-contact rules.
    case updateParticipant = "update-participant"
    /// Recorded a participant's consent.
    case recordConsent = "record-consent"
    /// Recorded the withdrawal of a participant's consent.
    case withdrawConsent = "withdraw-consent"
    /// Recorded a risk and suitability assessment.
    case recordAssessment = "record-assessment"
    /// Signed an assessment off.
    case signOffAssessment = "sign-off-assessment"
    /// Planned, delivered or cancelled an intervention or preparation meeting.
    case recordIntervention = "record-intervention"
    /// Referred a participant to a support service.
    case referForSupport = "refer-for-support"
    /// Recorded an outcome agreement or settled one of its items.
    case recordAgreement = "record-agreement"
    /// Recorded a survey's answers.
    case recordSurvey = "record-survey"
    /// Logged, acknowledged or answered a complaint.
    case recordComplaint = "record-complaint"
    /// Read an area's complaints, in the complainants' words.
    case readComplaints = "read-complaints"
    /// Added a task, or completed or dropped one.
    case recordTask = "record-task"
  }

  /// The personal fields a case worker's view of a case shows: the referral's people, the
  /// contact notes, and the journey's participants and free text.
  static let caseFields = [
    "victim.name", "victim.email", "victim.phone", "victim.address", "referrer.name",
    "referrer.email", "referrer.phone", "referrer.address", "contact-attempts.notes",
    "participants.name", "participants.email", "participants.phone", "participants.address",
    "stage-changes.reason", "consents.evidence-reference", "consents.withdrawal-note",
    "assessments.notes", "interventions.place", "interventions.cancel-reason",
    "support-referrals.reason", "agreement-items.description", "surveys.testimonial",
  ]

  let log: AuditLog

  /// Works on the audit trail in `schema`, chained under `chainKey`.
  init(schema: SchemaName, chainKey: AuditChainKey) {
    log = AuditLog(schema: schema, chainKey: chainKey)
  }

  /// Records that `caller`, acting in one of `roles`, did `action` on `fields` of case
  /// `caseId`. Call it last in the transaction: appends to the chain take turns until commit.
  func record(
    _ action: Action, by caller: AccessToken, actingAs roles: Set<Role>, caseId: String?,
    fields: [String], in session: PostgresSession
  ) throws {
    let role = caller.actingRole(among: roles)?.rawValue ?? "unknown"
    try log.record(
      AuditEntry(
        subject: caller.subject, role: role, action: action.rawValue, caseId: caseId,
        fields: fields),
      in: session)
  }
}
