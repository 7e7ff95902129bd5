import Crypto
import Foundation
import Synchronization

/// Protects the public self-referral form: a signed double-submit token against cross-site
/// request forgery, and a cap on submissions per minute so a flood cannot fill the review
/// queue or starve the police channel.
///
/// The token is `<nonce>.<HMAC-SHA256(nonce)>` under a key derived from the hub's data keys;
/// it is set as a `SameSite=Strict`, `HttpOnly` cookie and repeated in a hidden field, and a
/// submission is accepted only when both are present, equal and correctly signed. Any replica
/// can check a token another replica issued.
struct CSRFTokens: Sendable {
  let key: SymmetricKey

  /// A fresh token.
  func issue() -> String {
    let nonce = Data(SymmetricKey(size: .bits128).withUnsafeBytes { Array($0) })
      .base64URLText
    return "\(nonce).\(signature(nonce))"
  }

  /// Whether `cookie` and `field` are the same token and it was issued with this key.
  func verify(cookie: String?, field: String?) -> Bool {
    guard let cookie, let field, cookie == field else { return false }
    let parts = cookie.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2, let mac = Data(base64URLText: String(parts[1])) else { return false }
    return HMAC<SHA256>.isValidAuthenticationCode(
      mac, authenticating: Data(parts[0].utf8), using: key)
  }

  func signature(_ nonce: String) -> String {
    Data(HMAC<SHA256>.authenticationCode(for: Data(nonce.utf8), using: key)).base64URLText
  }
}

/// A fixed-window cap on form submissions per replica: at most `limit` a minute.
final class SubmissionRateLimit: Sendable {
  let limit: Int
  let state = Mutex((window: Int64(0), count: 0))

  init(perMinute limit: Int) { self.limit = limit }

  /// Counts one submission at `now`; false when the minute's allowance is used up.
  func admit(now: Date = Date()) -> Bool {
    let window = Int64(now.timeIntervalSince1970 / 60)
    return state.withLock { state in
      if state.window != window { state = (window, 0) }
      guard state.count < limit else { return false }
      state.count += 1
      return true
    }
  }
}

extension Data {
  /// Base64url without padding (cookie-safe).
  var base64URLText: String {
    base64EncodedString().replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
  }

  /// Decodes base64url without padding.
  init?(base64URLText text: String) {
    var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(
      of: "_", with: "/")
    base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
    self.init(base64Encoded: base64)
  }
}
