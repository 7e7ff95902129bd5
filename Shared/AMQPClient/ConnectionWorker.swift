import CRabbitMQ
import Foundation
import Logging

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The state of one AMQP connection, touched only by its owning thread: the librabbitmq
/// connection, channel bookkeeping, in-flight publish windows and consumers.
///
/// librabbitmq is not thread-safe, so every C call on the connection happens here; async
/// callers reach it only through the ``CommandMailbox``. The `@unchecked Sendable` is sound
/// because exactly one thread runs ``run(firstConnect:)`` at a time, handed over through the
/// mailbox's lock.
final class ConnectionWorker: @unchecked Sendable {
  let configuration: AMQPConfiguration
  let mailbox: CommandMailbox
  var logger: Logger

  /// The live librabbitmq connection, nil while disconnected.
  var state: amqp_connection_state_t?
  /// Counts successful (re)connections; stamped on every delivery.
  var generation: UInt64 = 0
  /// Everything declared so far; declared again after every reconnect.
  var topology: AMQPTopology
  /// Scratch memory for encoding one message or RPC at a time.
  let pool: UnsafeMutablePointer<amqp_pool_t>

  /// Publish windows waiting for confirms, oldest first.
  var windows: [PublishWindow] = []
  /// Delivery tag of the last message published on the current publisher channel.
  var lastPublishTag: UInt64 = 0

  /// Which opening of each open channel is current (deliveries remember theirs).
  var channelEpochs: [UInt16: UInt64] = [:]
  var epochCounter: UInt64 = 0

  /// Active consumers by id, and by the channel they are subscribed on.
  var consumers: [Int: ConsumerState] = [:]
  var consumersByChannel: [UInt16: ConsumerState] = [:]
  var nextConsumerChannel = ChannelNumber.firstConsumer

  var stopping = false
  var closeWaiters: [CheckedContinuation<Void, Never>] = []
  var reconnectDelay: Duration

  init(
    configuration: AMQPConfiguration, topology: AMQPTopology, mailbox: CommandMailbox,
    logger: Logger
  ) {
    self.configuration = configuration
    self.topology = topology
    self.mailbox = mailbox
    self.logger = logger
    self.logger[metadataKey: "amqp.connection"] = "\(configuration.connectionName)"
    self.reconnectDelay = configuration.reconnectInitialDelay
    pool = .allocate(capacity: 1)
    init_amqp_pool(pool, 16 * 1024)
  }

  deinit {
    empty_amqp_pool(pool)
    pool.deallocate()
  }

  var encoder: FieldTableEncoder { FieldTableEncoder(pool: pool) }

  // MARK: - Thread body

  /// The owning thread's whole life: first connect, then serve commands and frames until
  /// closed, reconnecting whenever the broker goes away.
  func run(firstConnect: CheckedContinuation<Void, Error>) {
    stopping = false
    do {
      try establish(initial: true)
    } catch {
      destroyConnection()
      for command in mailbox.stopped(closed: false) {
        command.fail(.connectionLost("not connected"))
      }
      firstConnect.resume(throwing: Self.connectError(error))
      return
    }
    firstConnect.resume()
    while !stopping {
      if state == nil {
        reconnectStep()
        continue
      }
      // A connection failure in one command does not drop the others: they run on in
      // disconnected mode and fail fast.
      for command in mailbox.drain() {
        do {
          try execute(command)
        } catch {
          connectionLost(Self.linkFailure(error))
        }
      }
      if state != nil {
        do {
          try pump()
        } catch {
          connectionLost(Self.linkFailure(error))
        }
      }
      if !stopping { waitForActivity() }
    }
    shutdown()
  }

  private static func linkFailure(_ error: Error) -> LinkFailure {
    (error as? LinkFailure) ?? .connection("\(error)")
  }

  private static func connectError(_ error: Error) -> AMQPError {
    switch error {
    case LinkFailure.connection(let reason): return .connectionFailed(reason)
    case LinkFailure.channel(let code, let text): return .channelClosed(code: code, text: text)
    default: return .connectionFailed("\(error)")
    }
  }

