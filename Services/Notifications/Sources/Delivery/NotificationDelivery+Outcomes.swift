import DurableMessaging
import EventContracts
import Foundation
import Logging
import PostgresClient

/// How a delivery attempt ends: a retry scheduled, or the notification settled (sent or
/// failed) together with its outcome event in one transaction.
extension NotificationDelivery {
  /// After a temporary failure: due again after the backoff, or failed when this was the
  /// last attempt.
  func retryOrGiveUp(_ notification: ClaimedNotification, token: UUID, lastError: String)
    async throws
  {
    guard notification.attempt < configuration.maxAttempts else {
      try await settleFailed(notification, reason: .attemptsExhausted, lastError: lastError)
      return
    }
    let delay = configuration.retryBackoff.delay(attempt: notification.attempt - 1)
    let store = self.store
    try await pool.withSession {
      try store.scheduleRetry(
        notification.notificationId, token: token, after: delay, lastError: lastError, in: $0)
    }
    NotificationMetrics.count("retried", notification)
    logger.notice(
      "notification delivery failed; will retry",
      metadata: metadata(notification).merging(
        ["error": "\(lastError)", "retry_in": "\(delay)"], uniquingKeysWith: { $1 }))
  }

  /// Marks it sent and emits `notification.sent.v1`, in one transaction.
  func settleSent(_ notification: ClaimedNotification, letterText: String?) async throws {
    let (store, outbox) = (self.store, self.outbox)
    let now = Date()
    let settled = try await committing {
      try await self.pool.withTransaction { session in
        guard
          try store.markSent(
            notification.notificationId, letterText: letterText, at: now, in: session)
        else { return false }
        try outbox.enqueue(
          OutcomeEvents.sent(notification, at: now), to: EventExchange.events, in: session)
        return true
      }
    }
    guard settled else { return alreadySettled(notification) }
    NotificationMetrics.count("sent", notification)
    logger.info("notification sent", metadata: metadata(notification))
  }

  /// Stores a laid-out letter as awaiting dispatch. Nothing is announced: a letter counts
  /// as sent only when the letter drop posts it, so the tasks it settles stay open until then.
  func settleAwaitingDispatch(_ notification: ClaimedNotification, letterText: String)
    async throws
  {
    let store = self.store
    let now = Date()
    let settled = try await committing {
      try await self.pool.withTransaction { session in
        try store.markAwaitingDispatch(
          notification.notificationId, letterText: letterText, at: now, in: session)
      }
    }
    guard settled else { return alreadySettled(notification) }
    NotificationMetrics.count("awaiting-dispatch", notification)
    logger.info("letter laid out; awaiting dispatch", metadata: metadata(notification))
  }

  /// Marks it failed for `reason` and emits `notification.failed.v1`, in one transaction.
  func settleFailed(_ notification: ClaimedNotification, reason: FailureReason, lastError: String?)
    async throws
  {
    let (store, outbox) = (self.store, self.outbox)
    let now = Date()
    let settled = try await committing {
      try await self.pool.withTransaction { session in
        guard
          try store.markFailed(
            notification.notificationId, reason: reason, lastError: lastError, at: now,
            in: session)
        else { return false }
        try outbox.enqueue(
          OutcomeEvents.failed(notification, reason: reason, at: now),
          to: EventExchange.events, in: session)
        return true
      }
    }
    guard settled else { return alreadySettled(notification) }
    NotificationMetrics.failed(notification, reason: reason)
    logger.warning(
      "notification failed",
      metadata: metadata(notification).merging(
        ["reason": "\(reason.rawValue)", "error": "\(lastError ?? "-")"],
        uniquingKeysWith: { $1 }))
  }

  /// Runs an outcome's commit, retrying while the database is briefly unavailable (up to
  /// the claim margin), so that a sent email is recorded if at all possible.
  func committing(_ commit: () async throws -> Bool) async throws -> Bool {
    let giveUpAt = ContinuousClock.now + configuration.claimMargin
    var attempt = 0
    while true {
      do {
        return try await commit()
      } catch let error as PostgresError where error.isTransient && ContinuousClock.now < giveUpAt {
        logger.warning(
          "could not record a notification outcome yet; retrying",
          metadata: ["error": "\(ErrorRedaction.describe(error))", "attempt": "\(attempt)"])
        try await Task.sleep(for: configuration.failureBackoff.delay(attempt: attempt))
        attempt += 1
      }
    }
  }

  /// Notes that another round settled `notification` first (its claim had expired).
  func alreadySettled(_ notification: ClaimedNotification) {
    logger.notice(
      "notification was settled by another delivery round; nothing emitted",
      metadata: metadata(notification))
  }
}
