import Foundation
import HubConfiguration

/// The workplace's own configuration, read from the environment once per process: where the
/// identity provider and the five services are, and how long a sign-in lasts.
///
/// The workplace owns no domain data: it keeps sign-in sessions in its own schema (the access
/// token sealed with `RJHUB_DATA_KEYS`) and calls the services with the signed-in person's own
/// token, so every access rule and audit entry stays in the service that owns the data.
public struct WorkplaceSettings: Sendable {
  /// The address people reach the workplace at, without a trailing slash
  /// (`RJHUB_WORKPLACE_URL`); the sign-in callback is `<url>/auth/callback`.
  public var publicURL: String
  /// The identity provider's issuer (`RJHUB_OIDC_ISSUER`); its discovery document is read from
  /// `<issuer>/.well-known/openid-configuration`.
  public var issuer: String
  /// The workplace's client id at the provider (`RJHUB_OIDC_CLIENT_ID`).
  public var clientID: String
  /// The workplace's client secret at the provider (`RJHUB_OIDC_CLIENT_SECRET` or `_FILE`).
  public var clientSecret: Secret
  /// A session not used for this long is signed out (`RJHUB_WORKPLACE_IDLE_TIMEOUT`).
  public var idleTimeout: Duration
  /// The longest a session lasts however busy (`RJHUB_WORKPLACE_SESSION_LIMIT`); never longer
  /// than the access token it holds.
  public var sessionLimit: Duration
  /// Where each service's API is.
  public var services: ServiceAddresses
  /// Database connections per process (`RJHUB_DB_POOL_SIZE`).
  public var poolSize: Int
  /// The workplace's database (`RJHUB_DATABASE_URL`), holding only its sessions.
  public var databaseURL: Secret

  /// The HTTP port the workplace listens on unless `RJHUB_HTTP_PORT` says otherwise.
  public static let defaultHTTPPort = 8086

  /// The base URLs of the services whose APIs the workplace calls.
  public struct ServiceAddresses: Sendable {
    /// intake (`RJHUB_INTAKE_URL`): submissions to review, transfers.
    public var intake: String
    /// victim-contact (`RJHUB_VICTIM_CONTACT_URL`): cases, tasks, the journey.
    public var victimContact: String
    /// facilitator-matching (`RJHUB_FACILITATOR_MATCHING_URL`): the register, allocations.
    public var facilitatorMatching: String
    /// reporting (`RJHUB_REPORTING_URL`): the figures dashboard linked from every page.
    public var reporting: String
  }

  /// Every variable the workplace reads beyond every service's, with its default.
  public static let documentation: [SettingDocumentation] = [
    (
      "RJHUB_WORKPLACE_URL", "http://127.0.0.1:8086",
      "Address people open the workplace at; the identity provider must list <url>/auth/callback as a redirect URI of the client."
    ),
    (
      "RJHUB_OIDC_ISSUER", "required",
      "The OpenID Connect issuer staff sign in with (discovery at <issuer>/.well-known/openid-configuration); its tokens must also be trusted by the services (RJHUB_JWT_JWKS_FILE, RJHUB_JWT_ISSUERS)."
    ),
    (
      "RJHUB_OIDC_CLIENT_ID", "rjhub-workplace",
      "The workplace's client id at the identity provider."
    ),
    (
      "RJHUB_OIDC_CLIENT_SECRET", "required",
      "The workplace's client secret (or RJHUB_OIDC_CLIENT_SECRET_FILE)."
    ),
    ("RJHUB_WORKPLACE_IDLE_TIMEOUT", "30m", "A session not used for this long is signed out."),
    (
      "RJHUB_WORKPLACE_SESSION_LIMIT", "10h",
      "The longest a session lasts; never longer than the access token it holds."
    ),
    ("RJHUB_INTAKE_URL", "http://127.0.0.1:8081", "intake's API."),
    ("RJHUB_VICTIM_CONTACT_URL", "http://127.0.0.1:8082", "victim-contact's API."),
    ("RJHUB_FACILITATOR_MATCHING_URL", "http://127.0.0.1:8083", "facilitator-matching's API."),
    ("RJHUB_REPORTING_URL", "http://127.0.0.1:8085", "reporting's API and figures dashboard."),
    ("RJHUB_DB_POOL_SIZE", "4", "Database connections of the workplace process."),
    (
      "RJHUB_DATABASE_URL", "required",
      "The workplace's database account (its schema holds only sessions)."
    ),
  ]

  /// Reads the settings.
  /// - Throws: ``ConfigurationError`` naming a variable that is missing or malformed.
  public init(environment: EnvironmentReader) throws(ConfigurationError) {
    publicURL = try Self.url(
      environment, "RJHUB_WORKPLACE_URL", default: "http://127.0.0.1:8086")
    issuer = try Self.url(environment, "RJHUB_OIDC_ISSUER", default: nil)
    clientID = environment.string("RJHUB_OIDC_CLIENT_ID", default: "rjhub-workplace")
    clientSecret = try environment.secret("RJHUB_OIDC_CLIENT_SECRET")
    idleTimeout = try environment.duration("RJHUB_WORKPLACE_IDLE_TIMEOUT", default: .seconds(1800))
    sessionLimit = try environment.duration(
      "RJHUB_WORKPLACE_SESSION_LIMIT", default: .seconds(36_000))
    services = ServiceAddresses(
      intake: try Self.url(environment, "RJHUB_INTAKE_URL", default: "http://127.0.0.1:8081"),
      victimContact: try Self.url(
        environment, "RJHUB_VICTIM_CONTACT_URL", default: "http://127.0.0.1:8082"),
      facilitatorMatching: try Self.url(
        environment, "RJHUB_FACILITATOR_MATCHING_URL", default: "http://127.0.0.1:8083"),
      reporting: try Self.url(
        environment, "RJHUB_REPORTING_URL", default: "http://127.0.0.1:8085"))
    poolSize = try environment.int("RJHUB_DB_POOL_SIZE", default: 4, range: 1...64)
    databaseURL = try environment.secret("RJHUB_DATABASE_URL")
    guard idleTimeout > .zero, sessionLimit >= idleTimeout else {
      throw ConfigurationError(
        variable: "RJHUB_WORKPLACE_IDLE_TIMEOUT",
        expected: "a duration above zero and no longer than RJHUB_WORKPLACE_SESSION_LIMIT",
        reason: .malformed)
    }
  }

  /// Whether the workplace is reached over HTTPS (or on loopback, which browsers treat as
  /// secure), so its cookies may carry `Secure`.
  public var servesSecureContext: Bool {
    publicURL.hasPrefix("https://") || publicURL.hasPrefix("http://127.0.0.1")
      || publicURL.hasPrefix("http://localhost")
  }

  /// An `http` or `https` URL without its trailing slash.
  private static func url(
    _ environment: EnvironmentReader, _ name: String, default defaultValue: String?
  ) throws(ConfigurationError) -> String {
    let text: String
    if let defaultValue {
      text = environment.string(name, default: defaultValue)
    } else {
      text = try environment.requiredString(name)
    }
    var trimmed = text.trimmingCharacters(in: .whitespaces)
    while trimmed.hasSuffix("/") { trimmed.removeLast() }
    guard let parsed = URL(string: trimmed), ["http", "https"].contains(parsed.scheme ?? ""),
      parsed.host != nil
    else {
      throw ConfigurationError(
        variable: name, expected: "an http or https URL such as http://127.0.0.1:8086",
        reason: .malformed)
    }
    return trimmed
  }
}