  /// Sleeps until the socket is readable, a command arrives, or a third of the heartbeat
  /// interval passed (so heartbeats are sent and a silent broker is noticed).
  private func waitForActivity() {
    guard let state else { return }
    if amqp_frames_enqueued(state) != 0 || amqp_data_in_buffer(state) != 0 { return }
    var fds = [
      pollfd(fd: amqp_get_sockfd(state), events: Int16(POLLIN), revents: 0),
      pollfd(fd: mailbox.wakeReadFD, events: Int16(POLLIN), revents: 0),
    ]
    let heartbeat = configuration.heartbeatSeconds
    let timeout = heartbeat > 0 ? max(100, heartbeat * 1000 / 3) : 1000
    _ = poll(&fds, 2, Int32(timeout))
  }

  /// Reads and handles every frame that is available without blocking (bounded, so queued
  /// commands such as acks are not starved).
  func pump() throws {
    var frame = amqp_frame_t()
    var timeout = Foundation.timeval(tv_sec: 0, tv_usec: 1)
    for _ in 0..<4096 {
      guard let state else { return }
      let status = amqp_simple_wait_frame_noblock(state, &frame, &timeout)
      if status == AMQP_STATUS_TIMEOUT.rawValue { return }
      guard status == AMQP_STATUS_OK.rawValue else {
        throw LinkFailure.status(status, "reading frames")
      }
      try dispatch(frame)
      if let current = self.state { amqp_maybe_release_buffers_on_channel(current, frame.channel) }
    }
  }

  private func dispatch(_ frame: amqp_frame_t) throws {
    guard frame.frame_type == UInt8(AMQP_FRAME_METHOD) else { return }
    let method = frame.payload.method
    let channel = frame.channel
    guard let decoded = method.decoded else { return }
    switch method.id {
    case MethodID.basicAck:
      let ack = decoded.load(as: amqp_basic_ack_t.self)
      if channel == ChannelNumber.publisher {
        confirm(tag: ack.delivery_tag, multiple: ack.multiple != 0, outcome: .confirmed)
      }
    case MethodID.basicNack:
      let nack = decoded.load(as: amqp_basic_nack_t.self)
      if channel == ChannelNumber.publisher {
        confirm(tag: nack.delivery_tag, multiple: nack.multiple != 0, outcome: .nacked)
      }
    case MethodID.basicReturn:
      try handleReturn(channel: channel, decoded.load(as: amqp_basic_return_t.self))
    case MethodID.basicDeliver:
      try handleDeliver(channel: channel, decoded.load(as: amqp_basic_deliver_t.self))
    case MethodID.basicCancel:
      handleServerCancel(channel: channel)
    case MethodID.channelClose:
      let close = decoded.load(as: amqp_channel_close_t.self)
      try handleChannelClose(
        channel: channel, code: Int(close.reply_code),
        text: FieldTableDecoder.string(close.reply_text))
    case MethodID.connectionClose:
      let close = decoded.load(as: amqp_connection_close_t.self)
      throw brokerClosedConnection(close)
    case MethodID.connectionBlocked:
      logger.warning("AMQP connection blocked by the broker (resource alarm)")
    case MethodID.connectionUnblocked:
      logger.info("AMQP connection unblocked")
    default:
      logger.debug("Ignoring AMQP method", metadata: ["method": "\(method.id)"])
    }
  }

  // MARK: - Commands

  private func execute(_ command: ConnectionCommand) throws {
    guard state != nil else {
      executeDisconnected(command)
      return
    }
    switch command {
    case .publish(let messages, let continuation):
      try publish(messages, continuation)
    case .declare(let extra, let continuation):
      try answer(continuation) {
        try declare(extra)
        topology = topology.merging(extra)
      }
    case .consume(let registration, let continuation):
      try startConsumer(registration, continuation)
    case .cancel(let id, let continuation):
      defer { continuation?.resume() }
      try cancelConsumer(id: id)
    case .get(let queue, let continuation):
      try answer(continuation) { try get(queue: queue) }
    case .settle(let settlement):
      try settle(settlement)
    case .messageCount(let queue, let continuation):
      try answer(continuation) { try messageCount(queue: queue) }
    case .deleteQueue(let queue, let continuation):
      try answer(continuation) { try deleteQueue(queue) }
    case .purgeQueue(let queue, let continuation):
      try answer(continuation) { try purgeQueue(queue) }
    case .close(let continuation):
      stopping = true
      if let continuation { closeWaiters.append(continuation) }
    }
  }

