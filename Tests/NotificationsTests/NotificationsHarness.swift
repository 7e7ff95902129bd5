import AMQPClient
import DurableMessaging
import EventContracts
import Foundation
import HubAreas
import Logging
import PostgresClient
import TestSupport

@testable import Notifications

/// notifications against the real servers: its real request handler consuming a queue of
/// its own (bound to a test exchange, so nothing else reaches it) into a schema of its own,
/// and real delivery loops sending to the local SMTP server (`RJHUB_TEST_SMTP_URL`, whose
/// mailbox is `RJHUB_TEST_MAILBOX`). Outcome events are read from its outbox (no relay runs).
final class NotificationsHarness: Sendable {
  /// The area of every synthetic request.
  static let area = "synthetic-area"

  let rig: InboxHandlerRig
  var schema: SchemaName { rig.schema }
  var pool: PostgresConnectionPool { rig.pool }
  var logger: Logger { rig.logger }

  /// Migrates a fresh schema, declares a fresh queue bound to test exchange `<name>.events`
  /// and starts consuming it. Suites that run at the same time use different names, so that
  /// no request reaches another suite's harness (and is sent by its delivery loops too).
  init(name: String = "notifications-test") async throws {
    // Fail loudly, before anything else, when the SMTP server is not there.
    _ = try SMTPTestServer.url()
    rig = try await InboxHandlerRig(
      name: name, purpose: "requests",
      bindings: NotificationsService.requestQueue.bindings,
      migrations: { NotificationsService.migrations(schema: $0) },
      handler: {
        NotificationsService.requestHandler(schema: $0, sealer: TestPersonalData.sealer)
      }, poolSize: 6)
  }

  /// How the service under test seals recipients and letters.
  static let personalData = RecipientPersonalData(sealer: TestPersonalData.sealer)

  // MARK: Requests

  /// A request for `purpose` on `channel` to `recipient`, with a fresh case id.
  static func request(
    _ purpose: NotificationPurpose = .referrerAcknowledgement, channel: PreferredContact = .email,
    recipient: NotificationRequested.Recipient, language: String? = nil,
    caseId: String = "case-\(UUID().uuidString.lowercased().prefix(12))",
    largePrint: Bool? = nil
  ) -> EventEnvelope<NotificationRequested> {
    EventEnvelope(
      producer: "victim-contact", area: area, caseId: caseId, correlationId: UUID(),
      data: NotificationRequested(
        notificationId: "\(caseId)/\(purpose.rawValue)", caseId: caseId, purpose: purpose,
        channel: channel, recipient: recipient, language: language,
        values: ["caseId": caseId, "referralId": "REF-\(caseId)", "area": area],
        requestedAt: Date(), largePrint: largePrint))
  }

  /// The same request sent again under a new message id (as a retried producer would).
  static func resent(_ event: EventEnvelope<NotificationRequested>)
    -> EventEnvelope<NotificationRequested>
  {
    var copy = event
    copy.id = UUID()
    return copy
  }

  /// Publishes `events` to the test exchange and waits until the consumer has handled them
  /// all (their message ids are in the inbox).
  func request(_ events: [EventEnvelope<NotificationRequested>]) async throws {
    try await rig.publish(events)
    try await rig.waitUntilHandled(events)
  }

  // MARK: Delivery

  /// A delivery loop on this schema, sending to `smtpURL` (the test server by default) as
  /// `from`.
  func delivery(
    smtpURL: String? = nil, from: String = SMTPConfiguration.defaultFrom,
    configure: (inout DeliveryConfiguration) -> Void = { _ in }
  ) throws -> NotificationDelivery {
    var configuration = DeliveryConfiguration()
    configuration.pollInterval = .milliseconds(100)
    configuration.retryBackoff = Backoff(initial: .milliseconds(50), maximum: .milliseconds(200))
    configure(&configuration)
    var smtp = SMTPConfiguration(url: try smtpURL ?? SMTPTestServer.url(), from: from)
    smtp.connectTimeout = .seconds(2)
    smtp.sendTimeout = .seconds(10)
    return try NotificationDelivery(
      schema: schema, pool: pool, database: rig.database,
      outbox: Outbox(schema: schema),
      smtp: smtp, configuration: configuration, areas: Self.areas,
      personalData: Self.personalData, logger: logger)
  }

  /// The synthetic area's office, the letters' return address.
  static let areas = HubAreaDirectory([
    HubArea(
      id: area, name: "Synthetic Area",
      contact: .init(
        email: "rj.synthetic@example.org", phone: "01632 960 999",
        address: "Restorative Justice Hub, PO Box 999, Synthtown"))
  ])

