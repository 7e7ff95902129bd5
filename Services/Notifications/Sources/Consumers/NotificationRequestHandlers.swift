import DurableMessaging
import EventContracts
import Logging
import PostgresClient

/// notifications' handling of `notifications.requests`, inside the inbox transaction: each
/// `notification.requested.v1` is stored for the delivery loop, once per notification id.
struct NotificationRequestHandlers: Sendable {
  let store: NotificationStore

  /// Handlers writing to `schema`.
  init(schema: SchemaName, personalData: RecipientPersonalData) {
    store = NotificationStore(schema: schema, personalData: personalData)
  }

  /// The events `notifications.requests` is bound to and how each is handled: the queue's
  /// bindings are made from this table, so an event is bound exactly when it is handled.
  static let routes = EventRoutes<NotificationRequestHandlers>()
    .onBatch(NotificationRequested.self) { handlers, batch, context in
      let requests = batch.map(\.event)
      let stored = try handlers.store.store(requests, in: context.session)
      context.logger.info(
        "notification requests stored",
        metadata: ["received": "\(requests.count)", "new": "\(stored)"])
      for request in requests {
        context.logger.debug(
          "notification requested",
          metadata: [
            "notification_id": "\(request.data.notificationId)",
            "purpose": "\(request.data.purpose.rawValue)",
            "channel": "\(request.data.channel.rawValue)",
          ])
      }
    }

  /// The router of ``routes`` with these handlers.
  func router() -> EventRouter { Self.routes.router(for: self) }
}
