import DurableMessaging
import EventContracts
import Foundation
import HubAreas
import LetterDocuments
import Logging
import PostgresClient
import SMTPClient
import ServiceLifecycle

/// Delivers stored notifications: emails through the SMTP relay, each settled with its
/// `notification.sent.v1` or `notification.failed.v1` event; letters are rendered to PDF
/// (`Shared/LetterDocuments`), sealed and queued for the ``LetterDrop``, their notification
/// `awaiting-dispatch` and not announced sent (nothing has printed or posted them yet).
///
/// Each round claims a batch of due rows (`FOR UPDATE SKIP LOCKED`, committed before
/// anything is sent, with a claim deadline), so any number of replicas, or several loops in
/// one process, share the work and never hold the same row; a replica killed mid-send leaves
/// its rows to be claimed again after the deadline. Then, row by row: render, send, and in
/// one transaction mark the row sent or failed and write the outcome event to the outbox.
/// Temporary failures are retried with backoff up to ``DeliveryConfiguration/maxAttempts``.
/// It wakes on the NOTIFY that storing a request sends (on a connection of its own) and
/// polls as a safety net.
///
/// ## Never the same notification twice, and the window that remains
/// A notification id is one row; only the transaction that moves it out of `pending` emits
/// its outcome, so events are exactly once. Every email carries a `Message-ID` derived from
/// the notification id. The one window for a second email is between the relay's acceptance
/// (250 after the data) and the commit that records it: a crash (or a database outage that
/// outlasts the claim) there leaves the row claimed but pending, and once the claim expires
/// it is sent again, with the same `Message-ID`, which receiving systems use to recognise
/// the repeat. The window is kept as short as it can be: each row's outcome is committed on
/// its own, straight after its send (not at the end of the batch); that commit is retried
/// while the database is briefly unavailable, within the claim; and a round stops sending
/// when its claim is close to expiring, so no other replica takes a row still being sent.
public final class NotificationDelivery: Service, Sendable {
  let store: NotificationStore
  let pool: PostgresConnectionPool
  let listener: PostgresConnection
  let channel: String
  let outbox: Outbox
  let mailer: SMTPMailer
  /// The envelope sender and `From:` address.
  let sender: String
  let templates: NotificationTemplates
  /// Lays out letters (return addresses from the areas).
  let composer: LetterComposer
  let letters: LetterStore
  let configuration: DeliveryConfiguration
  let logger: Logger

  /// A delivery loop for the notifications in `schema`, using `pool` for its work and a
  /// connection of its own to `database` to listen for new requests; outcome events go into
  /// `outbox`, emails to the relay `smtp` describes; letters are rendered with the return
  /// addresses of `areas` and queued for the letter drop; recipients are opened and letters
  /// sealed with `personalData`.
  public init(
    schema: SchemaName, pool: PostgresConnectionPool, database: PostgresConfiguration,
    outbox: Outbox, smtp: SMTPConfiguration, configuration: DeliveryConfiguration,
    areas: HubAreaDirectory = HubAreaDirectory(HubAreaDirectory.defaults),
    personalData: RecipientPersonalData, logger: Logger
  ) throws {
    store = NotificationStore(schema: schema, personalData: personalData)
    letters = LetterStore(schema: schema)
    composer = LetterComposer(areas: areas)
    self.pool = pool
    listener = PostgresConnection(configuration: database, logger: logger)
    channel = NotificationsMigrations.dueChannel(schema: schema)
    self.outbox = outbox
    var logger = logger
    logger[metadataKey: "component"] = "notification-delivery"
    mailer = SMTPMailer(relay: smtp.relay, logger: logger)
    sender = smtp.from
    templates = try NotificationTemplates()
    self.configuration = configuration
    self.logger = logger
  }

  /// Delivers until graceful shutdown (or cancellation), then closes its connection.
  public func run() async throws {
    defer { Task { [listener] in await listener.close() } }
    var failures = 0
    var listening = false
    while !Task.isShuttingDownGracefully && !Task.isCancelled {
      do {
        if !listening {
          let channel = self.channel
          try await listener.withSession { try $0.listen(channel) }
          listening = true
        }
        let claimed = try await deliverDue()
        failures = 0
        if claimed >= configuration.batchSize { continue }
        try await waitForWakeUp()
      } catch is CancellationError {
        break
      } catch {
        logger.warning(
          "notification delivery round failed; retrying",
          metadata: ["error": "\(ErrorRedaction.describe(error))", "attempt": "\(failures)"])
        try? await Task.sleep(for: configuration.failureBackoff.delay(attempt: failures))
        failures += 1
      }
    }
    logger.info("notification delivery stopped")
  }

