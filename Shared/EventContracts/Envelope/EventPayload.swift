/// The `data` of an RJ Hub event: a payload type names its event type and version once, so
/// every envelope carrying it gets the same routing key ("<type>.v<version>", e.g.
/// "case.opened.v1") without the producer spelling it out.
public protocol EventPayload: Codable, Sendable, Equatable {
  /// The event type, lowercase and dot-separated, e.g. "case.opened".
  static var eventType: String { get }
  /// The contract version of this payload; a breaking change to the payload bumps it.
  static var eventVersion: Int { get }
}

extension EventPayload {
  /// The routing key every envelope of this payload is published with, e.g. "case.opened.v1".
  public static var routingKey: String { RoutingKey.make(type: eventType, version: eventVersion) }
}
