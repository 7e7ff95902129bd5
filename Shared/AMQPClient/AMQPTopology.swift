/// The kind of an exchange, deciding how routing keys match bindings.
public enum ExchangeKind: String, Sendable {
  case direct, topic, fanout, headers
}

/// An exchange this service needs; declared at connect and again after every reconnect.
public struct ExchangeDeclaration: Sendable, Hashable {
  /// Exchange name.
  public var name: String
  /// Routing behaviour.
  public var kind: ExchangeKind
  /// Whether the exchange survives a broker restart.
  public var durable: Bool

  /// Creates an exchange declaration; durable unless told otherwise.
  public init(name: String, kind: ExchangeKind, durable: Bool = true) {
    self.name = name
    self.kind = kind
    self.durable = durable
  }
}

/// A queue this service needs, by default a durable quorum queue.
public struct QueueDeclaration: Sendable, Hashable {
  /// Queue name.
  public var name: String
  /// Declare as a quorum queue (`x-queue-type=quorum`), replicated and with delivery counting.
  public var quorum: Bool
  /// Whether the queue survives a broker restart (quorum queues always are).
  public var durable: Bool
  /// Where rejected or expired messages go (`x-dead-letter-exchange`).
  public var deadLetterExchange: String?
  /// Routing key used when dead-lettering (`x-dead-letter-routing-key`).
  public var deadLetterRoutingKey: String?
  /// Deliveries after which a message is dead-lettered (`x-delivery-limit`, quorum only).
  public var deliveryLimit: Int?

  /// Creates a queue declaration; a durable quorum queue without dead-lettering by default.
  public init(
    name: String, quorum: Bool = true, durable: Bool = true, deadLetterExchange: String? = nil,
    deadLetterRoutingKey: String? = nil, deliveryLimit: Int? = nil
  ) {
    self.name = name
    self.quorum = quorum
    self.durable = durable
    self.deadLetterExchange = deadLetterExchange
    self.deadLetterRoutingKey = deadLetterRoutingKey
    self.deliveryLimit = deliveryLimit
  }
}

/// Routes messages from an exchange into a queue.
public struct QueueBinding: Sendable, Hashable {
  /// The bound queue.
  public var queue: String
  /// The source exchange.
  public var exchange: String
  /// Routing key (or pattern, for topic exchanges).
  public var routingKey: String

  /// Creates a binding.
  public init(queue: String, exchange: String, routingKey: String) {
    self.queue = queue
    self.exchange = exchange
    self.routingKey = routingKey
  }
}

/// Exchanges, queues and bindings declared together: exchanges first, then queues, then
/// bindings, so a binding always finds both ends.
public struct AMQPTopology: Sendable {
  /// Exchanges to declare.
  public var exchanges: [ExchangeDeclaration]
  /// Queues to declare.
  public var queues: [QueueDeclaration]
  /// Bindings to declare.
  public var bindings: [QueueBinding]

  /// Nothing to declare.
  public static let empty = AMQPTopology()

  /// Creates a topology.
  public init(
    exchanges: [ExchangeDeclaration] = [], queues: [QueueDeclaration] = [],
    bindings: [QueueBinding] = []
  ) {
    self.exchanges = exchanges
    self.queues = queues
    self.bindings = bindings
  }

  /// Both topologies together, without duplicates, in first-seen order.
  public func merging(_ other: AMQPTopology) -> AMQPTopology {
    AMQPTopology(
      exchanges: Self.unique(exchanges + other.exchanges),
      queues: Self.unique(queues + other.queues),
      bindings: Self.unique(bindings + other.bindings))
  }

  /// True when there is nothing to declare.
  public var isEmpty: Bool { exchanges.isEmpty && queues.isEmpty && bindings.isEmpty }

  private static func unique<T: Hashable>(_ items: [T]) -> [T] {
    var seen = Set<T>()
    return items.filter { seen.insert($0).inserted }
  }
}
