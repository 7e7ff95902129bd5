import Foundation
import HubConfiguration
import SMTPClient
import ServiceRuntime

/// Where and how notifications hand email over: the relay's URL, the sender, optional SMTP
/// AUTH and whether STARTTLS is required (sent by SMTPClient's `SMTPMailer`).
public struct SMTPConfiguration: Sendable {
  /// The sender when `RJHUB_SMTP_FROM` is not set.
  public static let defaultFrom = "rj-hub@localhost"

  /// `smtp://host:port` or `smtps://host:port` (a path, if any, is the EHLO name).
  public var url: String
  /// The envelope sender and `From:` address.
  public var from: String
  /// The SMTP AUTH user name; no AUTH when nil.
  public var username: String?
  /// The SMTP AUTH password.
  public var password: Secret?
  /// Whether an `smtp://` connection must be upgraded with STARTTLS (it fails rather than
  /// send in clear when the relay cannot).
  public var startTLS: Bool
  /// How long connecting to the relay may take.
  public var connectTimeout: Duration = .seconds(10)
  /// How long one whole send may take, connecting included. The delivery loop's claim lease
  /// must be well above it (see ``DeliveryConfiguration/claimLease``).
  public var sendTimeout: Duration = .seconds(60)

  /// Describes a relay.
  public init(
    url: String, from: String = defaultFrom, username: String? = nil, password: Secret? = nil,
    startTLS: Bool = false
  ) {
    self.url = url
    self.from = from
    self.username = username
    self.password = password
    self.startTLS = startTLS
  }

  /// Whether `url` is an `smtp://` or `smtps://` URL with a host.
  public static func isRelayURL(_ url: String) -> Bool {
    guard let components = URLComponents(string: url), let host = components.host,
      !host.isEmpty, let scheme = components.scheme?.lowercased()
    else { return false }
    return scheme == "smtp" || scheme == "smtps"
  }
}

extension SMTPConfiguration {
  /// The relay as the mailer takes it.
  var relay: SMTPRelay {
    SMTPRelay(
      url: url, username: username, password: password?.value, startTLS: startTLS,
      connectTimeout: connectTimeout, sendTimeout: sendTimeout)
  }
}
