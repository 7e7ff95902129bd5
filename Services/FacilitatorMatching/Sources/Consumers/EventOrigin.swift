import DurableMessaging
import EventContracts
import Foundation

/// Where an event facilitator-matching emits comes from: the request that caused it, whose
/// area and correlation it carries on. Ids are derived from the cause's id, so a retried
/// handler emits the same ids and consumers still de-duplicate.
struct EventOrigin: Sendable {
  /// The case's area.
  var area: String
  /// The case.
  var caseId: String
  /// The conversation the cause belongs to.
  var correlationId: UUID?
  /// The cause's id.
  var causationId: UUID
  /// When the effect happened.
  var now: Date

  /// The origin of effects caused by `cause` at `now`.
  init<P: EventPayload>(cause: EventEnvelope<P>, caseId: String, now: Date) {
    area = cause.area
    self.caseId = caseId
    correlationId = cause.correlationId
    causationId = cause.id
    self.now = now
  }

  /// An envelope for `data` whose id is derived from the cause and `purpose`.
  func envelope<P: EventPayload>(_ data: P, purpose: String) -> EventEnvelope<P> {
    EventEnvelope(
      id: DerivedMessageID.make(from: causationId, purpose: purpose), occurredAt: now,
      producer: FacilitatorMatchingService.name, area: area, caseId: caseId,
      correlationId: correlationId, causationId: causationId, data: data)
  }
}
