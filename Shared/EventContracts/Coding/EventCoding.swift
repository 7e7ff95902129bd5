import Foundation

/// Encodes and decodes event envelopes in the one JSON form every RJ Hub service shares:
/// sorted keys, unescaped slashes, dates as RFC 3339 in UTC with millisecond fractions.
public enum EventCoding {
  /// The JSON bytes of an envelope.
  public static func encode<P: EventPayload>(_ envelope: EventEnvelope<P>) throws -> [UInt8] {
    Array(try sharedEncoder.encode(envelope))
  }

  /// The header of any envelope, without decoding `data`, so a consumer can route, dedupe or
  /// dead-letter a message it does not understand. Throws `EventDecodingError.malformed`.
  public static func decodeHeader(_ bytes: [UInt8]) throws -> EventEnvelopeHeader {
    try decodeMapped(EventEnvelopeHeader.self, from: bytes)
  }

  /// A typed envelope. Throws `EventDecodingError.typeMismatch` when the message is another
  /// event type or version, and `.malformed` (with the field path) when it does not decode.
  public static func decode<P: EventPayload>(_ type: P.Type, from bytes: [UInt8]) throws
    -> EventEnvelope<P>
  {
    // One pass in the common case; the header is read separately only to explain a failure.
    let envelope: EventEnvelope<P>
    do {
      envelope = try decodeMapped(EventEnvelope<P>.self, from: bytes)
    } catch {
      let header = try decodeHeader(bytes)
      guard header.type == P.eventType, header.version == P.eventVersion else {
        throw EventDecodingError.typeMismatch(expected: P.routingKey, found: header.routingKey)
      }
      throw error
    }
    guard envelope.type == P.eventType, envelope.version == P.eventVersion else {
      throw EventDecodingError.typeMismatch(
        expected: P.routingKey,
        found: RoutingKey.make(type: envelope.type, version: envelope.version))
    }
    return envelope
  }

  /// One configured encoder and decoder for every call: they hold only options, and encode
  /// and decode are safe to call concurrently.
  static let sharedEncoder = encoder
  static let sharedDecoder = decoder

  /// A fresh encoder configured for the event wire format.
  public static var encoder: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .custom { date, encoder in
      var container = encoder.singleValueContainer()
      try container.encode(RFC3339.format(date))
    }
    return encoder
  }

  /// A fresh decoder for the event wire format; dates are accepted with or without fractional
  /// seconds and with any UTC offset.
  public static var decoder: JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .custom { decoder in
      let container = try decoder.singleValueContainer()
      let text = try container.decode(String.self)
      guard let date = RFC3339.parse(text) else {
        throw DecodingError.dataCorruptedError(
          in: container,
          debugDescription: DecodingFailure.ownExplanationPrefix
            + "an RFC 3339 date-time such as 2025-01-31T09:30:00Z")
      }
      return date
    }
    return decoder
  }

  /// A date rounded to the millisecond precision the wire carries, so a value compares equal
  /// after an encode/decode round trip.
  public static func normalise(_ date: Date) -> Date {
    RFC3339.normalise(date)
  }

  /// Decodes with `decoder`, turning any `DecodingError` into a value-free
  /// `EventDecodingError.malformed`.
  static func decodeMapped<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
    do {
      return try sharedDecoder.decode(type, from: Data(bytes))
    } catch let error as DecodingError {
      throw EventDecodingError.malformed(reason: DecodingFailure(error).reason)
    }
  }
}
