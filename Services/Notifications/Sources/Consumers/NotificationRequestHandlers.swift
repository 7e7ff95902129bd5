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

  /// The router for the one event type the queue is bound to; a run of requests is stored
  /// with one statement.
  func router() -> EventRouter {
    var router = EventRouter()
    router.onBatch(NotificationRequested.self) { batch, context in
      let requests = batch.map(\.event)
      let stored = try store.store(requests, in: context.session)
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
    return router
  }
}
