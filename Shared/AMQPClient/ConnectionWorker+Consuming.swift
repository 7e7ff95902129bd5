import CRabbitMQ
import Foundation

/// A consumer as the owning thread sees it: where it is subscribed right now.
final class ConsumerState {
  let registration: ConsumerRegistration
  var channel: UInt16?
  var tag: String?
  /// True once basic.consume succeeded on the current channel.
  var subscribed = false
  var cancelled = false

  init(_ registration: ConsumerRegistration) {
    self.registration = registration
  }
}

extension ConnectionWorker {
  /// Subscribes a new consumer and answers its `consume()` call.
  func startConsumer(
    _ registration: ConsumerRegistration, _ continuation: CheckedContinuation<Void, Error>
  ) throws {
    let consumer = ConsumerState(registration)
    do {
      try subscribe(consumer)
      consumers[registration.id] = consumer
      continuation.resume()
    } catch let failure as LinkFailure {
      registration.continuation.finish()
      continuation.resume(throwing: failure.publicError)
      if case .connection = failure { throw failure }
    }
  }

  /// Opens a fresh channel for `consumer`, sets its prefetch and starts basic.consume
  /// (manual acks).
  func subscribe(_ consumer: ConsumerState) throws {
    guard let state else { throw LinkFailure.connection("not connected") }
    consumer.subscribed = false
    guard nextConsumerChannel <= ChannelNumber.last else {
      throw LinkFailure.connection("out of consumer channels")
    }
    let channel = nextConsumerChannel
    nextConsumerChannel += 1
    try openChannel(channel)
    consumer.channel = channel
    consumersByChannel[channel] = consumer
    let prefetch = UInt16(clamping: max(1, consumer.registration.prefetch))
    if amqp_basic_qos(state, channel, 0, prefetch, 0) == nil {
      try failLastRPC(channel: channel)
    }
    let queue = encoder.bytes(consumer.registration.queue)
    defer { recycle_amqp_pool(pool) }
    guard
      let ok = amqp_basic_consume(
        state, channel, queue, amqp_bytes_t(len: 0, bytes: nil), 0, 0, 0,
        amqp_table_t(num_entries: 0, entries: nil))
    else {
      try failLastRPC(channel: channel)
    }
    consumer.tag = FieldTableDecoder.string(ok.pointee.consumer_tag)
    consumer.subscribed = true
    amqp_maybe_release_buffers_on_channel(state, channel)
  }

  /// The broker closed a consumer's channel (for example after an invalid ack): subscribe
  /// again on a new channel, or end the consumer when that fails too.
  func resubscribeAfterChannelClose(_ consumer: ConsumerState) throws {
    do {
      try subscribe(consumer)
    } catch LinkFailure.channel(let code, _) {
      logger.error(
        "AMQP consumer could not be re-subscribed; ending it",
        metadata: ["queue": "\(consumer.registration.queue)", "code": "\(code)"])
      consumers[consumer.registration.id] = nil
      consumer.cancelled = true
      consumer.registration.continuation.finish()
    }
  }

  /// basic.cancel: no new deliveries; the channel stays open so received deliveries can
  /// still be acked. Deliveries that arrive late are requeued.
  func cancelConsumer(id: Int) throws {
    guard let consumer = consumers.removeValue(forKey: id) else { return }
    consumer.cancelled = true
    defer { consumer.registration.continuation.finish() }
    guard let state, let channel = consumer.channel, let tag = consumer.tag else { return }
    let tagBytes = encoder.bytes(tag)
    defer { recycle_amqp_pool(pool) }
    do {
      if amqp_basic_cancel(state, channel, tagBytes) == nil {
        try failLastRPC(channel: channel)
      }
      amqp_maybe_release_buffers_on_channel(state, channel)
    } catch LinkFailure.channel {
      // The channel is gone, and with it the subscription: nothing left to cancel.
    }
  }

  /// The broker cancelled a consumer (its queue was deleted): the sequence ends.
  func handleServerCancel(channel: UInt16) {
    guard let consumer = consumersByChannel[channel], !consumer.cancelled else { return }
    logger.warning(
      "AMQP consumer cancelled by the broker",
      metadata: ["queue": "\(consumer.registration.queue)"])
    consumers[consumer.registration.id] = nil
    consumer.cancelled = true
    consumer.registration.continuation.finish()
  }

