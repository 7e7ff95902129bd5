/// How message bodies are kept in the outbox table until the relay publishes them.
///
/// Bodies can carry personal data (a case's contact details, a notification's recipient), and
/// the outbox is a table like any other: its rows, and the dead tuples they leave on disk, must
/// hold only ciphertext. A service that holds personal data gives its ``Outbox`` a sealing that
/// encrypts (see `PersonalDataOutboxSealing` in ServiceAssembly); the relay opens each body just
/// before publishing it. The message id is bound into the sealing, so a body moved to another
/// row does not open.
public protocol OutboxBodySealing: Sendable {
  /// The text stored for `body` of message `messageId` (lowercase UUID text).
  func seal(_ body: [UInt8], messageId: String) -> String
  /// The body of message `messageId` from its stored text.
  func open(_ stored: String, messageId: String) throws -> [UInt8]
}

/// Bodies stored as they are: for services and tests whose messages carry no personal data.
public struct PlainOutboxBodies: OutboxBodySealing {
  /// Stores bodies as UTF-8 text.
  public init() {}

  public func seal(_ body: [UInt8], messageId: String) -> String {
    String(decoding: body, as: UTF8.self)
  }

  public func open(_ stored: String, messageId: String) throws -> [UInt8] {
    Array(stored.utf8)
  }
}
