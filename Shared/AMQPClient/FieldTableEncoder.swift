import CRabbitMQ
import Foundation

/// Builds librabbitmq structures (bytes, field tables, basic properties) inside one
/// `amqp_pool_t`, so a whole publish window or RPC costs a few pool pages instead of a
/// malloc per field. Everything it returns lives until the pool is recycled.
///
/// Confined to the connection's owning thread.
struct FieldTableEncoder {
  let pool: UnsafeMutablePointer<amqp_pool_t>

  /// A copy of the UTF-8 of `string` inside the pool.
  func bytes(_ string: String) -> amqp_bytes_t {
    var string = string
    return string.withUTF8 { utf8 in copy(UnsafeRawBufferPointer(utf8)) }
  }

  /// A copy of `raw` inside the pool.
  func copy(_ raw: UnsafeRawBufferPointer) -> amqp_bytes_t {
    guard raw.count > 0, let base = raw.baseAddress else {
      return amqp_bytes_t(len: 0, bytes: nil)
    }
    var out = amqp_bytes_t(len: 0, bytes: nil)
    amqp_pool_alloc_bytes(pool, raw.count, &out)
    if let target = out.bytes {
      target.copyMemory(from: base, byteCount: raw.count)
    }
    return out
  }

  /// An encoded field table; entries are sorted by key for a deterministic wire form.
  func table(_ headers: AMQPHeaders) -> amqp_table_t {
    guard !headers.isEmpty else { return amqp_table_t(num_entries: 0, entries: nil) }
    let size = MemoryLayout<amqp_table_entry_t>.stride * headers.count
    guard let raw = amqp_pool_alloc(pool, size) else {
      return amqp_table_t(num_entries: 0, entries: nil)
    }
    let entries = raw.bindMemory(to: amqp_table_entry_t.self, capacity: headers.count)
    var index = 0
    for key in headers.keys.sorted() {
      guard let value = headers[key] else { continue }
      (entries + index).initialize(to: amqp_table_entry_t(key: bytes(key), value: field(value)))
      index += 1
    }
    return amqp_table_t(num_entries: Int32(index), entries: entries)
  }

  /// One encoded field value: strings as UTF-8, integers as signed 64-bit.
  func field(_ value: AMQPFieldValue) -> amqp_field_value_t {
    var out = amqp_field_value_t()
    switch value {
    case .string(let string):
      out.kind = Self.kind(AMQP_FIELD_KIND_UTF8)
      out.value.bytes = bytes(string)
    case .int(let int):
      out.kind = Self.kind(AMQP_FIELD_KIND_I64)
      out.value.i64 = int
    case .bool(let bool):
      out.kind = Self.kind(AMQP_FIELD_KIND_BOOLEAN)
      out.value.boolean = bool ? 1 : 0
    case .double(let double):
      out.kind = Self.kind(AMQP_FIELD_KIND_F64)
      out.value.f64 = double
    case .array(let items):
      out.kind = Self.kind(AMQP_FIELD_KIND_ARRAY)
      out.value.array = array(items)
    case .table(let nested):
      out.kind = Self.kind(AMQP_FIELD_KIND_TABLE)
      out.value.table = table(nested)
    case .void:
      out.kind = Self.kind(AMQP_FIELD_KIND_VOID)
    }
    return out
  }

  private func array(_ items: [AMQPFieldValue]) -> amqp_array_t {
    guard !items.isEmpty,
      let raw = amqp_pool_alloc(pool, MemoryLayout<amqp_field_value_t>.stride * items.count)
    else { return amqp_array_t(num_entries: 0, entries: nil) }
    let entries = raw.bindMemory(to: amqp_field_value_t.self, capacity: items.count)
    for (index, item) in items.enumerated() {
      (entries + index).initialize(to: field(item))
    }
    return amqp_array_t(num_entries: Int32(items.count), entries: entries)
  }

  /// The basic properties of `properties` (delivery mode always set).
  func basicProperties(_ properties: AMQPMessageProperties) -> amqp_basic_properties_t {
    var out = amqp_basic_properties_t()
    var flags = UInt32(AMQP_BASIC_DELIVERY_MODE_FLAG)
    out.delivery_mode = properties.persistent ? 2 : 1
    if let value = properties.contentType {
      flags |= UInt32(AMQP_BASIC_CONTENT_TYPE_FLAG)
      out.content_type = bytes(value)
    }
    if let value = properties.messageId {
      flags |= UInt32(AMQP_BASIC_MESSAGE_ID_FLAG)
      out.message_id = bytes(value)
    }
    if let value = properties.correlationId {
      flags |= UInt32(AMQP_BASIC_CORRELATION_ID_FLAG)
      out.correlation_id = bytes(value)
    }
    if let value = properties.replyTo {
      flags |= UInt32(AMQP_BASIC_REPLY_TO_FLAG)
      out.reply_to = bytes(value)
    }
    if let value = properties.type {
      flags |= UInt32(AMQP_BASIC_TYPE_FLAG)
      out.type = bytes(value)
    }
    if let value = properties.appId {
      flags |= UInt32(AMQP_BASIC_APP_ID_FLAG)
      out.app_id = bytes(value)
    }
    if let value = properties.timestamp {
      flags |= UInt32(AMQP_BASIC_TIMESTAMP_FLAG)
      out.timestamp = UInt64(max(0, value.timeIntervalSince1970.rounded(.down)))
    }
    if !properties.headers.isEmpty {
      flags |= UInt32(AMQP_BASIC_HEADERS_FLAG)
      out.headers = table(properties.headers)
    }
    out._flags = flags
    return out
  }

  static func kind(_ kind: amqp_field_value_kind_t) -> UInt8 {
    UInt8(truncatingIfNeeded: kind.rawValue)
  }
}
