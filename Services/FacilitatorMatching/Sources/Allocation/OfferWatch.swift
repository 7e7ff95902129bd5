import DurableMessaging
import EventContracts
import Foundation
import Logging
import PostgresClient
import ServiceLifecycle

/// Watches, every `interval`, on every replica (requests are locked with SKIP LOCKED, so two
/// replicas never act on one at once):
///
/// - offers unanswered past their due time lapse (`allocation.declined.v1`, outcome
///   `no-answer`) and the part is offered to the next best facilitator, excluding everyone who
///   declined or let this case lapse;
/// - unfilled requests in an area whose register changed since they were decided are decided
///   again: offered when someone can serve now, otherwise left unfilled (and not announced
///   again).
struct OfferWatch: Service {
  let desk: AllocationDesk
  let pool: PostgresConnectionPool
  let outbox: Outbox
  let interval: Duration
  let logger: Logger
  let clock: @Sendable () -> Date

  /// Requests looked at per round and kind.
  static let batchSize = 50

  func run() async throws {
    while !Task.isShuttingDownGracefully && !Task.isCancelled {
      do {
        let acted = try await round()
        if acted >= Self.batchSize { continue }
      } catch is CancellationError {
        break
      } catch {
        logger.warning(
          "offer watch round failed; retrying", metadata: ["error": "\(type(of: error))"])
      }
      try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
    }
  }

  /// One round: lapses overdue offers and re-offers, then retries unfilled requests; how many
  /// requests it acted on.
  @discardableResult
  func round() async throws -> Int {
    let now = clock()
    let lapsed = try await pool.withSession {
      try desk.offers.requestsWithLapsedOffers(by: now, limit: Self.batchSize, in: $0)
    }
    var acted = 0
    for requestId in lapsed where try await reoffer(requestId, now: now) { acted += 1 }
    let unfilled = try await pool.withSession {
      try desk.allocations.unfilledToRetry(limit: Self.batchSize, in: $0)
    }
    for requestId in unfilled where try await retry(requestId, now: now) { acted += 1 }
    return acted
  }

  /// Lapses request `requestId`'s overdue offers and offers their parts again; false when
  /// another replica holds the request or nothing was overdue any more.
  func reoffer(_ requestId: String, now: Date) async throws -> Bool {
    try await pool.withTransaction { session in
      guard let request = try desk.allocations.lockRequest(requestId, skipLocked: true, in: session)
      else { return false }
      let origin = EventOrigin(
        producer: FacilitatorMatchingService.name, area: request.area, caseId: request.caseId,
        now: now)
      var messages: [OutboxMessage] = []
      for offer in try desk.offers.offers(of: requestId, in: session)
      where offer.status == "offered" && offer.answerDue <= now {
        if let message = try desk.decline(
          offer, outcome: .noAnswer, reason: nil, by: nil, origin: origin, now: now, in: session)
        {
          messages.append(message)
          logger.info(
            "offer lapsed unanswered; offering to the next best",
            metadata: [
              "case_id": "\(offer.caseId)", "offer_id": "\(offer.offerId)",
              "facilitator_id": "\(offer.facilitatorId)",
            ])
        }
      }
      guard !messages.isEmpty else { return false }
      var candidates = try desk.lockCandidates(areas: [request.area], now: now, in: session)
      messages += try desk.decide(
        request, among: &candidates, origin: origin, now: now, in: session, logger: logger)
      try outbox.enqueue(messages, in: session)
      return true
    }
  }

  /// Decides unfilled request `requestId` again; true when it was (whether or not anyone
  /// could be offered).
  func retry(_ requestId: String, now: Date) async throws -> Bool {
    try await pool.withTransaction { session in
      guard
        let request = try desk.allocations.lockRequest(requestId, skipLocked: true, in: session),
        request.outcome == "unfilled"
      else { return false }
      let origin = EventOrigin(
        producer: FacilitatorMatchingService.name, area: request.area, caseId: request.caseId,
        now: now)
      var candidates = try desk.lockCandidates(areas: [request.area], now: now, in: session)
      let messages = try desk.decide(
        request, among: &candidates, origin: origin, now: now, in: session, logger: logger,
        announceUnfilled: false)
      try outbox.enqueue(messages, in: session)
      if !messages.isEmpty {
        logger.info(
          "unfilled request offered after the register changed",
          metadata: ["case_id": "\(request.caseId)", "request_id": "\(requestId)"])
      }
      return true
    }
  }
}
