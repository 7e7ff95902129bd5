import DurableMessaging
import EventContracts
import Foundation
import Logging
import PostgresClient
import ServiceLifecycle

/// Hands queued letters to the print-and-post provider: each is opened from its seal,
/// written into the drop folder (``LetterDropDirectory``, atomically) and, in the same
/// transaction that held the letter's row locked while it was written, marked `handed-over`
/// with its notification `sent` and its `notification.sent.v1` in the outbox.
///
/// One letter per transaction, taken with `FOR UPDATE SKIP LOCKED`: any number of replicas
/// share the queue and never write the same letter at once. A letter is written again only
/// when its transaction did not commit (a crash or database failure after the rename): its
/// file is then replaced under the same name, so the folder still holds it once. The one
/// window for a second print is a provider that collected the file in that moment.
public final class LetterDrop: Service, Sendable {
  let letters: LetterStore
  let pool: PostgresConnectionPool
  let outbox: Outbox
  let directory: LetterDropDirectory
  let personalData: RecipientPersonalData
  let configuration: LetterDropConfiguration
  let logger: Logger

  /// A drop of `schema`'s queued letters into `configuration`'s folder, their documents
  /// opened with `personalData`, outcome events into `outbox`.
  public init(
    schema: SchemaName, pool: PostgresConnectionPool, outbox: Outbox,
    configuration: LetterDropConfiguration, personalData: RecipientPersonalData, logger: Logger
  ) {
    letters = LetterStore(schema: schema)
    self.pool = pool
    self.outbox = outbox
    directory = LetterDropDirectory(path: configuration.folder)
    self.personalData = personalData
    self.configuration = configuration
    var logger = logger
    logger[metadataKey: "component"] = "letter-drop"
    self.logger = logger
  }

  /// Hands over letters until graceful shutdown (or cancellation), looking for new ones
  /// every poll interval.
  public func run() async throws {
    var failures = 0
    while !Task.isShuttingDownGracefully && !Task.isCancelled {
      do {
        try await handOverQueued()
        failures = 0
        try await Task.sleep(for: configuration.pollInterval)
      } catch is CancellationError {
        break
      } catch {
        logger.warning(
          "letter drop round failed; retrying",
          metadata: ["error": "\(ErrorRedaction.describe(error))", "attempt": "\(failures)"])
        try? await Task.sleep(for: configuration.failureBackoff.delay(attempt: failures))
        failures += 1
      }
    }
    logger.info("letter drop stopped")
  }

  /// Hands over every queued letter no other replica holds; returns how many.
  @discardableResult
  public func handOverQueued() async throws -> Int {
    try directory.prepare()
    var count = 0
    while !Task.isCancelled && !Task.isShuttingDownGracefully, try await handOverNext() {
      count += 1
    }
    return count
  }

  /// Hands over the oldest queued letter; false when there was none.
  func handOverNext() async throws -> Bool {
    let (letters, outbox, directory, personalData) =
      (self.letters, self.outbox, self.directory, self.personalData)
    let handed = try await pool.withTransaction { session -> LetterStore.QueuedLetter? in
      guard let letter = try letters.nextQueued(in: session) else { return nil }
      let pdf = try personalData.openedDocument(
        letter.document, notificationId: letter.notificationId)
      let name = LetterDropDirectory.fileName(notificationId: letter.notificationId)
      try directory.write(pdf, named: name)
      let now = Date()
      guard try letters.markHandedOver(letter.notificationId, dropFile: name, at: now, in: session)
      else { return nil }
      try outbox.enqueue(OutcomeEvents.sent(letter, at: now), to: EventExchange.events, in: session)
      return letter
    }
    guard let handed else { return false }
    NotificationMetrics.letter("handed-over", purpose: handed.purpose)
    logger.info(
      "letter handed over to the letter drop",
      metadata: [
        "notification_id": "\(handed.notificationId)", "case_id": "\(handed.caseId ?? "-")",
        "purpose": "\(handed.purpose.rawValue)",
      ])
    return true
  }
}

/// Where and how often the letter drop hands letters over.
public struct LetterDropConfiguration: Sendable {
  /// The print provider's spool folder (`RJHUB_LETTER_DROP_DIR`).
  public var folder: String
  /// How long to wait between looks at the queue (`RJHUB_LETTER_DROP_INTERVAL`).
  public var pollInterval: Duration = .seconds(5)
  /// Paces rounds after a failure (database down, folder not writable).
  public var failureBackoff = Backoff(initial: .milliseconds(200), maximum: .seconds(30))

  /// Letters go to `folder`.
  public init(folder: String) {
    self.folder = folder
  }
}
