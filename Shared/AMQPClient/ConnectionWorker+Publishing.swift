import CRabbitMQ
import Foundation

extension ConnectionWorker {
  /// Publishes a whole window on the confirm-mode channel without waiting in between; the
  /// caller is resumed once every message is confirmed, nacked or returned.
  func publish(
    _ messages: [OutgoingMessage], _ continuation: CheckedContinuation<[PublishOutcome], Error>
  ) throws {
    guard let state else { throw LinkFailure.connection("not connected") }
    let window = PublishWindow(
      messages: messages, firstTag: lastPublishTag + 1, continuation: continuation)
    windows.append(window)
    let encoder = self.encoder
    let channel = ChannelNumber.publisher
    for (index, message) in messages.enumerated() {
      var properties = encoder.basicProperties(message.properties)
      let exchange = encoder.bytes(message.exchange)
      let routingKey = encoder.bytes(message.routingKey)
      let status = message.body.withUnsafeBytes { body in
        amqp_basic_publish(
          state, channel, exchange, routingKey, message.mandatory ? 1 : 0, 0, &properties,
          amqp_bytes_t(len: body.count, bytes: UnsafeMutableRawPointer(mutating: body.baseAddress)))
      }
      recycle_amqp_pool(pool)
      guard status == AMQP_STATUS_OK.rawValue else { throw LinkFailure.status(status, "publish") }
      lastPublishTag += 1
      window.published += 1
      // Read confirms now and then so a long window never fills the socket buffers, and stop
      // early if the broker closed the channel meanwhile (the window has failed then).
      if index % 256 == 255 {
        try pump()
        if window.finished { return }
      }
    }
    window.sealed = true
    completeFinishedWindows()
  }

  /// basic.ack / basic.nack from the publisher channel.
  func confirm(tag: UInt64, multiple: Bool, outcome: PublishOutcome) {
    for window in windows {
      if window.firstTag > tag { break }
      window.confirm(tag: tag, multiple: multiple, outcome: outcome)
    }
    completeFinishedWindows()
  }

  /// basic.return: reads the returned message and marks its pending publish; the broker
  /// sends the ack for it right after.
  func handleReturn(channel: UInt16, _ returned: amqp_basic_return_t) throws {
    guard let state else { return }
    let outcome = PublishOutcome.returned(
      replyCode: Int(returned.reply_code),
      replyText: FieldTableDecoder.string(returned.reply_text))
    let exchange = FieldTableDecoder.string(returned.exchange)
    let routingKey = FieldTableDecoder.string(returned.routing_key)
    var message = amqp_message_t()
    let reply = amqp_read_message(state, channel, &message, 0)
    guard reply.reply_type == AMQP_RESPONSE_NORMAL else {
      throw LinkFailure.connection("reading returned message: \(Self.describe(reply))")
    }
    var messageId: String?
    if message.properties._flags & UInt32(AMQP_BASIC_MESSAGE_ID_FLAG) != 0 {
      messageId = FieldTableDecoder.string(message.properties.message_id)
    }
    amqp_destroy_message(&message)
    guard channel == ChannelNumber.publisher else { return }
    let matched = windows.contains {
      $0.markReturned(
        messageId: messageId, exchange: exchange, routingKey: routingKey, outcome: outcome)
    }
    logger.notice(
      "AMQP message returned by the broker",
      metadata: [
        "messageId": "\(messageId ?? "-")", "exchange": "\(exchange)", "outcome": "\(outcome)",
        "matched": "\(matched)",
      ])
  }

  /// Resumes the callers of every completed window.
  func completeFinishedWindows() {
    guard windows.contains(where: { $0.isComplete || $0.finished }) else { return }
    var remaining: [PublishWindow] = []
    for window in windows {
      if window.isComplete {
        window.complete()
      } else if !window.finished {
        remaining.append(window)
      }
    }
    windows = remaining
  }

  /// Fails every window in flight (connection lost, publisher channel closed, shutdown).
  func failAllWindows(_ error: AMQPError) {
    let failing = windows
    windows = []
    for window in failing { window.fail(error) }
  }
}
