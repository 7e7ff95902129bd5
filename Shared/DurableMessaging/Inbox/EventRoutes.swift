import EventContracts

/// The events one consumer handles and what it does with each, written once: the consumer's
/// ``EventRouter`` dispatches by this table and its queue binds by ``bindings(on:)``, so a
/// handled event is always bound and a bound event always handled.
///
/// The table is static (it names no schema, key or pool); each handler receives the
/// consumer's `Handlers` value, which holds those, when the router is made for it:
///
/// ```swift
/// static let routes = EventRoutes<ReportingEventHandlers>()
///   .on(CaseOpened.self) { handlers, event, _, context in … }
/// static let queue = ServiceQueue(
///   service: "reporting", purpose: "events", bindings: routes.bindings(on: "rj.events"))
/// ```
public struct EventRoutes<Handlers: Sendable>: Sendable {
  typealias MakeRoute = @Sendable (Handlers) -> EventRouter.Route

  private var entries: [(routingKey: String, makeRoute: MakeRoute)] = []

  /// An empty table.
  public init() {}

  /// The table with events of payload type `P` handled one at a time by `handler`.
  public func on<P: EventPayload>(
    _ type: P.Type,
    _ handler:
      @escaping @Sendable (Handlers, EventEnvelope<P>, InboundMessage, InboxContext) throws ->
      Void
  ) -> Self {
    adding(P.self) { handlers in
      { messages, context in
        for message in messages {
          try handler(handlers, try message.event(P.self), message, context)
        }
      }
    }
  }

  /// The table with runs of consecutive events of payload type `P` handled at once by
  /// `handler`, for handlers that write a whole batch with one statement.
  public func onBatch<P: EventPayload>(
    _ type: P.Type,
    _ handler:
      @escaping @Sendable (
        Handlers, [(event: EventEnvelope<P>, message: InboundMessage)], InboxContext
      ) throws -> Void
  ) -> Self {
    adding(P.self) { handlers in
      { messages, context in
        try handler(handlers, try messages.map { (try $0.event(P.self), $0) }, context)
      }
    }
  }

  /// The routing keys handled (`<type>.v<version>`), in the order they were added.
  public var routingKeys: [String] { entries.map(\.routingKey) }

  /// One binding of `exchange` for each handled routing key: a queue's bindings.
  public func bindings(on exchange: String) -> [ServiceQueue.Binding] {
    routingKeys.map { ServiceQueue.Binding(exchange: exchange, routingKey: $0) }
  }

  /// The router that dispatches each handled event to its handler with `handlers`.
  public func router(for handlers: Handlers) -> EventRouter {
    EventRouter(
      routes: Dictionary(
        entries.map { ($0.routingKey, $0.makeRoute(handlers)) }, uniquingKeysWith: { $1 }))
  }

  private func adding<P: EventPayload>(_ type: P.Type, _ makeRoute: @escaping MakeRoute) -> Self {
    let key = RoutingKey.make(type: P.eventType, version: P.eventVersion)
    precondition(!routingKeys.contains(key), "\(key) is routed twice")
    var table = self
    table.entries.append((key, makeRoute))
    return table
  }
}
