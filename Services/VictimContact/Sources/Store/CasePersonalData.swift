import AuditTrail
import EventContracts
import Foundation
import PersonalData
import PostgresClient

/// Where victim-contact keeps personal data, all of it sealed (see `Shared/PersonalData`):
/// the victim's and the referrer's name, email, phone and address on `cases`, and the notes of
/// each contact attempt. The stores seal on the way in and open on the way out with this.
struct CasePersonalData: Sendable {
  /// The sealed columns of `cases`, in the order ``sealed(victim:referrer:caseId:)`` binds them.
  static let caseColumns = SealedColumn.table(
    "cases", of: VictimContactService.name, rowID: "case_id",
    columns: [
      "victim_name", "victim_email", "victim_phone", "victim_address", "referrer_name",
      "referrer_email", "referrer_phone", "referrer_address",
    ])
  /// The sealed notes of `contact_attempts`, rows identified by attempt id.
  static let attemptNotes = SealedColumn(
    service: VictimContactService.name, table: "contact_attempts", column: "notes",
    rowIDExpression: "attempt_id")
  /// The sealed referrer details of `linked_referrals`, rows `<source system>/<referral id>`.
  static let linkedReferrerColumns = SealedColumn.table(
    "linked_referrals", of: VictimContactService.name,
    rowID: "source_system || '/' || referral_id",
    columns: ["referrer_name", "referrer_email", "referrer_phone"])
  /// The sealed bereaved family members of `cases` (one JSON document), rows by case id.
  static let bereavedFamilyMembers = SealedColumn(
    service: VictimContactService.name, table: "cases", column: "bereaved_family_members",
    rowIDExpression: "case_id")
  /// Every sealed column of victim-contact's tables, for `rjhub data reseal`.
  static let columns =
    caseColumns + [attemptNotes] + linkedReferrerColumns + [bereavedFamilyMembers]
    + JourneyColumn.all

  /// The row id of a linked referral in the sealing contexts.
  static func linkedReferralRowID(sourceSystem: String, referralId: String) -> String {
    "\(sourceSystem)/\(referralId)"
  }

  /// The keys.
  let sealer: PersonalDataSealer

  /// The key of the service's audit chain, derived from the personal-data keys.
  var auditChainKey: AuditChainKey {
    AuditChainKey(sealer.keys.derivedKey(purpose: AuditChainKey.derivationPurpose))
  }

  /// The eight sealed values of case `caseId`'s people, in ``caseColumns`` order.
  func sealed(
    victim: CaseContactDetails.Person?, referrer: CaseContactDetails.Person, caseId: String
  ) -> [PostgresBind] {
    let values = [
      victim?.name, victim?.email, victim?.phone, victim?.address, referrer.name, referrer.email,
      referrer.phone, referrer.address,
    ]
    return zip(Self.caseColumns, values).map { column, value in
      .optionalText(sealer.sealIfPresent(value, context: column.context(rowID: caseId)))
    }
  }

  /// Opens the person whose four sealed columns (name, email, phone, address) start at
  /// `first` in `row`, read from `cases` columns `person`_name… of case `caseId`.
  func person(
    _ person: Participant, in row: PostgresRow, from first: Int, caseId: String
  ) throws -> (name: String?, email: String?, phone: String?, address: String?) {
    let offset = person == .victim ? 0 : 4
    func open(_ index: Int) throws -> String? {
      try sealer.openIfPresent(
        row.decode(first + index, as: String?.self),
        context: Self.caseColumns[offset + index].context(rowID: caseId))
    }
    return (try open(0), try open(1), try open(2), try open(3))
  }

  /// Case `caseId`'s bereaved family members, sealed as one JSON document; nil when none.
  func sealedFamily(_ members: [CaseContactDetails.Person]?, caseId: String) throws -> String? {
    guard let members, !members.isEmpty else { return nil }
    return sealer.sealData(
      try JSONEncoder().encode(members),
      context: Self.bereavedFamilyMembers.context(rowID: caseId))
  }

  /// Case `caseId`'s bereaved family members, opened; empty when none.
  func openFamily(_ stored: String?, caseId: String) throws -> [CaseContactDetails.Person] {
    guard let stored else { return [] }
    return try JSONDecoder().decode(
      [CaseContactDetails.Person].self,
      from: sealer.openData(stored, context: Self.bereavedFamilyMembers.context(rowID: caseId)))
  }

  /// Contact attempt `attemptId`'s notes, sealed.
  func sealedNotes(_ notes: String?, attemptId: String) -> String? {
    sealer.sealIfPresent(notes, context: Self.attemptNotes.context(rowID: attemptId))
  }

  /// Contact attempt `attemptId`'s notes, opened.
  func openNotes(_ stored: String?, attemptId: String) throws -> String? {
    try sealer.openIfPresent(stored, context: Self.attemptNotes.context(rowID: attemptId))
  }

  /// Whose details a row holds.
  enum Participant {
    case victim, referrer
  }
}
