import EventContracts
import Foundation

/// Where the events a handler emits come from: the event that caused them, whose area and
/// correlation they carry on. Their ids are derived from the cause's id and a purpose, so a
/// retried handler emits the same ids and consumers still de-duplicate.
public struct EventOrigin: Sendable {
  /// The service that emits (the envelope's `producer`).
  public var producer: String
  /// The case's area.
  public var area: String
  /// The case.
  public var caseId: String
  /// The conversation the cause belongs to.
  public var correlationId: UUID?
  /// The cause's id.
  public var causationId: UUID
  /// When the effect happened.
  public var now: Date

  /// The origin of what `producer` emits about `caseId` because of `cause`, at `now`.
  public init<P: EventPayload>(
    producer: String, cause: EventEnvelope<P>, caseId: String, now: Date
  ) {
    self.producer = producer
    area = cause.area
    self.caseId = caseId
    correlationId = cause.correlationId
    causationId = cause.id
    self.now = now
  }

  /// An envelope for `data` whose id is derived from the cause and `purpose` (unique among
  /// what one cause emits).
  public func envelope<P: EventPayload>(_ data: P, purpose: String) -> EventEnvelope<P> {
    EventEnvelope(
      id: DerivedMessageID.make(from: causationId, purpose: purpose), occurredAt: now,
      producer: producer, area: area, caseId: caseId, correlationId: correlationId,
      causationId: causationId, data: data)
  }
}