  /// While reconnecting, commands fail fast instead of waiting for an unknown time.
  private func executeDisconnected(_ command: ConnectionCommand) {
    switch command {
    case .declare(let extra, let continuation):
      topology = topology.merging(extra)
      continuation.resume(throwing: AMQPError.connectionLost("reconnecting"))
    case .cancel(let id, let continuation):
      try? cancelConsumer(id: id)
      continuation?.resume()
    case .close(let continuation):
      stopping = true
      if let continuation { closeWaiters.append(continuation) }
    default:
      command.fail(.connectionLost("reconnecting"))
    }
  }

  /// Runs `body` and resumes `continuation` with its result; channel failures end there,
  /// connection failures are also rethrown so the loop reconnects.
  private func answer<T>(_ continuation: CheckedContinuation<T, Error>, _ body: () throws -> T)
    throws
  {
    do {
      continuation.resume(returning: try body())
    } catch let failure as LinkFailure {
      continuation.resume(throwing: failure.publicError)
      if case .connection = failure { throw failure }
    } catch {
      continuation.resume(throwing: AMQPError.protocolError("\(error)"))
    }
  }

  // MARK: - Connection lifecycle

  /// Opens socket and session, the fixed channels, declares the topology and re-subscribes
  /// consumers.
  func establish(initial: Bool) throws {
    let connection: amqp_connection_state_t = amqp_new_connection()
    state = connection
    guard let socket = amqp_tcp_socket_new(connection) else {
      throw LinkFailure.connection("cannot create socket")
    }
    var connectTimeout = configuration.connectTimeout.timeval
    let opened = amqp_socket_open_noblock(
      socket, configuration.host, Int32(configuration.port), &connectTimeout)
    guard opened == AMQP_STATUS_OK.rawValue else { throw LinkFailure.status(opened, "socket") }
    _ = amqp_set_handshake_timeout(connection, &connectTimeout)
    var properties = encoder.table(["connection_name": .string(configuration.connectionName)])
    let login = rjhub_amqp_login_plain_with_properties(
      connection, configuration.virtualHost, 0, Int32(AMQP_DEFAULT_FRAME_SIZE),
      Int32(configuration.heartbeatSeconds), &properties, configuration.username,
      configuration.password)
    recycle_amqp_pool(pool)
    guard login.reply_type == AMQP_RESPONSE_NORMAL else {
      throw LinkFailure.connection("login: \(Self.describe(login))")
    }
    var rpcTimeout = Duration.seconds(15).timeval
    _ = amqp_set_rpc_timeout(connection, &rpcTimeout)
    generation += 1
    nextConsumerChannel = ChannelNumber.firstConsumer
    try openPublisherChannel()
    try openChannel(ChannelNumber.admin)
    try openChannel(ChannelNumber.getter)
    do {
      try declare(topology)
    } catch LinkFailure.channel(let code, let text) where !initial {
      logger.error(
        "Redeclaring AMQP topology failed", metadata: ["code": "\(code)", "text": "\(text)"])
    }
    for consumer in consumers.values.sorted(by: { $0.registration.id < $1.registration.id }) {
      do {
        try subscribe(consumer)
      } catch LinkFailure.channel(let code, let text) {
        logger.error(
          "Re-subscribing AMQP consumer failed; ending it",
          metadata: [
            "queue": "\(consumer.registration.queue)", "code": "\(code)", "text": "\(text)",
          ])
        consumers[consumer.registration.id] = nil
        consumer.cancelled = true
        consumer.registration.continuation.finish()
      }
    }
    mailbox.setConnected(true)
    logger.info("AMQP connected", metadata: ["generation": "\(generation)"])
  }