  /// basic.deliver: reads header and body and hands the delivery to its consumer.
  func handleDeliver(channel: UInt16, _ deliver: amqp_basic_deliver_t) throws {
    guard let state else { return }
    let tag = deliver.delivery_tag
    let redelivered = deliver.redelivered != 0
    let exchange = FieldTableDecoder.string(deliver.exchange)
    let routingKey = FieldTableDecoder.string(deliver.routing_key)
    var message = amqp_message_t()
    let reply = amqp_read_message(state, channel, &message, 0)
    guard reply.reply_type == AMQP_RESPONSE_NORMAL else {
      throw LinkFailure.connection("reading delivery: \(Self.describe(reply))")
    }
    defer { amqp_destroy_message(&message) }
    guard let consumer = consumersByChannel[channel], !consumer.cancelled,
      let epoch = channelEpochs[channel]
    else {
      _ = amqp_basic_nack(state, channel, tag, 0, 1)
      return
    }
    let properties = FieldTableDecoder.properties(message.properties)
    let delivery = Delivery(
      body: FieldTableDecoder.byteArray(message.body), exchange: exchange,
      routingKey: routingKey, properties: properties, deliveryTag: tag,
      redelivered: redelivered, queue: consumer.registration.queue,
      deliveryCount: FieldTableDecoder.deliveryCount(properties.headers),
      generation: generation, channel: channel, channelEpoch: epoch)
    if case .terminated = consumer.registration.continuation.yield(delivery) {
      _ = amqp_basic_nack(state, channel, tag, 0, 1)
    }
  }

  /// basic.get with manual ack; nil when the queue is empty.
  func get(queue: String) throws -> Delivery? {
    guard let state else { throw LinkFailure.connection("not connected") }
    let channel = ChannelNumber.getter
    let queueBytes = encoder.bytes(queue)
    defer { recycle_amqp_pool(pool) }
    let reply = amqp_basic_get(state, channel, queueBytes, 0)
    guard reply.reply_type == AMQP_RESPONSE_NORMAL else { try failRPC(reply, channel: channel) }
    if reply.reply.id == MethodID.basicGetEmpty {
      amqp_maybe_release_buffers_on_channel(state, channel)
      return nil
    }
    guard reply.reply.id == MethodID.basicGetOk, let decoded = reply.reply.decoded else {
      throw LinkFailure.connection("unexpected basic.get reply \(reply.reply.id)")
    }
    let ok = decoded.load(as: amqp_basic_get_ok_t.self)
    let exchange = FieldTableDecoder.string(ok.exchange)
    let routingKey = FieldTableDecoder.string(ok.routing_key)
    var message = amqp_message_t()
    let read = amqp_read_message(state, channel, &message, 0)
    guard read.reply_type == AMQP_RESPONSE_NORMAL else {
      throw LinkFailure.connection("reading basic.get message: \(Self.describe(read))")
    }
    defer {
      amqp_destroy_message(&message)
      amqp_maybe_release_buffers_on_channel(state, channel)
    }
    let properties = FieldTableDecoder.properties(message.properties)
    return Delivery(
      body: FieldTableDecoder.byteArray(message.body), exchange: exchange,
      routingKey: routingKey, properties: properties, deliveryTag: ok.delivery_tag,
      redelivered: ok.redelivered != 0, queue: queue,
      deliveryCount: FieldTableDecoder.deliveryCount(properties.headers),
      generation: generation, channel: channel, channelEpoch: channelEpochs[channel] ?? 0)
  }

  /// Sends basic.ack / basic.nack, unless the delivery came from an older connection or an
  /// earlier opening of its channel (the broker has already requeued it then).
  func settle(_ settlement: Settlement) throws {
    guard let state else { return }
    guard settlement.generation == generation,
      let epoch = channelEpochs[settlement.channel], epoch == settlement.channelEpoch
    else {
      logger.debug(
        "Ignoring settlement of a stale delivery",
        metadata: ["generation": "\(settlement.generation)"])
      return
    }
    let multiple: amqp_boolean_t = settlement.multiple ? 1 : 0
    let status: Int32
    switch settlement.kind {
    case .ack:
      status = amqp_basic_ack(state, settlement.channel, settlement.deliveryTag, multiple)
    case .nack(let requeue):
      status = amqp_basic_nack(
        state, settlement.channel, settlement.deliveryTag, multiple, requeue ? 1 : 0)
    }
    guard status == AMQP_STATUS_OK.rawValue else { throw LinkFailure.status(status, "ack") }
  }
}
