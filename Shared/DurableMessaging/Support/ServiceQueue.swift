import AMQPClient

/// A queue a service consumes from, with the dead-lettering every RJ Hub queue has.
///
/// Naming is fixed so that broker permissions can be written as one regular expression per
/// service: every queue and exchange a service owns starts with `<service>.`.
/// - the queue: `<service>.<purpose>`, a durable quorum queue whose broker-side delivery limit
///   is a backstop for messages that crash their consumer before it can count the attempt;
/// - its dead-letter exchange: `<service>.dead-letter` (fanout);
/// - the service's dead-letter queue: `<service>.dead-letters` (quorum, no delivery limit).
public struct ServiceQueue: Sendable, Hashable {
  /// The owning service, for example `victim-contact`.
  public var service: String
  /// The full queue name, `<service>.<purpose>`.
  public var name: String
  /// Exchange and routing-key pattern pairs the queue is bound to.
  public var bindings: [Binding]
  /// How many deliveries the broker allows before dead-lettering on its own.
  public var brokerDeliveryLimit: Int

  /// One binding of the queue to an exchange.
  public struct Binding: Sendable, Hashable {
    /// The exchange, for example `rj.events`.
    public var exchange: String
    /// A topic pattern such as `case.opened.v1` or `case.#`.
    public var routingKey: String
    /// Binds the queue to `exchange` for `routingKey`.
    public init(exchange: String, routingKey: String) {
      self.exchange = exchange
      self.routingKey = routingKey
    }
  }

  /// Describes queue `<service>.<purpose>`.
  public init(service: String, purpose: String, bindings: [Binding], brokerDeliveryLimit: Int = 20)
  {
    self.service = service
    self.name = "\(service).\(purpose)"
    self.bindings = bindings
    self.brokerDeliveryLimit = brokerDeliveryLimit
  }

  /// The service's dead-letter exchange.
  public static func deadLetterExchange(service: String) -> String { "\(service).dead-letter" }
  /// The service's dead-letter queue.
  public static func deadLetterQueue(service: String) -> String { "\(service).dead-letters" }

  /// The exchange this queue dead-letters into.
  public var deadLetterExchange: String { Self.deadLetterExchange(service: service) }
  /// The queue its dead letters end up in.
  public var deadLetterQueue: String { Self.deadLetterQueue(service: service) }

  /// Everything the broker needs for this queue: the queue, its bindings, the service's
  /// dead-letter exchange and queue. Shared exchanges it binds to are declared elsewhere
  /// (by provisioning) and are not part of it.
  public var topology: AMQPTopology {
    AMQPTopology(
      exchanges: [ExchangeDeclaration(name: deadLetterExchange, kind: .fanout, durable: true)],
      queues: [
        QueueDeclaration(
          name: deadLetterQueue, quorum: true, durable: true, deadLetterExchange: nil,
          deadLetterRoutingKey: nil, deliveryLimit: nil),
        QueueDeclaration(
          name: name, quorum: true, durable: true, deadLetterExchange: deadLetterExchange,
          deadLetterRoutingKey: name, deliveryLimit: brokerDeliveryLimit),
      ],
      bindings: [QueueBinding(queue: deadLetterQueue, exchange: deadLetterExchange, routingKey: "")]
        + bindings.map {
          QueueBinding(queue: name, exchange: $0.exchange, routingKey: $0.routingKey)
        })
  }
}
