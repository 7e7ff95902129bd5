import CRabbitMQ
import Foundation

/// A failure inside the owning thread: either the whole connection is unusable (reconnect)
/// or one channel was closed by the broker (that command fails, the channel is reopened).
enum LinkFailure: Error {
  case connection(String)
  case channel(code: Int, text: String)

  /// The error handed to async callers.
  var publicError: AMQPError {
    switch self {
    case .connection(let reason): return .connectionLost(reason)
    case .channel(let code, let text): return .channelClosed(code: code, text: text)
    }
  }

  /// A librabbitmq status code as a failure of the connection.
  static func status(_ status: Int32, _ context: String) -> LinkFailure {
    .connection("\(context): \(String(cString: amqp_error_string2(status)))")
  }
}

/// Channel numbers with a fixed job on every connection.
enum ChannelNumber {
  /// Confirm-mode channel for all publishes.
  static let publisher: UInt16 = 1
  /// Declarations, passive declares, purge and delete.
  static let admin: UInt16 = 2
  /// `basic.get` for operator tools.
  static let getter: UInt16 = 3
  /// Consumers get their own channel each, numbered from here.
  static let firstConsumer: UInt16 = 10
  /// Highest channel number used (librabbitmq's default channel-max is 2047).
  static let last: UInt16 = 2000
}

/// librabbitmq method ids as plain values, so they can be used in `switch`.
enum MethodID {
  static let basicAck = UInt32(AMQP_BASIC_ACK_METHOD)
  static let basicNack = UInt32(AMQP_BASIC_NACK_METHOD)
  static let basicReturn = UInt32(AMQP_BASIC_RETURN_METHOD)
  static let basicDeliver = UInt32(AMQP_BASIC_DELIVER_METHOD)
  static let basicCancel = UInt32(AMQP_BASIC_CANCEL_METHOD)
  static let basicGetOk = UInt32(AMQP_BASIC_GET_OK_METHOD)
  static let basicGetEmpty = UInt32(AMQP_BASIC_GET_EMPTY_METHOD)
  static let channelClose = UInt32(AMQP_CHANNEL_CLOSE_METHOD)
  static let channelCloseOk = UInt32(AMQP_CHANNEL_CLOSE_OK_METHOD)
  static let connectionClose = UInt32(AMQP_CONNECTION_CLOSE_METHOD)
  static let connectionCloseOk = UInt32(AMQP_CONNECTION_CLOSE_OK_METHOD)
  static let connectionBlocked = UInt32(AMQP_CONNECTION_BLOCKED_METHOD)
  static let connectionUnblocked = UInt32(AMQP_CONNECTION_UNBLOCKED_METHOD)
}

extension Duration {
  /// This duration as a `timeval` for librabbitmq timeouts.
  var timeval: timeval {
    let (seconds, attoseconds) = components
    return Foundation.timeval(
      tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
  }

  /// This duration in whole milliseconds (for `poll`).
  var milliseconds: Int {
    let (seconds, attoseconds) = components
    return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
  }
}
