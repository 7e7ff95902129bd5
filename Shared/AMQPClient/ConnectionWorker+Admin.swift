import CRabbitMQ

extension ConnectionWorker {
  /// Declares exchanges, then queues (quorum arguments included), then bindings.
  func declare(_ topology: AMQPTopology) throws {
    guard let state else { throw LinkFailure.connection("not connected") }
    let channel = ChannelNumber.admin
    let empty = amqp_table_t(num_entries: 0, entries: nil)
    defer {
      recycle_amqp_pool(pool)
      amqp_maybe_release_buffers_on_channel(state, channel)
    }
    for exchange in topology.exchanges {
      let declared = amqp_exchange_declare(
        state, channel, encoder.bytes(exchange.name), encoder.bytes(exchange.kind.rawValue), 0,
        exchange.durable ? 1 : 0, 0, 0, empty)
      if declared == nil { try failLastRPC(channel: channel) }
      recycle_amqp_pool(pool)
    }
    for queue in topology.queues {
      let declared = amqp_queue_declare(
        state, channel, encoder.bytes(queue.name), 0, (queue.durable || queue.quorum) ? 1 : 0,
        0, 0, encoder.table(Self.arguments(queue)))
      if declared == nil { try failLastRPC(channel: channel) }
      recycle_amqp_pool(pool)
    }
    for binding in topology.bindings {
      let bound = amqp_queue_bind(
        state, channel, encoder.bytes(binding.queue), encoder.bytes(binding.exchange),
        encoder.bytes(binding.routingKey), empty)
      if bound == nil { try failLastRPC(channel: channel) }
      recycle_amqp_pool(pool)
    }
  }

  /// queue.declare arguments for `queue`.
  static func arguments(_ queue: QueueDeclaration) -> AMQPHeaders {
    var arguments: AMQPHeaders = [:]
    if queue.quorum { arguments["x-queue-type"] = .string("quorum") }
    if let exchange = queue.deadLetterExchange {
      arguments["x-dead-letter-exchange"] = .string(exchange)
    }
    if let key = queue.deadLetterRoutingKey {
      arguments["x-dead-letter-routing-key"] = .string(key)
    }
    if let limit = queue.deliveryLimit { arguments["x-delivery-limit"] = .int(Int64(limit)) }
    return arguments
  }

  /// Ready messages in `queue` (passive declare; 404 when it does not exist).
  func messageCount(queue: String) throws -> Int {
    guard let state else { throw LinkFailure.connection("not connected") }
    defer { recycle_amqp_pool(pool) }
    guard
      let ok = amqp_queue_declare(
        state, ChannelNumber.admin, encoder.bytes(queue), 1, 0, 0, 0,
        amqp_table_t(num_entries: 0, entries: nil))
    else {
      try failLastRPC(channel: ChannelNumber.admin)
    }
    let count = Int(ok.pointee.message_count)
    amqp_maybe_release_buffers_on_channel(state, ChannelNumber.admin)
    return count
  }

  /// queue.delete (unconditionally).
  func deleteQueue(_ queue: String) throws {
    guard let state else { throw LinkFailure.connection("not connected") }
    defer { recycle_amqp_pool(pool) }
    if amqp_queue_delete(state, ChannelNumber.admin, encoder.bytes(queue), 0, 0) == nil {
      try failLastRPC(channel: ChannelNumber.admin)
    }
    amqp_maybe_release_buffers_on_channel(state, ChannelNumber.admin)
  }

  /// queue.purge: drops the ready messages.
  func purgeQueue(_ queue: String) throws {
    guard let state else { throw LinkFailure.connection("not connected") }
    defer { recycle_amqp_pool(pool) }
    if amqp_queue_purge(state, ChannelNumber.admin, encoder.bytes(queue)) == nil {
      try failLastRPC(channel: ChannelNumber.admin)
    }
    amqp_maybe_release_buffers_on_channel(state, ChannelNumber.admin)
  }
}
