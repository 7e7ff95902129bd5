import DurableMessaging
import EventContracts
import Foundation

/// The `notification.sent.v1` and `notification.failed.v1` envelopes of a notification:
/// caused by its stored request event, in that request's conversation, with ids derived
/// from it so a retried settlement would emit the same ids.
enum OutcomeEvents {
  /// It was handed over (email accepted by the relay, or letter written into the letter
  /// drop) at `now`.
  static func sent(_ notification: some NotificationIdentity, at now: Date)
    -> EventEnvelope<NotificationSent>
  {
    envelope(
      notification, purpose: "sent", at: now,
      data: NotificationSent(
        notificationId: notification.notificationId, caseId: notification.caseId,
        purpose: notification.purpose, channel: notification.channel, sentAt: now))
  }

  /// It was given up for `reason` at `now`.
  static func failed(_ notification: some NotificationIdentity, reason: FailureReason, at now: Date)
    -> EventEnvelope<NotificationFailed>
  {
    envelope(
      notification, purpose: "failed", at: now,
      data: NotificationFailed(
        notificationId: notification.notificationId, caseId: notification.caseId,
        purpose: notification.purpose, channel: notification.channel, reason: reason.rawValue,
        failedAt: now))
  }

  /// The envelope of `data` for `notification`, its id derived from the stored request's
  /// id, `purpose` and the notification id.
  static func envelope<P: EventPayload>(
    _ notification: some NotificationIdentity, purpose: String, at now: Date, data: P
  ) -> EventEnvelope<P> {
    EventOrigin(
      producer: NotificationsService.name, area: notification.area, caseId: notification.caseId,
      correlationId: notification.correlationId, causationId: notification.requestEventId,
      idBase: notification.requestEventId, now: now
    ).envelope(data, purpose: "\(purpose):\(notification.notificationId)")
  }
}
