import Foundation
import Logging

/// Seals and opens personal data (names, dates of birth, contact details, addresses, free text)
/// with the configured key ring, so the database and its backups hold only ciphertext.
///
/// Every value is sealed for a context, by convention `<service>.<table>.<column>:<row id>`
/// (for example `intake.referrals.victim_name:<referral id>`). The context is bound into the
/// ciphertext, so a value copied to another row or column does not open.
///
/// ```swift
/// let sealer = PersonalDataSealer(keys: try PersonalDataKeys(environment: env), logger: logger)
/// let stored = sealer.seal("Jane Doe", context: "intake.referrals.victim_name:\(id)")
/// let name = try sealer.open(stored, context: "intake.referrals.victim_name:\(id)")
/// ```
public struct PersonalDataSealer: Sendable {
  /// The key ring values are sealed and opened with.
  public let keys: PersonalDataKeys
  /// Where refusals are logged (key id and reason only, never plaintext or context).
  let logger: Logger

  /// Creates a sealer over `keys`, logging refusals to `logger`.
  public init(keys: PersonalDataKeys, logger: Logger) {
    self.keys = keys
    self.logger = logger
  }

  /// Seals `plaintext` for `context` under the active key, as `v1.<keyId>.<base64>`.
  public func seal(_ plaintext: String, context: String) -> String {
    sealData(Data(plaintext.utf8), context: context)
  }

  /// Seals `plaintext` when present; `nil` stays `nil` (for optional columns).
  public func sealIfPresent(_ plaintext: String?, context: String) -> String? {
    plaintext.map { seal($0, context: context) }
  }

  /// Seals raw bytes for `context` under the active key.
  public func sealData(_ plaintext: Data, context: String) -> String {
    guard let key = keys.sealingKey(keys.activeKeyID) else {
      preconditionFailure("the active key is checked to be in the ring at start-up")
    }
    return AESGCMSealing.seal(plaintext, keyID: keys.activeKeyID, key: key, context: context).text
  }

  /// Opens a value sealed for `context` under any key in the ring.
  ///
  /// - Throws: ``SealingError`` when the value is malformed, its key is not configured, or it
  ///   was altered or sealed for another context.
  public func open(_ sealed: String, context: String) throws(SealingError) -> String {
    let bytes = try openData(sealed, context: context)
    guard let text = String(data: bytes, encoding: .utf8) else { throw refused(.notText) }
    return text
  }

  /// Opens `sealed` when present; `nil` stays `nil` (for optional columns).
  public func openIfPresent(_ sealed: String?, context: String) throws(SealingError) -> String? {
    guard let sealed else { return nil }
    return try open(sealed, context: context)
  }

  /// Opens a value holding raw bytes sealed for `context` under any key in the ring.
  public func openData(_ sealed: String, context: String) throws(SealingError) -> Data {
    let value: SealedValue
    do throws(SealingError) {
      value = try SealedValue(parsing: sealed)
    } catch {
      throw refused(error)
    }
    guard let key = keys.sealingKey(value.keyID) else {
      throw refused(.unknownKey(keyID: value.keyID))
    }
    do throws(SealingError) {
      return try AESGCMSealing.open(value, key: key, context: context)
    } catch {
      throw refused(error)
    }
  }

  /// Re-seals a value under the active key, for the key-rotation command: returns the new text,
  /// or `nil` when the value is already under the active key (so only changed rows are written).
  public func reseal(_ sealed: String, context: String) throws(SealingError) -> String? {
    let value: SealedValue
    do throws(SealingError) {
      value = try SealedValue(parsing: sealed)
    } catch {
      throw refused(error)
    }
    guard value.keyID != keys.activeKeyID else { return nil }
    let bytes = try openData(sealed, context: context)
    return sealData(bytes, context: context)
  }

  /// Logs a refusal with its key id and kind, and returns it for throwing.
  private func refused(_ error: SealingError) -> SealingError {
    logger.warning(
      "personal data value refused",
      metadata: ["reason": "\(error.description)", "active_key_id": "\(keys.activeKeyID)"])
    return error
  }
}
