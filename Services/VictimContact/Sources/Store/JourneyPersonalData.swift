import PersonalData
import PostgresClient

/// The sealed columns of the journey tables (issue 6): participants' contact details and
/// every free text a case worker writes — why a stage changed, what a task is, where consent
/// evidence is, assessment notes, an intervention's place, what was agreed, testimonials,
/// complaints. Each is sealed with its row's id in the context, so a value cannot be moved
/// to another row or column unnoticed.
enum JourneyColumn {
  static func column(_ table: String, _ column: String, rowID: String) -> SealedColumn {
    SealedColumn(
      service: VictimContactService.name, table: table, column: column, rowIDExpression: rowID)
  }

  static let stageReason = column(
    "case_stage_changes", "reason", rowID: "case_id || '/' || sequence")
  static let taskDescription = column("tasks", "description", rowID: "task_id")
  static let taskDropReason = column("tasks", "drop_reason", rowID: "task_id")
  static let participantName = column("participants", "name", rowID: "participant_id")
  static let participantEmail = column("participants", "email", rowID: "participant_id")
  static let participantPhone = column("participants", "phone", rowID: "participant_id")
  static let participantAddress = column("participants", "address", rowID: "participant_id")
  static let consentEvidence = column("consents", "evidence_reference", rowID: "consent_id")
  static let withdrawalNote = column("consents", "withdrawal_note", rowID: "consent_id")
  static let assessmentNotes = column("assessments", "notes", rowID: "assessment_id")
  static let interventionPlace = column("interventions", "place", rowID: "intervention_id")
  static let cancelReason = column("interventions", "cancel_reason", rowID: "intervention_id")
  static let supportReason = column("support_referrals", "reason", rowID: "support_referral_id")
  static let itemDescription = column("agreement_items", "description", rowID: "item_id")
  static let testimonial = column("surveys", "testimonial", rowID: "survey_id")
  static let complaintSummary = column("complaints", "summary", rowID: "complaint_id")
  static let complaintResponse = column("complaints", "response", rowID: "complaint_id")

  /// Every one of them, for `rjhub data reseal`.
  static let all = [
    stageReason, taskDescription, taskDropReason, participantName, participantEmail,
    participantPhone, participantAddress, consentEvidence, withdrawalNote, assessmentNotes,
    interventionPlace, cancelReason, supportReason, itemDescription, testimonial,
    complaintSummary, complaintResponse,
  ]
}

extension CasePersonalData {
  /// `text` sealed for `column` of row `rowID`, or NULL for nil.
  func seal(_ text: String?, _ column: SealedColumn, rowID: String) -> PostgresBind {
    .optionalText(sealer.sealIfPresent(text, context: column.context(rowID: rowID)))
  }

  /// The value of `column` of row `rowID` as stored, opened; nil for NULL.
  func open(_ stored: String?, _ column: SealedColumn, rowID: String) throws -> String? {
    try sealer.openIfPresent(stored, context: column.context(rowID: rowID))
  }
}
