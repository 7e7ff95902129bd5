import AuditTrail
import PersonalData
import PostgresClient

/// Where facilitator-matching keeps personal data: each facilitator's name and email on the
/// register, sealed (see `Shared/PersonalData`), rows identified by facilitator id.
struct RegisterPersonalData: Sendable {
  /// The sealed columns of `facilitators`, in the order ``sealed(name:email:facilitatorId:)``
  /// binds them.
  static let columns = SealedColumn.table(
    "facilitators", of: FacilitatorMatchingService.name, rowID: "facilitator_id",
    columns: ["display_name", "email"])

  /// A supervisor's reason for overriding an allocation (free text, so sealed like personal
  /// data), on `requests`, identified by request id.
  static let overrideReason = SealedColumn.table(
    "requests", of: FacilitatorMatchingService.name, rowID: "request_id",
    columns: ["override_reason"])[0]

  /// The keys.
  let sealer: PersonalDataSealer

  /// The key of the service's audit chain, derived from the personal-data keys.
  var auditChainKey: AuditChainKey {
    AuditChainKey(sealer.keys.derivedKey(purpose: AuditChainKey.derivationPurpose))
  }

  /// Facilitator `facilitatorId`'s name and email, sealed.
  func sealed(name: String, email: String, facilitatorId: String) -> [PostgresBind] {
    zip(Self.columns, [name, email]).map { column, value in
      .text(sealer.seal(value, context: column.context(rowID: facilitatorId)))
    }
  }

  /// Facilitator `facilitatorId`'s name and email from their sealed columns.
  func opened(name: String, email: String, facilitatorId: String) throws -> (
    name: String, email: String
  ) {
    (
      try sealer.open(name, context: Self.columns[0].context(rowID: facilitatorId)),
      try sealer.open(email, context: Self.columns[1].context(rowID: facilitatorId))
    )
  }
}
