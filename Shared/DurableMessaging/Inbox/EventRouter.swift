import EventContracts

/// An ``InboxHandler`` that decodes each message by its routing key (`<type>.v<version>`)
/// and passes runs of consecutive messages of one type to that type's handler in an
/// ``EventRoutes`` table, keeping delivery order. A message whose type no handler knows is dead-lettered as
/// ``DeadLetterReason/unknownType``; one that does not decode, as
/// ``DeadLetterReason/malformed``.
public struct EventRouter: InboxHandler {
  typealias Route = @Sendable ([InboundMessage], InboxContext) throws -> Void
  /// The handlers by routing key (the router is made by ``EventRoutes/router(for:)``).
  let routes: [String: Route]

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
