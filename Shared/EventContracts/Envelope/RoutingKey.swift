/// Builds AMQP routing keys from an event's type and version, so producers, consumers and
/// queue bindings all agree on one spelling ("<type>.v<version>").
public enum RoutingKey {
  /// The routing key for an event type and version, e.g. `make(type: "case.opened", version: 1)`
  /// is "case.opened.v1".
  public static func make(type: String, version: Int) -> String {
    "\(type).v\(version)"
  }
}
