import EventContracts

/// An ``InboxHandler`` that decodes each message by its routing key (`<type>.v<version>`)
/// and passes runs of consecutive messages of one type to that type's handler, keeping
/// delivery order. A message whose type no handler knows is dead-lettered as
/// ``DeadLetterReason/unknownType``; one that does not decode, as
/// ``DeadLetterReason/malformed``.
public struct EventRouter: InboxHandler {
  typealias Route = @Sendable ([InboundMessage], InboxContext) throws -> Void
  var routes: [String: Route] = [:]

  /// An empty router.
  public init() {}

  /// Handles events of payload type `P` one at a time.
  public mutating func on<P: EventPayload>(
    _ type: P.Type,
    _ handler: @escaping @Sendable (EventEnvelope<P>, InboundMessage, InboxContext) throws -> Void
  ) {
    routes[RoutingKey.make(type: P.eventType, version: P.eventVersion)] = { messages, context in
      for message in messages {
        try handler(try message.event(P.self), message, context)
      }
    }
  }

  /// Handles a run of consecutive events of payload type `P` at once, for handlers that
  /// write a whole batch with one statement.
  public mutating func onBatch<P: EventPayload>(
    _ type: P.Type,
    _ handler:
      @escaping @Sendable ([(event: EventEnvelope<P>, message: InboundMessage)], InboxContext)
      throws -> Void
  ) {
    routes[RoutingKey.make(type: P.eventType, version: P.eventVersion)] = { messages, context in
      try handler(try messages.map { (try $0.event(P.self), $0) }, context)
    }
  }

  public func handle(_ messages: [InboundMessage], context: InboxContext) throws {
    var start = messages.startIndex
    while start < messages.endIndex {
      let key = messages[start].routingKey
      var end = start + 1
      while end < messages.endIndex && messages[end].routingKey == key { end += 1 }
      guard let route = routes[key] else {
        throw MessageRejection(
          messageId: messages[start].messageId, reason: .unknownType,
          detail: "no handler for routing key \(key) on queue \(messages[start].queue)")
      }
      try route(Array(messages[start..<end]), context)
      start = end
    }
  }
}
