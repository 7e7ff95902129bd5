import Foundation

/// The envelope every RJ Hub event travels in: identity, provenance and correlation headers
/// around a typed payload. Consumers dedupe on `id`, route on `routingKey` and trace a
/// conversation through `correlationId` / `causationId`.
public struct EventEnvelope<Payload: EventPayload>: Codable, Sendable, Equatable {
  /// Unique id of this event; consumers use it to drop redeliveries.
  public var id: UUID
  /// The event type, taken from `Payload.eventType`.
  public var type: String
  /// The contract version, taken from `Payload.eventVersion`.
  public var version: Int
  /// When the fact happened, carried at millisecond precision in UTC.
  public var occurredAt: Date
  /// The service that produced the event, e.g. "intake".
  public var producer: String
  /// The police force area the event belongs to, e.g. "norfolk".
  public var area: String
  /// The case the event is about, when there is one.
  public var caseId: String?
  /// Shared by every event of one conversation (e.g. a submission and its reply).
  public var correlationId: UUID?
  /// The id of the event or message that caused this one.
  public var causationId: UUID?
  /// The payload.
  public var data: Payload

  /// Wraps a payload; `type` and `version` come from `Payload`, and `occurredAt` is rounded to
  /// the millisecond the wire carries so an envelope survives an encode/decode round trip.
  public init(
    id: UUID = UUID(), occurredAt: Date = Date(), producer: String, area: String,
    caseId: String? = nil, correlationId: UUID? = nil, causationId: UUID? = nil, data: Payload
  ) {
    self.id = id
    self.type = Payload.eventType
    self.version = Payload.eventVersion
    self.occurredAt = EventCoding.normalise(occurredAt)
    self.producer = producer
    self.area = area
    self.caseId = caseId
    self.correlationId = correlationId
    self.causationId = causationId
    self.data = data
  }

  /// The routing key this envelope is published with, e.g. "case.opened.v1".
  public var routingKey: String { RoutingKey.make(type: type, version: version) }
}
