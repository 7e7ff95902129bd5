import EventContracts
import Foundation
import PostgresClient

/// Writes messages into a service's outbox table, inside the caller's transaction.
///
/// A statement-level trigger notifies the relay (LISTEN/NOTIFY) when the transaction commits,
/// so events go out promptly; the relay also polls, so a lost notification only delays them.
public struct Outbox: Sendable {
  /// The service's schema.
  public let schema: SchemaName
  /// How bodies are kept at rest (sealed where they may carry personal data).
  public let sealing: any OutboxBodySealing
  let insertSQL: String

  /// The outbox in `schema`, bodies kept by `sealing`.
  public init(schema: SchemaName, sealing: any OutboxBodySealing = PlainOutboxBodies()) {
    let s = schema.sql
    self.schema = schema
    self.sealing = sealing
    self.insertSQL = """
      INSERT INTO \(s).outbox
        (message_id, exchange, routing_key, correlation_id, headers, body, message_type)
      SELECT m, e, k, NULLIF(c, ''), NULLIF(h, '')::jsonb, b, NULLIF(t, '')
      FROM unnest(
        $1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
        AS u(m, e, k, c, h, b, t)
      """
  }

  /// Appends `messages` in order, with one statement. Call it inside the transaction that
  /// makes the state change the messages announce.
  public func enqueue(_ messages: [OutboxMessage], in session: PostgresSession) throws {
    guard !messages.isEmpty else { return }
    try session.execute(insertSQL, binds(for: messages))
  }

  /// Appends one event for `exchange`.
  public func enqueue<P: EventPayload>(
    _ event: EventEnvelope<P>, to exchange: String, in session: PostgresSession
  ) throws {
    try enqueue([OutboxMessage(event: event, exchange: exchange)], in: session)
  }

  func binds(for messages: [OutboxMessage]) throws -> [PostgresBind] {
    var ids: [UUID] = []
    var exchanges: [String] = []
    var keys: [String] = []
    var correlations: [String] = []
    var headers: [String] = []
    var bodies: [String] = []
    var types: [String] = []
    for message in messages {
      ids.append(message.messageId)
      exchanges.append(message.exchange)
      keys.append(message.routingKey)
      correlations.append(message.correlationId ?? "")
      headers.append(try Self.encodeHeaders(message.headers) ?? "")
      bodies.append(
        sealing.seal(message.body, messageId: message.messageId.uuidString.lowercased()))
      types.append(message.messageType ?? "")
    }
    return [
      .uuidArray(ids), .textArray(exchanges), .textArray(keys),
      .textArray(correlations), .textArray(headers), .textArray(bodies), .textArray(types),
    ]
  }

  static func encodeHeaders(_ headers: [String: String]) throws -> String? {
    guard !headers.isEmpty else { return nil }
    let data = try JSONSerialization.data(withJSONObject: headers, options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
  }
}