  /// Waits for a NOTIFY from a stored request, at most the poll interval, in slices of at
  /// most half a second so that shutdown and cancellation are noticed promptly.
  func waitForWakeUp() async throws {
    let deadline = ContinuousClock.now + configuration.pollInterval
    while !Task.isCancelled && !Task.isShuttingDownGracefully {
      let remaining = ContinuousClock.now.duration(to: deadline)
      guard remaining > .zero else { return }
      let slice = min(remaining, .milliseconds(500))
      let woken = try await listener.withSession { try $0.waitForNotifications(timeout: slice) }
      if !woken.isEmpty { return }
    }
  }

  /// One round: claims up to a batch of due notifications and delivers them one by one;
  /// returns how many it claimed. It stops early (giving the rest back) on shutdown or
  /// cancellation, and when the claim is too close to its deadline for another send; when a
  /// notification's outcome cannot be recorded, it gives the rest back and throws.
  @discardableResult
  public func deliverDue() async throws -> Int {
    let token = UUID()
    let store = self.store
    let (limit, lease) = (configuration.batchSize, configuration.claimLease)
    let claimed = try await pool.withTransaction {
      try store.claimDue(limit: limit, lease: lease, token: token, in: $0)
    }
    let stopSendingAt =
      ContinuousClock.now + lease - mailer.relay.sendTimeout - configuration.claimMargin
    for (index, notification) in claimed.enumerated() {
      let stopping = Task.isCancelled || Task.isShuttingDownGracefully
      if stopping || (index > 0 && ContinuousClock.now > stopSendingAt) {
        await release(claimed[index...], token: token)
        break
      }
      do {
        try await deliver(notification, token: token)
      } catch {
        await release(claimed[(index + 1)...], token: token)
        throw error
      }
    }
    return claimed.count
  }

  /// Gives back claimed notifications this round will not get to, so that they are due at
  /// once (not after the claim's deadline) without counting the attempt. Best effort, and
  /// done even when the round's task is cancelled.
  func release(_ notifications: ArraySlice<ClaimedNotification>, token: UUID) async {
    guard !notifications.isEmpty else { return }
    let (store, pool) = (self.store, self.pool)
    let ids = notifications.map(\.notificationId)
    let released = Task {
      try await pool.withSession { try store.release(ids, token: token, in: $0) }
    }
    do {
      try await released.value
      logger.info("gave back claimed notifications", metadata: ["count": "\(ids.count)"])
    } catch {
      logger.warning(
        "could not give back claimed notifications; they are due again after the claim",
        metadata: ["count": "\(ids.count)", "error": "\(ErrorRedaction.describe(error))"])
    }
  }

  /// Delivers one claimed notification and records how it went.
  func deliver(_ notification: ClaimedNotification, token: UUID) async throws {
    switch DeliveryPlan.decide(notification, maxAttempts: configuration.maxAttempts) {
    case .fail(let reason):
      try await settleFailed(notification, reason: reason, lastError: nil)
    case .letter(let address):
      let document = composer.document(
        for: notification, address: address, rendered: render(notification), date: Date())
      let letter: RenderedLetter
      do {
        letter = try LetterRenderer.render(document)
      } catch {
        try await retryOrGiveUp(notification, token: token, lastError: "letter-render")
        return
      }
      try await settleQueued(notification, letter: letter, format: document.format)
    case .email(let address):
      let rendered = render(notification)
      let email = EmailMessage(
        notificationId: notification.notificationId, from: sender,
        to: address, recipientName: notification.recipient.name, subject: rendered.subject,
        body: rendered.body, date: Date())
      let start = ContinuousClock.now
      let outcome = await mailer.send(from: email.from, to: email.recipient, data: email.data)
      NotificationMetrics.smtp(outcome, nanoseconds: (ContinuousClock.now - start).nanoseconds)
      switch outcome {
      case .accepted:
        try await settleSent(notification)
      case .refused:
        try await settleFailed(notification, reason: .recipientRefused, lastError: outcome.code)
      case .transient:
        try await retryOrGiveUp(notification, token: token, lastError: outcome.code)
      }
    }
  }

  /// `notification`'s text from its purpose's template in its language (or English).
  func render(_ notification: ClaimedNotification) -> RenderedNotification {
    templates.render(
      notification.purpose, language: notification.language, values: notification.values,
      caseId: notification.caseId, recipientName: notification.recipient.name)
  }

  /// Log metadata of `notification`: ids and codes, never the recipient.
  func metadata(_ notification: ClaimedNotification) -> Logger.Metadata {
    [
      "notification_id": "\(notification.notificationId)",
      "case_id": "\(notification.caseId ?? "-")", "purpose": "\(notification.purpose.rawValue)",
      "channel": "\(notification.channel.rawValue)", "attempt": "\(notification.attempt)",
    ]
  }
}

extension Duration {
  /// The duration in whole nanoseconds (clamped to `Int64`).
  var nanoseconds: Int64 {
    let (seconds, attoseconds) = components
    return seconds.multipliedReportingOverflow(by: 1_000_000_000).overflow
      ? .max : seconds * 1_000_000_000 + attoseconds / 1_000_000_000
  }
}