  /// Tears the connection down after a failure and fails everything in flight.
  func connectionLost(_ failure: LinkFailure) {
    let reason: String
    switch failure {
    case .connection(let text): reason = text
    case .channel(let code, let text): reason = "\(code) \(text)"
    }
    logger.warning(
      "AMQP connection lost; reconnecting",
      metadata: ["reason": "\(reason)", "generation": "\(generation)"])
    destroyConnection()
    failAllWindows(.connectionLost(reason))
    reconnectDelay = configuration.reconnectInitialDelay
  }

  /// Frees the librabbitmq connection (closing its socket) and forgets its channels.
  func destroyConnection() {
    if let state { amqp_destroy_connection(state) }
    state = nil
    mailbox.setConnected(false)
    channelEpochs = [:]
    consumersByChannel = [:]
    for consumer in consumers.values {
      consumer.channel = nil
      consumer.tag = nil
    }
  }

  /// Waits out the backoff delay (serving commands meanwhile), then tries once to reconnect.
  private func reconnectStep() {
    let deadline = ContinuousClock.now + reconnectDelay
    while !stopping {
      let remaining = deadline - ContinuousClock.now
      if remaining <= .zero { break }
      var fd = pollfd(fd: mailbox.wakeReadFD, events: Int16(POLLIN), revents: 0)
      _ = poll(&fd, 1, Int32(max(1, remaining.milliseconds)))
      for command in mailbox.drain() { executeDisconnected(command) }
    }
    guard !stopping else { return }
    do {
      try establish(initial: false)
      reconnectDelay = configuration.reconnectInitialDelay
    } catch {
      destroyConnection()
      logger.warning(
        "AMQP reconnect failed",
        metadata: ["error": "\(error)", "retryIn": "\(reconnectDelay * 2)"])
      reconnectDelay = min(reconnectDelay * 2, configuration.reconnectMaxDelay)
    }
  }

  /// Ends the thread: finishes consumers, fails publishes, closes the connection with a
  /// short timeout (never hangs on a vanished broker) and answers `close()` callers.
  private func shutdown() {
    let ending = consumers.values
    consumers = [:]
    failAllWindows(.closed)
    if let state {
      var timeout = Duration.seconds(2).timeval
      _ = amqp_set_rpc_timeout(state, &timeout)
      _ = amqp_connection_close(state, AMQP_REPLY_SUCCESS)
    }
    destroyConnection()
    recycle_amqp_pool(pool)
    for consumer in ending {
      consumer.cancelled = true
      consumer.registration.continuation.finish()
    }
    for command in mailbox.stopped(closed: true) { command.fail(.closed) }
    logger.info("AMQP connection closed")
    let waiters = closeWaiters
    closeWaiters = []
    for waiter in waiters { waiter.resume() }
  }

  // MARK: - Channels and RPC replies

  /// Opens `channel` and records a new epoch for it.
  func openChannel(_ channel: UInt16) throws {
    guard let state else { throw LinkFailure.connection("not connected") }
    if amqp_channel_open(state, channel) == nil {
      let reply = amqp_get_rpc_reply(state)
      throw LinkFailure.connection("channel.open: \(Self.describe(reply))")
    }
    epochCounter += 1
    channelEpochs[channel] = epochCounter
    amqp_maybe_release_buffers_on_channel(state, channel)
  }

  /// Opens the publisher channel in confirm mode; delivery tags restart at 1.
  func openPublisherChannel() throws {
    try openChannel(ChannelNumber.publisher)
    guard let state else { throw LinkFailure.connection("not connected") }
    if amqp_confirm_select(state, ChannelNumber.publisher) == nil {
      let reply = amqp_get_rpc_reply(state)
      throw LinkFailure.connection("confirm.select: \(Self.describe(reply))")
    }
    lastPublishTag = 0
  }

