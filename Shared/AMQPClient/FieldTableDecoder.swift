import CRabbitMQ
import Foundation

/// Turns librabbitmq structures received from the broker into Swift values (copies; nothing
/// keeps pointing into librabbitmq's buffers afterwards).
enum FieldTableDecoder {
  /// A Swift string from AMQP bytes (invalid UTF-8 is repaired, not rejected).
  static func string(_ bytes: amqp_bytes_t) -> String {
    guard bytes.len > 0, let base = bytes.bytes else { return "" }
    let buffer = UnsafeRawBufferPointer(start: base, count: bytes.len)
    return String(decoding: buffer, as: UTF8.self)
  }

  /// A byte array copied from AMQP bytes.
  static func byteArray(_ bytes: amqp_bytes_t) -> [UInt8] {
    guard bytes.len > 0, let base = bytes.bytes else { return [] }
    return [UInt8](UnsafeRawBufferPointer(start: base, count: bytes.len))
  }

  /// A decoded field table; integer kinds widen to `.int`, floats to `.double`, byte strings
  /// and long strings become `.string`, decimals and unknown kinds `.void`.
  static func table(_ table: amqp_table_t) -> AMQPHeaders {
    guard table.num_entries > 0, let entries = table.entries else { return [:] }
    var out = AMQPHeaders(minimumCapacity: Int(table.num_entries))
    for index in 0..<Int(table.num_entries) {
      let entry = entries[index]
      out[string(entry.key)] = field(entry.value)
    }
    return out
  }

  /// One decoded field value.
  static func field(_ value: amqp_field_value_t) -> AMQPFieldValue {
    switch Character(Unicode.Scalar(value.kind)) {
    case "t": return .bool(value.value.boolean != 0)
    case "b": return .int(Int64(value.value.i8))
    case "B": return .int(Int64(value.value.u8))
    case "s": return .int(Int64(value.value.i16))
    case "u": return .int(Int64(value.value.u16))
    case "I": return .int(Int64(value.value.i32))
    case "i": return .int(Int64(value.value.u32))
    case "l": return .int(value.value.i64)
    case "L", "T": return .int(Int64(clamping: value.value.u64))
    case "f": return .double(Double(value.value.f32))
    case "d": return .double(value.value.f64)
    case "S", "x": return .string(string(value.value.bytes))
    case "A":
      let array = value.value.array
      guard array.num_entries > 0, let entries = array.entries else { return .array([]) }
      return .array((0..<Int(array.num_entries)).map { field(entries[$0]) })
    case "F": return .table(table(value.value.table))
    default: return .void
    }
  }

  /// Message properties from a received content header.
  static func properties(_ raw: amqp_basic_properties_t) -> AMQPMessageProperties {
    let flags = raw._flags
    func has(_ flag: Int32) -> Bool { flags & UInt32(flag) != 0 }
    var out = AMQPMessageProperties(persistent: false)
    if has(AMQP_BASIC_MESSAGE_ID_FLAG) { out.messageId = string(raw.message_id) }
    if has(AMQP_BASIC_CORRELATION_ID_FLAG) { out.correlationId = string(raw.correlation_id) }
    if has(AMQP_BASIC_REPLY_TO_FLAG) { out.replyTo = string(raw.reply_to) }
    if has(AMQP_BASIC_CONTENT_TYPE_FLAG) { out.contentType = string(raw.content_type) }
    if has(AMQP_BASIC_TYPE_FLAG) { out.type = string(raw.type) }
    if has(AMQP_BASIC_APP_ID_FLAG) { out.appId = string(raw.app_id) }
    if has(AMQP_BASIC_TIMESTAMP_FLAG) {
      out.timestamp = Date(timeIntervalSince1970: TimeInterval(raw.timestamp))
    }
    if has(AMQP_BASIC_HEADERS_FLAG) { out.headers = table(raw.headers) }
    if has(AMQP_BASIC_DELIVERY_MODE_FLAG) { out.persistent = raw.delivery_mode == 2 }
    return out
  }

  /// The `x-delivery-count` header of a quorum-queue delivery, 0 when absent.
  static func deliveryCount(_ headers: AMQPHeaders) -> Int {
    if case .int(let count)? = headers["x-delivery-count"] { return Int(clamping: count) }
    return 0
  }
}
