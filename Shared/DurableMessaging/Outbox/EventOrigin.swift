import EventContracts
import Foundation

/// Where the events an effect emits come from, so that every service builds its envelopes the
/// one way: the producer, the area and case they are about, the conversation they belong to
/// (correlation) and what caused them (causation).
///
/// Their ids are derived from ``idBase`` and each event's purpose, so a retried handler, a
/// repeated request or a watch that runs again emits the same ids and consumers still
/// de-duplicate; an origin without an id base gives each event a fresh id (a submission's
/// answer, which the inbox already makes once-only).
public struct EventOrigin: Sendable {
  /// The service that emits (the envelope's `producer`).
  public var producer: String
  /// The case's area.
  public var area: String
  /// The case, when the events are about one.
  public var caseId: String?
  /// The conversation the events belong to.
  public var correlationId: UUID?
  /// The id of what caused them.
  public var causationId: UUID?
  /// The id the events' ids are derived from (with their purposes); nil for fresh ids.
  public var idBase: UUID?
  /// When the effect happened (the envelopes' `occurredAt`).
  public var now: Date

  /// An origin given field by field: for effects of a request, a submission or a watch.
  public init(
    producer: String, area: String, caseId: String? = nil, correlationId: UUID? = nil,
    causationId: UUID? = nil, idBase: UUID? = nil, now: Date
  ) {
    self.producer = producer
    self.area = area
    self.caseId = caseId
    self.correlationId = correlationId
    self.causationId = causationId
    self.idBase = idBase
    self.now = now
  }

  /// The origin of what `producer` emits about `caseId` because of `cause`, at `now`: the
  /// cause's area and correlation carry on, and the ids derive from the cause's id.
  public init<P: EventPayload>(
    producer: String, cause: EventEnvelope<P>, caseId: String, now: Date
  ) {
    self.init(
      producer: producer, area: cause.area, caseId: caseId, correlationId: cause.correlationId,
      causationId: cause.id, idBase: cause.id, now: now)
  }

  /// An envelope for `data` whose id is derived from ``idBase`` and `purpose` (unique among
  /// what one origin emits), or fresh when there is no id base.
  public func envelope<P: EventPayload>(_ data: P, purpose: String) -> EventEnvelope<P> {
    EventEnvelope(
      id: idBase.map { DerivedMessageID.make(from: $0, purpose: purpose) } ?? UUID(),
      occurredAt: now, producer: producer, area: area, caseId: caseId,
      correlationId: correlationId, causationId: causationId, data: data)
  }

  /// The outbox message of ``envelope(_:purpose:)`` for `exchange` (by default `rj.events`).
  public func message<P: EventPayload>(
    _ data: P, purpose: String, exchange: String = EventExchange.events
  ) throws -> OutboxMessage {
    try OutboxMessage(event: envelope(data, purpose: purpose), exchange: exchange)
  }
}
