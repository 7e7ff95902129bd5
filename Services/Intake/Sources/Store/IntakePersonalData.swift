import PersonalData

/// Where intake keeps personal data, all of it sealed (see `Shared/PersonalData`): the
/// referral's names, dates of birth, contact details, crime reference, postcode and free text,
/// and each submission's raw body. Beside them, keyed hashes for matching without opening:
/// the victim's name with date of birth, and the crime reference.
enum IntakePersonalData {
  /// The sealed columns of `referrals`, rows identified as `<source system>/<referral id>`.
  static let referralColumns = SealedColumn.table(
    "referrals", of: IntakeService.name, rowID: "source_system || '/' || referral_id",
    columns: [
      "referrer_name", "referrer_email", "referrer_phone", "crime_reference",
      "offence_description", "postcode", "victim_name", "victim_date_of_birth", "victim_email",
      "victim_phone", "victim_address", "offender_name", "offender_date_of_birth", "notes",
      "victim_views", "bereaved_family_members",
    ])

  /// The sealed raw body of `submissions`, rows identified by message id.
  static let submissionBody = SealedColumn(
    service: IntakeService.name, table: "submissions", column: "raw_body",
    rowIDExpression: "message_id")

  /// Every sealed column of intake's tables, for `rjhub data reseal`.
  static let columns = referralColumns + [submissionBody]

  /// The purpose of the victim's name-and-date-of-birth hash (duplicate detection).
  static let victimIdentityPurpose = "victim-identity"
  /// The purpose of the crime reference hash (cross-channel linking).
  static let crimeReferencePurpose = "crime-reference"

  /// The row id of referral `referralId` from `sourceSystem` in the sealing contexts.
  static func referralRowID(sourceSystem: String, referralId: String) -> String {
    "\(sourceSystem)/\(referralId)"
  }
}