  /// Turns the failed reply of the last RPC on `channel` into a thrown failure.
  func failLastRPC(channel: UInt16) throws -> Never {
    guard let state else { throw LinkFailure.connection("not connected") }
    try failRPC(amqp_get_rpc_reply(state), channel: channel)
  }

  /// Turns a failed RPC reply into a thrown failure: a broker channel.close is acknowledged
  /// and the channel restored before `.channel` is thrown; anything else is `.connection`.
  func failRPC(_ reply: amqp_rpc_reply_t, channel: UInt16) throws -> Never {
    guard reply.reply_type == AMQP_RESPONSE_SERVER_EXCEPTION, let decoded = reply.reply.decoded
    else {
      throw LinkFailure.connection(Self.describe(reply))
    }
    switch reply.reply.id {
    case MethodID.channelClose:
      let close = decoded.load(as: amqp_channel_close_t.self)
      let code = Int(close.reply_code)
      let text = FieldTableDecoder.string(close.reply_text)
      try handleChannelClose(channel: channel, code: code, text: text)
      throw LinkFailure.channel(code: code, text: text)
    case MethodID.connectionClose:
      throw brokerClosedConnection(decoded.load(as: amqp_connection_close_t.self))
    default:
      throw LinkFailure.connection("unexpected reply \(reply.reply.id)")
    }
  }

  /// Acknowledges a broker channel.close, fails what ran on it and restores the channel.
  func handleChannelClose(channel: UInt16, code: Int, text: String) throws {
    guard let state else { throw LinkFailure.connection("not connected") }
    logger.warning(
      "AMQP channel closed by broker",
      metadata: ["channel": "\(channel)", "code": "\(code)", "text": "\(text)"])
    channelEpochs[channel] = nil
    var closeOk = amqp_channel_close_ok_t()
    let sent = amqp_send_method(state, channel, AMQP_CHANNEL_CLOSE_OK_METHOD, &closeOk)
    guard sent == AMQP_STATUS_OK.rawValue else { throw LinkFailure.status(sent, "close-ok") }
    switch channel {
    case ChannelNumber.publisher:
      failAllWindows(.channelClosed(code: code, text: text))
      try openPublisherChannel()
    case ChannelNumber.admin, ChannelNumber.getter:
      try openChannel(channel)
    default:
      if let consumer = consumersByChannel.removeValue(forKey: channel) {
        consumer.channel = nil
        consumer.tag = nil
        if consumer.subscribed, consumers[consumer.registration.id] === consumer {
          try resubscribeAfterChannelClose(consumer)
        }
      }
    }
  }

  /// Answers a broker connection.close and reports it as a connection failure.
  func brokerClosedConnection(_ close: amqp_connection_close_t) -> LinkFailure {
    let text = FieldTableDecoder.string(close.reply_text)
    if let state {
      var closeOk = amqp_connection_close_ok_t()
      _ = amqp_send_method(state, 0, AMQP_CONNECTION_CLOSE_OK_METHOD, &closeOk)
    }
    return .connection("broker closed the connection: \(close.reply_code) \(text)")
  }

  /// A safe description of an RPC reply (codes and broker texts, no credentials).
  static func describe(_ reply: amqp_rpc_reply_t) -> String {
    switch reply.reply_type {
    case AMQP_RESPONSE_NORMAL:
      return "ok"
    case AMQP_RESPONSE_LIBRARY_EXCEPTION:
      return String(cString: amqp_error_string2(reply.library_error))
    case AMQP_RESPONSE_SERVER_EXCEPTION:
      guard let decoded = reply.reply.decoded else { return "server exception" }
      switch reply.reply.id {
      case MethodID.connectionClose:
        let close = decoded.load(as: amqp_connection_close_t.self)
        return "\(close.reply_code) \(FieldTableDecoder.string(close.reply_text))"
      case MethodID.channelClose:
        let close = decoded.load(as: amqp_channel_close_t.self)
        return "\(close.reply_code) \(FieldTableDecoder.string(close.reply_text))"
      default:
        return "server exception \(reply.reply.id)"
      }
    default:
      return "no reply"
    }
  }
}