  /// A letter drop on this schema writing into `folder`.
  func letterDrop(folder: URL) -> LetterDrop {
    var configuration = LetterDropConfiguration(folder: folder.path)
    configuration.pollInterval = .milliseconds(100)
    return LetterDrop(
      schema: schema, pool: pool, outbox: Outbox(schema: schema), configuration: configuration,
      personalData: Self.personalData, logger: logger)
  }

  /// A letter as stored: `letters`' row, its document still sealed and opened.
  struct StoredLetter: Sendable {
    var status: String
    var format: String
    var pageCount: Int
    var dropFile: String?
    var returnReason: String?
    /// The column as the database holds it.
    var sealedDocument: String
    /// The PDF, opened.
    var pdf: [UInt8]
  }

  /// Letter `notificationId` as stored, or nil.
  func storedLetter(_ notificationId: String) async throws -> StoredLetter? {
    let s = schema.sql
    return try await pool.withSession {
      try $0.query(
        """
        SELECT status, format, page_count, drop_file, return_reason, document
        FROM \(s).letters WHERE notification_id = $1
        """, [.text(notificationId)]
      ).rows.first.map {
        let sealed: String = try $0.decode(5)
        return StoredLetter(
          status: try $0.decode(0), format: try $0.decode(1), pageCount: try $0.decode(2),
          dropFile: try $0.decode(3), returnReason: try $0.decode(4), sealedDocument: sealed,
          pdf: try Self.personalData.openedDocument(sealed, notificationId: notificationId))
      }
    }
  }

  /// Runs `deliveries` concurrently until `body` returns, then stops them.
  func running<T>(_ deliveries: [NotificationDelivery], _ body: () async throws -> T)
    async throws -> T
  {
    let tasks = deliveries.map { delivery in Task { try await delivery.run() } }
    defer { for task in tasks { task.cancel() } }
    let value = try await body()
    for task in tasks {
      task.cancel()
      _ = try? await task.value
    }
    return value
  }

  /// A notification's delivery state as stored.
  struct Stored: Equatable, Sendable {
    var status: String
    var failureReason: String?
    var attempts: Int
    var lastError: String?
  }

  /// Notification `notificationId` as stored, or nil.
  func stored(_ notificationId: String) async throws -> Stored? {
    let s = schema.sql
    return try await pool.withSession {
      try $0.query(
        """
        SELECT status, failure_reason, attempts, last_error
        FROM \(s).notifications WHERE notification_id = $1
        """, [.text(notificationId)]
      ).rows.first.map {
        Stored(
          status: try $0.decode(0), failureReason: try $0.decode(1), attempts: try $0.decode(2),
          lastError: try $0.decode(3))
      }
    }
  }

  /// Waits until every one of `notificationIds` is sent or failed; returns their states.
  func settled(_ notificationIds: [String], within limit: Duration = .seconds(60)) async throws
    -> [String: Stored]
  {
    var states: [String: Stored] = [:]
    try await waitUntil("notifications settled", within: limit) {
      for id in notificationIds where states[id] == nil {
        if let state = try await self.stored(id), state.status != "pending" { states[id] = state }
      }
      return states.count == notificationIds.count
    }
    return states
  }

  /// The events of type `P` emitted (into the outbox) for notification `notificationId`.
  func events<P: EventPayload>(_ type: P.Type, notificationId: String) async throws
    -> [EventEnvelope<P>]
  {
    try await rig.emitted(type).filter { event in
      switch event.data {
      case let sent as NotificationSent: return sent.notificationId == notificationId
      case let failed as NotificationFailed: return failed.notificationId == notificationId
      default: return false
      }
    }
  }

  /// Polls `condition` every 50 ms until it holds, failing after `limit`.
  func waitUntil(
    _ what: String, within limit: Duration = .seconds(60),
    _ condition: () async throws -> Bool
  ) async throws {
    try await rig.waitUntil(what, within: limit, condition)
  }

  func tearDown() async { await rig.tearDown() }
}

extension NotificationsHarness: ScopedTestRig {
  /// Runs `body` against a new harness and always tears it down afterwards, whether `body`
  /// returns or throws.
  static func with<T>(
    _ body: (NotificationsHarness) async throws -> T
  ) async throws -> T {
    try await withTearDown(of: NotificationsHarness(), body)
  }

  /// Runs `body` against a new harness on test exchange `<name>.events` (see
  /// ``init(name:)``), always tearing it down.
  static func with<T>(
    name: String, _ body: (NotificationsHarness) async throws -> T
  ) async throws -> T {
    try await withTearDown(of: NotificationsHarness(name: name), body)
  }
}
