import Foundation

/// The header fields of any envelope, decoded without knowing the payload type, so the
/// messaging layer can route, dedupe and dead-letter a message before decoding its `data`.
public struct EventEnvelopeHeader: Decodable, Sendable, Equatable {
  /// Unique id of the event.
  public var id: UUID
  /// The event type, e.g. "case.opened".
  public var type: String
  /// The contract version.
  public var version: Int
  /// When the fact happened.
  public var occurredAt: Date
  /// The producing service.
  public var producer: String
  /// The police force area.
  public var area: String
  /// The case the event is about, when there is one.
  public var caseId: String?
  /// Shared by every event of one conversation.
  public var correlationId: UUID?
  /// The id of the event or message that caused this one.
  public var causationId: UUID?

  /// Builds a header by hand (tests, dead-letter tooling).
  public init(
    id: UUID, type: String, version: Int, occurredAt: Date, producer: String, area: String,
    caseId: String? = nil, correlationId: UUID? = nil, causationId: UUID? = nil
  ) {
    self.id = id
    self.type = type
    self.version = version
    self.occurredAt = occurredAt
    self.producer = producer
    self.area = area
    self.caseId = caseId
    self.correlationId = correlationId
    self.causationId = causationId
  }

  /// The routing key of the event, e.g. "case.opened.v1".
  public var routingKey: String { RoutingKey.make(type: type, version: version) }
}
