import CCurl
import Dispatch
import Foundation
import Logging

/// Hands emails to an SMTP relay with libcurl (`smtp://`, optionally STARTTLS, or
/// `smtps://`).
///
/// libcurl blocks, so every send runs on the mailer's own serial dispatch queue, never on
/// Swift's cooperative pool; callers simply `await`. One curl handle is kept and reused, so
/// consecutive sends reuse the relay connection. Sends are one at a time per mailer.
///
/// What it reports is classified for the delivery loop (see ``SMTPOutcome``): a permanent
/// refusal of the recipient or of the message (`RCPT TO` or end-of-data answered 5xx) is
/// `refused`; everything else that fails is `transient`. Nothing it logs or returns carries
/// an address or the relay's reply text.
public final class SMTPMailer: @unchecked Sendable {
  // @unchecked: `handle` and `errorBuffer` are touched only on `queue` (and in deinit).
  /// The relay it sends to.
  public let relay: SMTPRelay
  private let queue = DispatchQueue(label: "rjhub.notifications.smtp")
  private var handle: UnsafeMutableRawPointer?
  private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
  private let logger: Logger

  /// libcurl's process-wide initialisation, done once before the first handle.
  private static let globalInit: Void = {
    _ = curl_global_init(Int(CURL_GLOBAL_SSL | CURL_GLOBAL_WIN32))
  }()

  /// A mailer for `relay`.
  public init(relay: SMTPRelay, logger: Logger) {
    self.relay = relay
    self.logger = logger
    errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
  }

  deinit {
    if let handle { curl_easy_cleanup(handle) }
    errorBuffer.deallocate()
  }

  /// Hands `data` (a whole RFC 5322 message) from envelope sender `from` to `recipient` and
  /// says how it went.
  public func send(from: String, to recipient: String, data: [UInt8]) async -> SMTPOutcome {
    await withCheckedContinuation { continuation in
      queue.async {
        continuation.resume(returning: self.perform(from: from, to: recipient, data: data))
      }
    }
  }

  /// One SMTP transaction, on `queue`.
  private func perform(from: String, to recipient: String, data: [UInt8]) -> SMTPOutcome {
    _ = Self.globalInit
    if let handle {
      curl_easy_reset(handle)
    } else {
      handle = curl_easy_init()
    }
    guard let handle else { return .transient(curlCode: Int(CURLE_FAILED_INIT.rawValue), reply: 0) }
    errorBuffer[0] = 0
    let recipients = curl_slist_append(nil, "<\(recipient)>")
    defer { curl_slist_free_all(recipients) }
    let source = UploadSource(bytes: data)
    let code: CURLcode = withExtendedLifetime(source) {
      configure(handle, recipients: recipients, from: from, source: source)
      return curl_easy_perform(handle)
    }
    var reply = 0
    _ = rjhub_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &reply)
    let message = String(cString: errorBuffer)
    // The error buffer must not outlive this call in the handle's options.
    _ = rjhub_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, nil)
    let outcome = Self.classify(curlCode: Int(code.rawValue), reply: reply, message: message)
    if outcome != .accepted {
      logger.debug(
        "SMTP send failed", metadata: ["curl_code": "\(code.rawValue)", "smtp_reply": "\(reply)"])
    }
    return outcome
  }

  /// Sets every option of one send on a freshly reset handle.
  private func configure(
    _ handle: UnsafeMutableRawPointer, recipients: UnsafeMutablePointer<curl_slist>?,
    from: String, source: UploadSource
  ) {
    _ = rjhub_curl_setopt_string(handle, CURLOPT_URL, relay.url)
    _ = rjhub_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps")
    _ = rjhub_curl_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(from)>")
    _ = rjhub_curl_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipients)
    _ = rjhub_curl_setopt_long(handle, CURLOPT_UPLOAD, 1)
    _ = rjhub_curl_setopt_read_function(handle, UploadSource.read)
    _ = rjhub_curl_setopt_pointer(
      handle, CURLOPT_READDATA, Unmanaged.passUnretained(source).toOpaque())
    _ = rjhub_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
    _ = rjhub_curl_setopt_long(
      handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(relay.connectTimeout))
    _ = rjhub_curl_setopt_long(
      handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(relay.sendTimeout))
    _ = rjhub_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
    if relay.startTLS {
      _ = rjhub_curl_setopt_long(handle, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
    }
    if let username = relay.username {
      _ = rjhub_curl_setopt_string(handle, CURLOPT_USERNAME, username)
      _ = rjhub_curl_setopt_string(handle, CURLOPT_PASSWORD, relay.password ?? "")
    }
  }

  /// Sorts a finished send into accepted, refused (permanent) or transient.
  ///
  /// libcurl reports a refused `RCPT TO` as "RCPT failed: <code>" and a refused `DATA` as
  /// "DATA failed: <code>" (both `CURLE_SEND_ERROR`), and a refusal after the data as
  /// `CURLE_WEIRD_SERVER_REPLY`; each with the reply code in `CURLINFO_RESPONSE_CODE`. Only
  /// those, with a 5xx reply, are permanent; a 5xx to `MAIL FROM` is the sender's
  /// configuration and is retried like any other failure.
  public static func classify(curlCode: Int, reply: Int, message: String) -> SMTPOutcome {
    if curlCode == Int(CURLE_OK.rawValue) { return .accepted }
    let permanent = (500..<600).contains(reply)
    let recipientOrMessage =
      message.hasPrefix("RCPT failed") || message.hasPrefix("DATA failed")
      || curlCode == Int(CURLE_WEIRD_SERVER_REPLY.rawValue)
    if permanent && recipientOrMessage { return .refused(reply: reply) }
    return .transient(curlCode: curlCode, reply: reply)
  }

  /// `duration` in whole milliseconds, for curl's `_MS` timeouts.
  static func milliseconds(_ duration: Duration) -> Int {
    let (seconds, attoseconds) = duration.components
    return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
  }
}

/// The message bytes libcurl reads through its read callback.
private final class UploadSource {
  let bytes: [UInt8]
  var offset = 0

  /// A source that uploads `bytes` from the start.
  init(bytes: [UInt8]) { self.bytes = bytes }

  /// `CURLOPT_READFUNCTION`: copies the next bytes into curl's buffer; 0 at the end.
  static let read: rjhub_curl_read_callback = { buffer, size, count, userdata in
    guard let buffer, let userdata else { return 0 }
    let source = Unmanaged<UploadSource>.fromOpaque(userdata).takeUnretainedValue()
    let length = min(size * count, source.bytes.count - source.offset)
    guard length > 0 else { return 0 }
    source.bytes.withUnsafeBufferPointer { all in
      UnsafeMutableRawPointer(buffer).copyMemory(
        from: all.baseAddress! + source.offset, byteCount: length)
    }
    source.offset += length
    return length
  }
}
