import DurableMessaging
import Foundation
import PersonalData

/// Outbox bodies sealed with the service's personal-data keys, bound to their message id
/// (context `<service>.outbox.body:<message id>`), so an event carrying contact details is
/// never in clear in the outbox table.
struct PersonalDataOutboxSealing: OutboxBodySealing {
  let sealer: PersonalDataSealer
  /// The sealed column, whose context the re-seal command uses too.
  let column: SealedColumn

  init(sealer: PersonalDataSealer, service: String) {
    self.sealer = sealer
    self.column = Self.column(service: service)
  }

  /// The outbox's body column of `service`, rows identified by message id.
  static func column(service: String) -> SealedColumn {
    SealedColumn(service: service, table: "outbox", column: "body", rowIDExpression: "message_id")
  }

  func seal(_ body: [UInt8], messageId: String) -> String {
    sealer.sealData(Data(body), context: column.context(rowID: messageId))
  }

  /// Opens a sealed body. A body stored in clear before sealing was introduced (JSON, so it
  /// starts with `{`) is passed through, so an upgrade loses no pending message.
  func open(_ stored: String, messageId: String) throws -> [UInt8] {
    if stored.hasPrefix("{") { return Array(stored.utf8) }
    return Array(try sealer.openData(stored, context: column.context(rowID: messageId)))
  }
}
