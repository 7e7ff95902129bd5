/// The SMTP relay an ``SMTPMailer`` hands email to, and how.
public struct SMTPRelay: Sendable, Equatable {
  /// `smtp://host:port` or `smtps://host:port` (a path, if any, is the EHLO name).
  public var url: String
  /// The SMTP AUTH user name; no AUTH when nil.
  public var username: String?
  /// The SMTP AUTH password (kept only in memory, never logged).
  public var password: String?
  /// Whether an `smtp://` connection must be upgraded with STARTTLS (it fails rather than
  /// send in clear when the relay cannot).
  public var startTLS: Bool
  /// How long connecting to the relay may take.
  public var connectTimeout: Duration
  /// How long one whole send may take, connecting included.
  public var sendTimeout: Duration

  /// Describes a relay.
  public init(
    url: String, username: String? = nil, password: String? = nil, startTLS: Bool = false,
    connectTimeout: Duration = .seconds(10), sendTimeout: Duration = .seconds(60)
  ) {
    self.url = url
    self.username = username
    self.password = password
    self.startTLS = startTLS
    self.connectTimeout = connectTimeout
    self.sendTimeout = sendTimeout
  }
}
