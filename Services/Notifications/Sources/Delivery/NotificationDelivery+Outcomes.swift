import DurableMessaging
import EventContracts
import Foundation
import LetterDocuments
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
  func settleSent(_ notification: ClaimedNotification) async throws {
    let (store, outbox) = (self.store, self.outbox)
    let now = Date()
    let settled = try await committing {
      try await self.pool.withTransaction { session in
        guard
          try store.markSent(notification.notificationId, at: now, in: session)
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

  /// Queues a rendered letter for the letter drop, its PDF sealed, and marks the
  /// notification awaiting dispatch, in one transaction. Nothing is announced: a letter counts
  /// as sent only when the letter drop hands it to the print provider, so the tasks it
  /// settles stay open until then.
  func settleQueued(
    _ notification: ClaimedNotification, letter: RenderedLetter, format: LetterFormat
  )
    async throws
  {
    let (store, letters) = (self.store, self.letters)
    let id = notification.notificationId
    let sealed = store.personalData.sealedDocument(letter.pdf, notificationId: id)
    let now = Date()
    let settled = try await committing {
      try await self.pool.withTransaction { session in
        guard try store.markAwaitingDispatch(id, at: now, in: session) else { return false }
        try letters.queue(
          id, area: notification.area, format: format.rawValue, pageCount: letter.pageCount,
          sealedDocument: sealed, at: now, in: session)
        return true
      }
    }
    guard settled else { return alreadySettled(notification) }
    NotificationMetrics.count("awaiting-dispatch", notification)
    NotificationMetrics.letter("queued", purpose: notification.purpose)
    logger.info(
      "letter rendered and queued for the letter drop",
      metadata: metadata(notification).merging(
        ["pages": "\(letter.pageCount)", "format": "\(format.rawValue)"],
        uniquingKeysWith: { $1 }))
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
