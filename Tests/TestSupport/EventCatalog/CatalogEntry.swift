import EventContracts

/// One message contract in the `EventCatalog`: its names, where it travels, the JSON Schema
/// file that documents it (under docs/events/) and sample messages, so tests can prove that
/// code and published schemas agree.
public struct CatalogEntry: Sendable {
  /// How a message is framed on the wire.
  public enum Framing: String, Sendable {
    /// Wrapped in an `EventEnvelope` (our own events on `rj.events`).
    case envelope
    /// The sender's own JSON body with no envelope (police submissions on `rj.referrals`).
    case rawBody
  }

  /// The event type, e.g. "case.opened".
  public let eventType: String
  /// The contract version.
  public let eventVersion: Int
  /// The routing key, e.g. "case.opened.v1".
  public let routingKey: String
  /// The exchange the message is published to (see `EventExchange`).
  public let exchange: String
  /// Whether the message is enveloped.
  public let framing: Framing
  /// The schema file under docs/events/, e.g. "case.opened.v1.schema.json".
  public let schemaFileName: String
  /// Sample messages, encoded exactly as they travel; at least one.
  public let samples: @Sendable () throws -> [[UInt8]]

  /// Builds an entry by hand; prefer `CatalogEntry.event(_:samples:)` for enveloped events.
  public init(
    eventType: String, eventVersion: Int, exchange: String, framing: Framing,
    samples: @escaping @Sendable () throws -> [[UInt8]]
  ) {
    self.eventType = eventType
    self.eventVersion = eventVersion
    self.routingKey = RoutingKey.make(type: eventType, version: eventVersion)
    self.exchange = exchange
    self.framing = framing
    self.schemaFileName = routingKey + ".schema.json"
    self.samples = samples
  }

  /// The entry of an enveloped event published on `rj.events`; samples are encoded with
  /// `EventCoding.encode`.
  public static func event<P: EventPayload>(
    _ type: P.Type, samples: @escaping @Sendable () -> [EventEnvelope<P>]
  ) -> CatalogEntry {
    CatalogEntry(
      eventType: P.eventType, eventVersion: P.eventVersion, exchange: EventExchange.events,
      framing: .envelope, samples: { try samples().map(EventCoding.encode) })
  }
}
