import Crypto
import Foundation

/// A random data key belonging to one person, so that destroying it erases that person
/// everywhere (crypto-shredding).
///
/// Design for services:
/// - Each service that holds personal data keeps one table of wrapped person keys, for example
///   `victim_contact.person_keys (person_id uuid primary key, key_id text, wrapped_key text)`.
///   The key is stored only wrapped (sealed) under the ring's active key, never in clear.
/// - That person's fields are sealed with their person key (``seal(_:context:)``), not with the
///   ring; the sealed values carry the person key's id (`v1.<personKeyId>.<box>`).
/// - To read, the service unwraps the person's key (``init(unwrapping:id:with:)``) and opens
///   the fields with it.
/// - Erasure = deleting the wrapped-key row. Every copy of that person's fields, in the live
///   database, replicas, exports and backups, is then ciphertext under a key nobody holds.
///   Backups keep the old wrapped-key row until they expire, so retention of backups bounds how
///   long erasure takes to be complete; keep wrapped-key tables out of long-lived exports.
/// - Ring rotation re-seals only the small wrapped-key table
///   (`sealer.reseal(wrapped, context: PersonKey.wrappingContext(id:))`), not the fields.
public struct PersonKey: Sendable {
  /// The person key's id, used as the key id of the values it seals.
  public let id: String
  /// The key itself. Never stored or logged unwrapped.
  let key: SymmetricKey

  /// A new random person key with a fresh id.
  public init() {
    id = "p-" + UUID().uuidString.lowercased()
    key = SymmetricKey(size: .bits256)
  }

  /// Unwraps a stored person key with the ring of `sealer`.
  ///
  /// - Throws: ``SealingError`` when the wrapped key was altered, belongs to another id, or was
  ///   wrapped under a ring key that is not configured.
  public init(unwrapping wrapped: String, id: String, with sealer: PersonalDataSealer)
    throws(SealingError)
  {
    let bytes = try sealer.openData(wrapped, context: Self.wrappingContext(id: id))
    guard bytes.count == PersonalDataKeys.keyLength else { throw .malformed }
    self.id = id
    key = SymmetricKey(data: bytes)
  }

  /// The context a person key with `id` is wrapped for.
  public static func wrappingContext(id: String) -> String {
    "rjhub.person-key:\(id)"
  }

  /// This key sealed under the ring's active key, the only form in which it is stored.
  public func wrapped(by sealer: PersonalDataSealer) -> String {
    sealer.sealData(key.withUnsafeBytes { Data($0) }, context: Self.wrappingContext(id: id))
  }

  /// Seals one of this person's fields for `context` with this key.
  public func seal(_ plaintext: String, context: String) -> String {
    AESGCMSealing.seal(Data(plaintext.utf8), keyID: id, key: key, context: context).text
  }

  /// Opens one of this person's fields sealed for `context` with this key.
  ///
  /// - Throws: ``SealingError/unknownKey(keyID:)`` when the value was sealed under another key,
  ///   or another ``SealingError`` when it is malformed, altered or for another context.
  public func open(_ sealed: String, context: String) throws(SealingError) -> String {
    let value = try SealedValue(parsing: sealed)
    guard value.keyID == id else { throw .unknownKey(keyID: value.keyID) }
    let bytes = try AESGCMSealing.open(value, key: key, context: context)
    guard let text = String(data: bytes, encoding: .utf8) else { throw .notText }
    return text
  }
}
