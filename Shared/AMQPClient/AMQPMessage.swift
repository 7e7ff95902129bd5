import Foundation

/// A value in an AMQP field table (message headers, queue arguments).
public indirect enum AMQPFieldValue: Sendable, Hashable {
  case string(String)
  case int(Int64)
  case bool(Bool)
  case double(Double)
  case array([AMQPFieldValue])
  case table([String: AMQPFieldValue])
  case void
}

/// Message headers: an AMQP field table.
public typealias AMQPHeaders = [String: AMQPFieldValue]

/// The basic-class properties this platform uses on every message.
public struct AMQPMessageProperties: Sendable, Hashable {
  /// Unique message id; the publisher also uses it to match `basic.return`s to publishes.
  public var messageId: String?
  /// Id of the message or conversation this one belongs to.
  public var correlationId: String?
  /// Queue to answer to.
  public var replyTo: String?
  /// MIME type of the body, for example `application/json`.
  public var contentType: String?
  /// Application message type name.
  public var type: String?
  /// Name of the publishing application.
  public var appId: String?
  /// Creation time (whole seconds on the wire).
  public var timestamp: Date?
  /// Application headers.
  public var headers: AMQPHeaders
  /// Delivery mode 2 (written to disk) when true, 1 otherwise.
  public var persistent: Bool

  /// Creates properties; persistent with no headers by default.
  public init(
    messageId: String? = nil, correlationId: String? = nil, replyTo: String? = nil,
    contentType: String? = nil, type: String? = nil, appId: String? = nil,
    timestamp: Date? = nil, headers: AMQPHeaders = [:], persistent: Bool = true
  ) {
    self.messageId = messageId
    self.correlationId = correlationId
    self.replyTo = replyTo
    self.contentType = contentType
    self.type = type
    self.appId = appId
    self.timestamp = timestamp
    self.headers = headers
    self.persistent = persistent
  }
}

/// A message to publish through the confirm-mode publisher channel.
public struct OutgoingMessage: Sendable {
  /// Target exchange (`""` is the default exchange).
  public var exchange: String
  /// Routing key.
  public var routingKey: String
  /// Body bytes, sent as they are.
  public var body: [UInt8]
  /// Properties and headers.
  public var properties: AMQPMessageProperties
  /// Ask the broker to return the message when no queue is bound for it.
  public var mandatory: Bool

  /// Creates a message; mandatory by default so unroutable messages are noticed.
  public init(
    exchange: String, routingKey: String, body: [UInt8],
    properties: AMQPMessageProperties = AMQPMessageProperties(), mandatory: Bool = true
  ) {
    self.exchange = exchange
    self.routingKey = routingKey
    self.body = body
    self.properties = properties
    self.mandatory = mandatory
  }
}

/// What the broker said about one published message.
public enum PublishOutcome: Sendable, Equatable {
  /// The broker took responsibility for the message (`basic.ack`).
  case confirmed
  /// The broker could not take the message (`basic.nack`); publish it again later.
  case nacked
  /// The message was mandatory and unroutable (`basic.return`, usually 312 NO_ROUTE).
  case returned(replyCode: Int, replyText: String)
}

/// A message received from a queue, to be settled with ``AMQPConnection/ack(_:multiple:)`` or
/// ``AMQPConnection/nack(_:multiple:requeue:)``.
public struct Delivery: Sendable {
  /// Body bytes.
  public var body: [UInt8]
  /// Exchange the message was published to.
  public var exchange: String
  /// Routing key it was published with.
  public var routingKey: String
  /// Properties and headers.
  public var properties: AMQPMessageProperties
  /// Broker delivery tag, valid on the channel and connection that delivered it.
  public var deliveryTag: UInt64
  /// The broker delivered this message before (to this or another consumer).
  public var redelivered: Bool
  /// Queue it was consumed or fetched from.
  public var queue: String
  /// The quorum queue's `x-delivery-count` header; 0 when absent.
  public var deliveryCount: Int
  /// Which (re)connection delivered it; settling a delivery of an older one is a no-op.
  public var generation: UInt64
  /// Channel that delivered it (internal routing of acks).
  var channel: UInt16
  /// Which opening of that channel delivered it; acks for a reopened channel are dropped.
  var channelEpoch: UInt64

  /// Creates a delivery by hand, for tests of code that consumes deliveries. Settling such a
  /// delivery on a real connection is a no-op.
  public init(
    body: [UInt8], exchange: String = "", routingKey: String = "",
    properties: AMQPMessageProperties = AMQPMessageProperties(), deliveryTag: UInt64 = 0,
    redelivered: Bool = false, queue: String = "", deliveryCount: Int = 0,
    generation: UInt64 = 0
  ) {
    self.init(
      body: body, exchange: exchange, routingKey: routingKey, properties: properties,
      deliveryTag: deliveryTag, redelivered: redelivered, queue: queue,
      deliveryCount: deliveryCount, generation: generation, channel: 0, channelEpoch: 0)
  }

  init(
    body: [UInt8], exchange: String, routingKey: String, properties: AMQPMessageProperties,
    deliveryTag: UInt64, redelivered: Bool, queue: String, deliveryCount: Int,
    generation: UInt64, channel: UInt16, channelEpoch: UInt64
  ) {
    self.body = body
    self.exchange = exchange
    self.routingKey = routingKey
    self.properties = properties
    self.deliveryTag = deliveryTag
    self.redelivered = redelivered
    self.queue = queue
    self.deliveryCount = deliveryCount
    self.generation = generation
    self.channel = channel
    self.channelEpoch = channelEpoch
  }
}
